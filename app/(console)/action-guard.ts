// The shape check every server action makes before anything else. An action is a public endpoint: anyone
// can POST it any arguments React's reply format can carry (strings, numbers, objects, arrays, nothing at
// all), whatever its TypeScript signature says. Reading a field of a "form" that is not a FormData threw
// (HTTP 500), and a missing id reached the data layer as `undefined`, which Prisma drops from a where clause:
// createPortalInviteAction() with no argument made an invite for the first subscriber in scope.
// e2e/server-actions.spec.ts sends every action such arguments.
import type { ActionFailure } from "./action-state";

/** The answer to a call no page of ours makes: nothing was read or changed. */
export function malformedCall(): ActionFailure {
  return { ok: false, message: "This request was malformed and nothing was changed. Reload the page and try again.", fieldErrors: {} };
}

/** A form action's form argument. */
export function isForm(value: unknown): value is FormData {
  return value instanceof FormData;
}

/** An object id (cuid) or a token passed as a plain argument: a short word of letters, digits, `_` and `-`. */
export function isIdArg(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{1,100}$/.test(value);
}
