// TOTP second factor (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 30-second steps, 6 digits, the
// parameters every authenticator app uses. The 20-byte secret is stored sealed (lib/crypto/secret-box.ts)
// with the user id as associated data, so a sealed secret copied onto another account does not open.
import crypto from "node:crypto";
import { open, seal } from "@/lib/crypto/secret-box";

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Accept the previous and next step too: phone clocks drift. */
const WINDOW = 1;

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** RFC 4226 §5.3: HOTP value of `counter` as a zero-padded decimal string. */
export function hotp(secret: Buffer, counter: bigint, digits = TOTP_DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(counter);
  const mac = crypto.createHmac(algorithm, secret).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, "0");
}

export function totpAt(secret: Buffer, at: Date, digits = TOTP_DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  return hotp(secret, BigInt(Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS)), digits, algorithm);
}

/** The RFC 6238 time step (counter) of an instant. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/**
 * The step `code` belongs to — the current step or one either side — or null. Every candidate is compared
 * (in constant time) whatever matched. Steps up to `spentThrough` are spent (RFC 6238 §5.2: a code is
 * accepted once); of several matching steps the earliest unspent one is returned.
 */
export function matchTotpStep(secret: Buffer, code: string, now = new Date(), spentThrough: number | null = null): number | null {
  const clean = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const step = totpStep(now);
  let found: number | null = null;
  for (let d = -WINDOW; d <= WINDOW; d++) {
    const s = step + d;
    const hit = crypto.timingSafeEqual(Buffer.from(hotp(secret, BigInt(s))), Buffer.from(clean));
    if (hit && found === null && (spentThrough === null || s > spentThrough)) found = s;
  }
  return found;
}

/**
 * True when `code` matches the current step or one either side. Says nothing about reuse: callers that
 * accept a code must also spend its step (matchTotpStep + a conditional update of User.totpLastStep).
 */
export function verifyTotp(secret: Buffer, code: string, now = new Date()): boolean {
  return matchTotpStep(secret, code, now) !== null;
}

export function newTotpSecret(): Buffer {
  return crypto.randomBytes(20);
}

/** The otpauth:// URI authenticator apps import (typed in or pasted; no QR code needed). */
export function otpauthUri(secret: Buffer, account: string, issuer = "MIP6 Console"): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({ secret: base32Encode(secret), issuer, algorithm: "SHA1", digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

export const sealTotpSecret = (secret: Buffer, userId: string) => seal(secret, `totp:${userId}`);
export const openTotpSecret = (sealed: string, userId: string) => open(sealed, `totp:${userId}`);
/** A not-yet-confirmed secret travels through the enrolment form sealed under a different label. */
export const sealPendingTotp = (secret: Buffer, userId: string) => seal(secret, `totp-enrol:${userId}`);
export const openPendingTotp = (sealed: string, userId: string) => open(sealed, `totp-enrol:${userId}`);
