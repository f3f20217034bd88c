// Key derivation of spec/bootstrap-v1.md "Credential and keys": HKDF-SHA256 (RFC 5869) from the
// subscriber's root secret K. Each key has its own purpose label in `info`, so the network-access key
// K_na and the mobility keys (K_auth, PSK) are cryptographically separate (RFC 4640 §9.2).
// Pure (node:crypto only, no I/O). Key material is never logged; keys are referred to by keyName.
import crypto from "node:crypto";

export const BOOTSTRAP_SALT = "mip6-bootstrap-v1";
export const KEY_LENGTH = 32;
/** Import may supply 16–64 bytes; generated secrets are 32 bytes. */
export const ROOT_SECRET_MIN_BYTES = 16;
export const ROOT_SECRET_MAX_BYTES = 64;

type Bytes = Buffer | Uint8Array | string;

function bytes(v: Bytes): Buffer {
  return typeof v === "string" ? Buffer.from(v, "utf8") : Buffer.from(v);
}

/** HKDF-SHA256 (Extract then Expand). Strings are taken as their UTF-8 bytes. */
export function hkdfSha256(ikm: Bytes, salt: Bytes, info: Bytes, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", bytes(ikm), bytes(salt), bytes(info), length));
}

/** K_auth: MACs on bootstrap and status requests and responses. */
export function deriveAuthKey(rootSecret: Buffer, nai: string): Buffer {
  return hkdfSha256(rootSecret, BOOTSTRAP_SALT, `auth|${nai}`, KEY_LENGTH);
}

/** K_na: network-access key (integrated scenario); never used for mobility. */
export function deriveNetworkAccessKey(rootSecret: Buffer, nai: string): Buffer {
  return hkdfSha256(rootSecret, BOOTSTRAP_SALT, `network-access|${nai}`, KEY_LENGTH);
}

/** The IKEv2 PSK between this MN and its HA for one session; salt = the session id. */
export function derivePsk(rootSecret: Buffer, sessionId: string, nai: string, homeAgentAddress: string): Buffer {
  return hkdfSha256(rootSecret, sessionId, `ike-psk|${nai}|${homeAgentAddress}`, KEY_LENGTH);
}

/** keyName(X) = base64url(first 16 bytes of SHA-256("mip6-key-name|" ‖ X)). Safe to show and log. */
export function keyName(key: Buffer): string {
  return crypto.createHash("sha256").update("mip6-key-name|", "utf8").update(key).digest().subarray(0, 16).toString("base64url");
}

export function hmacSha256(key: Buffer, message: string): Buffer {
  return crypto.createHmac("sha256", key).update(message, "utf8").digest();
}

/**
 * Constant-time comparison of a received MAC with the expected one. timingSafeEqual needs equal
 * lengths, so a MAC of the wrong length is compared against the expected value itself (same work)
 * and then reported as a mismatch.
 */
export function macEquals(expected: Buffer, received: Buffer): boolean {
  const sameLength = received.length === expected.length;
  const equal = crypto.timingSafeEqual(expected, sameLength ? received : expected);
  return sameLength && equal;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (RFC 4648 §5). */
export function encodeBase64Url(buf: Buffer | Uint8Array): string {
  return Buffer.from(buf).toString("base64url");
}

/**
 * Strict base64url without padding: only the URL-safe alphabet, no `=`, and the canonical encoding
 * (unused trailing bits zero), so one byte string has exactly one accepted spelling. Returns null when
 * the text is not such an encoding.
 */
export function decodeBase64Url(text: string): Buffer | null {
  if (typeof text !== "string" || !B64URL.test(text) || text.length % 4 === 1) return null;
  const buf = Buffer.from(text, "base64url");
  return buf.toString("base64url") === text ? buf : null;
}
