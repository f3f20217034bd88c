// Request validation for bootstrap-v1 (spec "Errors": 400 malformed_request, then 422 invalid_request
// with per-field messages). Runs before any database or key work, so bad input is cheap to refuse.
import { z } from "zod";
import { parseNai, parseRealm } from "@/lib/domain/nai";
import { decodeBase64Url } from "@/lib/domain/keys";
import { HOME_ADDRESS_MODES, type HomeAddressMode } from "@/lib/domain/home-address";
import { errorResult, type BootstrapErrorResult } from "./errors";

export const TRIGGERS = ["boot", "prefix-change", "periodic", "network", "manual"] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const NONCE_BYTES = 16;
export const MAC_BYTES = 32;

/**
 * RFC 3339 date-time. The spec's own format is UTC with milliseconds; other RFC 3339 spellings
 * (an offset, no or more fraction digits) are accepted too, because the MAC covers the text exactly
 * as sent and the instant is unambiguous.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(text: string): Date | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const date = new Date(text.toUpperCase());
  if (Number.isNaN(date.getTime())) return null;
  // Date accepts 2026-02-31 by rolling over; refuse days the month does not have.
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth ? date : null;
}

const requiredString = (name: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be a string`) });

const naiField = requiredString("nai").superRefine((v, ctx) => {
  const r = parseNai(v);
  if (!r.ok) ctx.addIssue({ code: "custom", message: `not a valid NAI: ${r.message}` });
});

const timestampField = requiredString("timestamp").refine((v) => parseTimestamp(v) !== null, {
  message: "must be an RFC 3339 UTC time such as 2026-12-03T12:00:00.000Z",
});

const bytesField = (name: string, length: number) =>
  requiredString(name).superRefine((v, ctx) => {
    const buf = decodeBase64Url(v);
    if (!buf) ctx.addIssue({ code: "custom", message: "must be base64url without padding" });
    else if (buf.length !== length) ctx.addIssue({ code: "custom", message: `must be ${length} bytes (got ${buf.length})` });
  });

const BootstrapRequestSchema = z.object({
  nai: naiField,
  servingRealm: requiredString("servingRealm").superRefine((v, ctx) => {
    if (v === "") return;
    const r = parseRealm(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: `not a valid realm: ${r.message} (send "" when unknown)` });
  }),
  timestamp: timestampField,
  nonce: bytesField("nonce", NONCE_BYTES),
  homeAddressMode: z.enum(HOME_ADDRESS_MODES as [HomeAddressMode, ...HomeAddressMode[]], {
    error: `must be one of ${HOME_ADDRESS_MODES.join(", ")}`,
  }),
  trigger: z.enum(TRIGGERS, { error: `must be one of ${TRIGGERS.join(", ")}` }),
  mac: bytesField("mac", MAC_BYTES),
});

const StatusRequestSchema = z.object({
  nai: naiField,
  timestamp: timestampField,
  nonce: bytesField("nonce", NONCE_BYTES),
  mac: bytesField("mac", MAC_BYTES),
});

export type BootstrapRequest = {
  /** normalised NAI (spec "Encodings") */
  nai: string;
  /** normalised serving realm, "" when unknown */
  servingRealm: string;
  timestamp: string;
  time: Date;
  nonce: string;
  homeAddressMode: HomeAddressMode;
  trigger: Trigger;
  mac: string;
};

export type StatusRequest = { nai: string; timestamp: string; time: Date; nonce: string; mac: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: BootstrapErrorResult };

function fieldErrors(error: z.ZodError): Record<string, string> {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  const out: Record<string, string> = {};
  for (const [k, msgs] of Object.entries(flat)) if (msgs && msgs.length > 0) out[k] = msgs[0];
  return out;
}

function checkObject(body: unknown): BootstrapErrorResult | null {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return errorResult("malformed_request", "the request body must be a JSON object");
  }
  return null;
}

function normalisedNai(text: string): string {
  const r = parseNai(text);
  if (!r.ok) throw new Error("unreachable: NAI already validated");
  return r.nai;
}

export function parseBootstrapRequest(body: unknown): Parsed<BootstrapRequest> {
  const notObject = checkObject(body);
  if (notObject) return { ok: false, error: notObject };
  const r = BootstrapRequestSchema.safeParse(body);
  if (!r.success) return { ok: false, error: errorResult("invalid_request", "one or more fields are missing or malformed", fieldErrors(r.error)) };
  const v = r.data;
  const realm = v.servingRealm === "" ? "" : parseRealm(v.servingRealm);
  return {
    ok: true,
    value: {
      nai: normalisedNai(v.nai),
      servingRealm: typeof realm === "string" ? realm : realm.ok ? realm.realm : "",
      timestamp: v.timestamp,
      time: parseTimestamp(v.timestamp)!,
      nonce: v.nonce,
      homeAddressMode: v.homeAddressMode,
      trigger: v.trigger,
      mac: v.mac,
    },
  };
}

export function parseStatusRequest(body: unknown): Parsed<StatusRequest> {
  const notObject = checkObject(body);
  if (notObject) return { ok: false, error: notObject };
  const r = StatusRequestSchema.safeParse(body);
  if (!r.success) return { ok: false, error: errorResult("invalid_request", "one or more fields are missing or malformed", fieldErrors(r.error)) };
  const v = r.data;
  return { ok: true, value: { nai: normalisedNai(v.nai), timestamp: v.timestamp, time: parseTimestamp(v.timestamp)!, nonce: v.nonce, mac: v.mac } };
}

/** What a failed request still tells us, for the session record (truncated, never trusted). */
export function rawField(body: unknown, name: string, max: number): string {
  if (body === null || typeof body !== "object") return "";
  const v = (body as Record<string, unknown>)[name];
  // Kept for the record only: a NUL (which PostgreSQL cannot store) becomes U+FFFD so the attempt is still recorded.
  return typeof v === "string" ? v.slice(0, max).replaceAll("\u0000", "\uFFFD") : "";
}
