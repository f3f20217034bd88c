// The subscriber portal's session cookie: a small HMAC-signed token of our own, separate from next-auth.
// Why not a second next-auth provider: next-auth keeps one session cookie per deployment, so a portal
// sign-in would replace an operator's session in the same browser, and every operator gate would have to
// remember to refuse a subscriber token (fail-open if one forgets). This cookie has its own name and its
// own key, and nothing on the operator side (requireUser, bearer auth, the proxy) ever reads it, so an
// operator page or /api/v1 refuses a portal session by construction. Pure apart from the key derivation.
import crypto from "node:crypto";

export const PORTAL_COOKIE = "mip6_portal";
/** A portal visit is short: a stolen cookie is good for hours, not weeks. */
export const PORTAL_SESSION_SECONDS = 8 * 60 * 60;

export type PortalClaims = {
  /** subscriber id */
  sid: string;
  /** password version: changes when the portal password changes, which ends older sessions */
  pv: string;
  /** expiry, seconds since the epoch */
  exp: number;
};

/** A key of its own (HKDF from the data key, distinct label), so it is neither the data key nor next-auth's. */
export function portalSessionKey(dataKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", dataKey, Buffer.alloc(0), Buffer.from("mip6-portal-session-v1", "utf8"), 32));
}

/** Short, stable fingerprint of the stored password hash (never the hash itself in the cookie). */
export function passwordVersion(portalPasswordHash: string | null): string {
  return crypto.createHash("sha256").update(portalPasswordHash ?? "", "utf8").digest("base64url").slice(0, 16);
}

const mac = (key: Buffer, payload: string) => crypto.createHmac("sha256", key).update(`portal.${payload}`).digest();

export function signPortalSession(key: Buffer, claims: PortalClaims): string {
  const payload = Buffer.from(JSON.stringify({ sid: claims.sid, pv: claims.pv, exp: claims.exp }), "utf8").toString("base64url");
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

/** The claims of a genuine, unexpired cookie value, or null for anything else. */
export function verifyPortalSession(key: Buffer, value: string | undefined | null, now: Date = new Date()): PortalClaims | null {
  if (!value || value.length > 1024) return null;
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return null;
  const given = Buffer.from(m[2], "base64url");
  const expected = mac(key, m[1]);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(m[1], "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const c = claims as Partial<PortalClaims>;
  if (typeof c.sid !== "string" || typeof c.pv !== "string" || typeof c.exp !== "number") return null;
  if (c.exp * 1000 <= now.getTime()) return null;
  return { sid: c.sid, pv: c.pv, exp: c.exp };
}
