// Subscriber root secrets (spec/bootstrap-v1.md "Credential and keys"). A root secret is generated from
// the CSPRNG, shown once by the caller, and stored sealed with AES-256-GCM (lib/crypto/secret-box.ts)
// whose AAD is the subscriber id, so a sealed secret copied onto another subscriber's row does not open.
// The caller owns the transaction and records the audit entry (the secret itself is never audited).
import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { seal, open } from "@/lib/crypto/secret-box";
import { deriveAuthKey, keyName, encodeBase64Url, decodeBase64Url, ROOT_SECRET_MIN_BYTES, ROOT_SECRET_MAX_BYTES } from "@/lib/domain/keys";

type Tx = Prisma.TransactionClient;
type Reader = Tx | PrismaClient;

export const ROOT_SECRET_KIND = "root-secret";
export const ROOT_SECRET_BYTES = 32;

export function generateRootSecret(): Buffer {
  return crypto.randomBytes(ROOT_SECRET_BYTES);
}

export function encodeSecret(buf: Buffer): string {
  return encodeBase64Url(buf);
}

export type DecodedSecret = { ok: true; secret: Buffer } | { ok: false; message: string };

/** Decode an imported or typed root secret: strict base64url without padding, 16–64 bytes. */
export function decodeSecret(text: string): DecodedSecret {
  const buf = decodeBase64Url(typeof text === "string" ? text.trim() : "");
  if (!buf) return { ok: false, message: "the secret must be base64url without padding (A–Z a–z 0–9 - _)" };
  if (buf.length < ROOT_SECRET_MIN_BYTES || buf.length > ROOT_SECRET_MAX_BYTES) {
    return { ok: false, message: `the secret must be ${ROOT_SECRET_MIN_BYTES} to ${ROOT_SECRET_MAX_BYTES} bytes (it is ${buf.length})` };
  }
  return { ok: true, secret: buf };
}

/**
 * The name shown for a root secret: keyName(K_auth) for the subscriber's NAI. It identifies the
 * credential in UIs and logs without revealing it, and it changes when the secret is rotated.
 */
export function rootSecretKeyName(secret: Buffer, nai: string): string {
  return keyName(deriveAuthKey(secret, nai));
}

/** Create or replace (rotate) the subscriber's root secret. Returns the key name. */
export async function storeRootSecret(tx: Tx, subscriberId: string, secret: Buffer): Promise<{ keyName: string }> {
  const sub = await tx.subscriber.findUnique({ where: { id: subscriberId }, select: { nai: true } });
  if (!sub) throw new Error(`subscriber ${subscriberId} does not exist`);
  const name = rootSecretKeyName(secret, sub.nai);
  const secretEnc = seal(secret, subscriberId);
  await tx.credential.upsert({
    where: { subscriberId_kind: { subscriberId, kind: ROOT_SECRET_KIND } },
    create: { subscriberId, kind: ROOT_SECRET_KIND, secretEnc, keyName: name },
    update: { secretEnc, keyName: name, rotatedAt: new Date() },
  });
  return { keyName: name };
}

/** The decrypted root secret, or null when the subscriber has none. */
export async function loadRootSecret(db: Reader, subscriberId: string): Promise<Buffer | null> {
  const cred = await db.credential.findUnique({
    where: { subscriberId_kind: { subscriberId, kind: ROOT_SECRET_KIND } },
    select: { secretEnc: true },
  });
  return cred?.secretEnc ? open(cred.secretEnc, subscriberId) : null;
}
