// Network Access Identifier syntax, RFC 7542 §2.2 (which replaces RFC 4282; `\` escapes are gone).
// Pure: no I/O. The normalised form (spec/bootstrap-v1.md "Encodings") lowers the realm's ASCII letters
// and keeps the user part byte for byte, because only the home domain may interpret the user part
// (RFC 7542 §2.4) while ASCII realms compare case-insensitively (§3).
import { domainToASCII } from "node:url";

export type NaiResult =
  | { ok: true; nai: string; user: string | null; realm: string | null }
  | { ok: false; message: string };

export type RealmResult = { ok: true; realm: string } | { ok: false; message: string };

/** RADIUS User-Name caps at 253 octets (RFC 2865); RFC 7542 §2.3 says SHOULD support 253. */
export const NAI_MAX_OCTETS = 253;
const LABEL_MAX_OCTETS = 63;

const ASCII_ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]$/;
const ASCII_ALNUM = /^[A-Za-z0-9]$/;

function octets(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/**
 * Any non-ASCII scalar value is utf8-atext / utf8-rtext (RFC 3629 UTF8-2/3/4). C1 controls
 * (U+0080–U+009F) technically match UTF8-2, but a control character is never a sensible identifier,
 * so they are refused like ASCII controls.
 */
function isNonAsciiText(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp > 0x9f;
}

function isAtext(ch: string): boolean {
  return ASCII_ATEXT.test(ch) || isNonAsciiText(ch);
}

function isRtext(ch: string): boolean {
  return ASCII_ALNUM.test(ch) || isNonAsciiText(ch);
}

function describe(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) return `control character U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  if (ch === " ") return "a space";
  return `"${ch}"`;
}

/** The realm's ASCII letters lowered (A–Z → a–z); nothing else changes (never case-fold non-ASCII). */
export function normalizeRealm(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function checkUser(user: string): string | null {
  if (user === "") return "the user part is empty";
  const parts = user.split(".");
  if (parts.some((p) => p === "")) {
    if (user.startsWith(".")) return "the user part must not start with a dot";
    if (user.endsWith(".")) return "the user part must not end with a dot";
    return "the user part must not contain two dots in a row";
  }
  for (const ch of user) {
    if (ch === ".") continue;
    if (!isAtext(ch)) return `the user part must not contain ${describe(ch)}`;
  }
  return null;
}

function checkRealm(realm: string): string | null {
  if (realm === "") return "the realm is empty";
  if (octets(realm) > NAI_MAX_OCTETS) return `the realm is longer than ${NAI_MAX_OCTETS} octets`;
  const labels = realm.split(".");
  if (labels.some((l) => l === "")) {
    if (realm.endsWith(".")) return "the realm must not end with a dot";
    if (realm.startsWith(".")) return "the realm must not start with a dot";
    return "the realm must not contain an empty label (two dots in a row)";
  }
  if (labels.length < 2) return "the realm needs at least two labels (e.g. example.com); single-label realms are not allowed";
  for (const label of labels) {
    for (const ch of label) {
      if (ch === "_") return "the realm must not contain \"_\"";
      if (ch !== "-" && !isRtext(ch)) return `the realm must not contain ${describe(ch)}`;
    }
    if (label.startsWith("-") || label.endsWith("-")) return `realm label "${label}" must not start or end with "-"`;
    if (octets(label) > LABEL_MAX_OCTETS) return `realm label "${label.slice(0, 20)}…" is longer than ${LABEL_MAX_OCTETS} octets`;
    // RFC 7542 §2.5: a realm must be registrable as an IDNA domain name, so an internationalised label
    // must have an A-label form that fits a DNS label.
    if (/[^\x00-\x7f]/.test(label)) {
      const aLabel = domainToASCII(label);
      if (aLabel === "") return `realm label "${label}" is not a valid internationalised domain label`;
      if (aLabel.length > LABEL_MAX_OCTETS) return `realm label "${label.slice(0, 20)}…" is longer than ${LABEL_MAX_OCTETS} octets in A-label form`;
    }
  }
  return null;
}

function checkEncoding(input: string): string | null {
  if (input.normalize("NFC") !== input) return "must be UTF-8 in Unicode normalisation form C (NFC)";
  // A lone surrogate cannot be encoded as UTF-8, so it is not a character of any NAI.
  if (/[\uD800-\uDFFF]/u.test(input)) return "contains an invalid character";
  return null;
}

/** Validate an NAI in any of RFC 7542's three forms: `user`, `@realm`, `user@realm`. */
export function parseNai(input: string): NaiResult {
  if (typeof input !== "string" || input === "") return { ok: false, message: "the NAI is empty" };
  const enc = checkEncoding(input);
  if (enc) return { ok: false, message: `the NAI ${enc}` };
  if (octets(input) > NAI_MAX_OCTETS) return { ok: false, message: `the NAI is longer than ${NAI_MAX_OCTETS} octets (UTF-8)` };
  const at = input.indexOf("@");
  if (at !== input.lastIndexOf("@")) return { ok: false, message: "the NAI must contain at most one \"@\"" };
  if (at < 0) {
    const err = checkUser(input);
    return err ? { ok: false, message: err } : { ok: true, nai: input, user: input, realm: null };
  }
  const user = input.slice(0, at);
  const realm = input.slice(at + 1);
  if (user === "" && realm === "") return { ok: false, message: "the NAI has neither a user part nor a realm" };
  const realmErr = checkRealm(realm);
  if (realmErr) return { ok: false, message: realmErr };
  if (user !== "") {
    const userErr = checkUser(user);
    if (userErr) return { ok: false, message: userErr };
  }
  const normRealm = normalizeRealm(realm);
  return { ok: true, nai: `${user}@${normRealm}`, user: user === "" ? null : user, realm: normRealm };
}

/** A subscriber's NAI must name both the user and its home realm (`user@realm`). */
export function parseSubscriberNai(input: string): NaiResult {
  const r = parseNai(input);
  if (!r.ok) return r;
  if (r.user === null || r.realm === null) return { ok: false, message: "a subscriber NAI must have the form user@realm" };
  return r;
}

/** Validate a realm (e.g. a serving realm or a provider's DNS realm); returns its normalised form. */
export function parseRealm(input: string): RealmResult {
  if (typeof input !== "string" || input === "") return { ok: false, message: "the realm is empty" };
  const enc = checkEncoding(input);
  if (enc) return { ok: false, message: `the realm ${enc}` };
  const err = checkRealm(input);
  return err ? { ok: false, message: err } : { ok: true, realm: normalizeRealm(input) };
}
