// Field schemas reused by every input schema, so a form, the API and the CSV importer agree on what a
// valid NAI, realm, address or prefix is. The rules themselves live in lib/domain/nai.ts and ipv6.ts.
import { z } from "zod";
import { parseRealm, parseSubscriberNai } from "@/lib/domain/nai";
import { parseAddress, parsePrefix } from "@/lib/domain/ipv6";

/** Empty strings from forms and CSV cells mean "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** For nullable fields an empty string clears the value. */
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** `what` names the thing in words a person reads ("the home agent"): the message reaches forms, so no field ids. */
export const idField = (what: string) =>
  z.string({ error: `Choose ${what}` }).trim().min(1, `Choose ${what}`).max(64, `the id of ${what} is too long`);

export const optionalId = (what: string) => z.preprocess(blankToNull, idField(what).nullable().optional());

/** Mobility or network-access NAI `user@realm`, normalised (realm ASCII-lowered, user part byte-exact). */
export const naiField = z
  .string({ error: "NAI is required" })
  .transform((v, ctx) => {
    const r = parseSubscriberNai(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.nai;
  })
  .meta({ description: "RFC 7542 NAI user@realm (UTF-8 NFC, at most 253 octets); stored with the realm's ASCII letters lowered", examples: ["alice@mip.example.net"] });

export const realmField = z.string({ error: "realm must be text" }).transform((v, ctx) => {
  const r = parseRealm(v.trim());
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.realm;
}).meta({ description: "DNS realm, at least two labels (RFC 7542 §2.2); stored with ASCII letters lowered", examples: ["mip.example.net"] });

/** An IPv6 address, returned in RFC 5952 canonical form. */
export const addressField = z.string({ error: "address is required" }).transform((v, ctx) => {
  const r = parseAddress(v.trim());
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.canonical;
}).meta({ description: "IPv6 address; answered in RFC 5952 canonical form", examples: ["2001:db8:1::1"] });

/** An IPv6 prefix `addr/len` with zero host bits, returned in canonical form. */
export const prefixField = z.string({ error: "prefix is required" }).transform((v, ctx) => {
  const r = parsePrefix(v.trim());
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.canonical;
}).meta({ description: "IPv6 prefix addr/len with zero host bits; answered in RFC 5952 canonical form", examples: ["2001:db8:1::/64"] });

/** Integers from JSON numbers or from form/CSV text. */
export const intField = (what: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
    z
      .number({ error: `${what} must be a number` })
      .int(`${what} must be a whole number`)
      .min(min, `${what} must be at least ${min}`)
      .max(max, `${what} must be at most ${max}`),
  );

/** Booleans from JSON or from "true"/"false"/"1"/"0"/"on" text. */
export const boolField = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  const t = v.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(t)) return true;
  if (["false", "0", "no", "off", ""].includes(t)) return false;
  return v;
}, z.boolean({ error: "must be true or false" }));

export const textField = (what: string, max: number) =>
  z.string({ error: `${what} is required` }).trim().min(1, `${what} is required`).max(max, `${what} is at most ${max} characters`);

export const dateField = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? new Date(v) : v),
    z.date({ error: `${what} must be an RFC 3339 date-time` }).refine((d) => !Number.isNaN(d.getTime()), `${what} must be an RFC 3339 date-time`),
  );

export { blankToNull, blankToUndefined };
