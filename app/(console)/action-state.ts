// The result every console form action returns, and the one place that maps a thrown error to it.
// Only our typed errors carry text to the browser; anything else becomes a generic message (and is logged).
import { isAppError, type FieldErrors } from "@/lib/errors";

export type ActionFailure = { ok: false; message: string; fieldErrors: FieldErrors; values?: Record<string, string> };
export type ActionState<T = object> = ({ ok: true } & T) | ActionFailure | null;

export function actionFailure(e: unknown, values?: Record<string, string>): ActionFailure {
  if (isAppError(e)) {
    const fieldErrors = e.fields ?? {};
    const message =
      e.status === 422 ? "Please correct the highlighted fields." : e.status === 404 ? "Not found, or not visible to you." : e.message;
    return { ok: false, message, fieldErrors, values };
  }
  // Re-throw Next's control-flow errors (redirect, notFound) so they keep working inside actions.
  if (typeof e === "object" && e !== null && "digest" in e && /^NEXT_/.test(String((e as { digest: unknown }).digest))) throw e;
  console.error("[mip6] console action failed", e);
  return { ok: false, message: "Something went wrong. Nothing was changed; try again.", fieldErrors: {}, values };
}

/** FormData → plain object of trimmed strings; empty fields are omitted so optional fields read as absent. */
export function formValues(form: FormData, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = form.get(f);
    if (typeof v === "string" && v.trim() !== "") out[f] = v.trim();
  }
  return out;
}
