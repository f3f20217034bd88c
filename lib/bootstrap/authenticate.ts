// Freshness, authentication and replay checks shared by the bootstrap and status calls.
import crypto from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { open, seal } from "@/lib/crypto/secret-box";
import { deriveAuthKey } from "@/lib/domain/keys";
import { isUniqueViolation } from "@/lib/errors";
import { ROOT_SECRET_KIND } from "@/lib/services/credentials";
import { verifyMac } from "./canonical";

/** Is the request time within `skewSeconds` of the server clock (either direction)? */
export function isFresh(requestTime: Date, now: Date, skewSeconds: number): boolean {
  return Math.abs(now.getTime() - requestTime.getTime()) <= skewSeconds * 1000;
}

export type AuthSubscriber = {
  id: string;
  nai: string;
  status: string;
  msaProviderId: string;
  asaProviderId: string | null;
  homeAddressPolicy: string;
  staticHomeAddress: string | null;
  pinnedHomeAgentId: string | null;
  homeAgentId: string | null;
  rebootstrapRequired: boolean;
  rebootstrapReason: string | null;
};

export type AuthResult =
  | { ok: true; subscriber: AuthSubscriber; rootSecret: Buffer; kAuth: Buffer }
  | { ok: false; subscriberId: string | null };

// A sealed random secret opened when the NAI is unknown, so that path costs the same decryption,
// derivation and MAC work as a known NAI with a wrong MAC (spec: indistinguishable in timing).
let dummy: { sealed: string; aad: string } | null = null;
function dummySealed(): { sealed: string; aad: string } {
  if (!dummy) {
    const aad = `dummy-${crypto.randomUUID()}`;
    dummy = { sealed: seal(crypto.randomBytes(32), aad), aad };
  }
  return dummy;
}

/**
 * Authenticate `nai` with the MAC over `canonical`. One query fetches the subscriber and its sealed
 * secret either way; an unknown NAI (or one without a root secret) runs the same work on a dummy secret
 * and then fails exactly like a wrong MAC.
 */
export async function authenticate(db: PrismaClient, nai: string, canonical: string, mac: string): Promise<AuthResult> {
  const row = await db.subscriber.findUnique({
    where: { nai },
    select: {
      id: true, nai: true, status: true, msaProviderId: true, asaProviderId: true, homeAddressPolicy: true,
      staticHomeAddress: true, pinnedHomeAgentId: true, homeAgentId: true, rebootstrapRequired: true, rebootstrapReason: true,
      credentials: { where: { kind: ROOT_SECRET_KIND }, select: { secretEnc: true } },
    },
  });
  const sealed = row?.credentials[0]?.secretEnc ?? null;
  let secret: Buffer;
  let known = row !== null && sealed !== null;
  try {
    if (row && sealed) secret = open(sealed, row.id);
    else {
      const d = dummySealed();
      secret = open(d.sealed, d.aad);
    }
  } catch {
    // A secret that no longer opens (data key changed, row tampered) authenticates nobody.
    const d = dummySealed();
    secret = open(d.sealed, d.aad);
    known = false;
  }
  const kAuth = deriveAuthKey(secret, nai);
  const macOk = verifyMac(kAuth, canonical, mac);
  if (!known || !macOk || !row) return { ok: false, subscriberId: row?.id ?? null };
  const { credentials: _credentials, ...subscriber } = row;
  void _credentials;
  return { ok: true, subscriber, rootSecret: secret, kAuth };
}

let lastPrune = 0;
const PRUNE_INTERVAL_MS = 60_000;

/**
 * Remember an accepted (nai, nonce) pair. Returns false when it was already accepted: the database's
 * primary key decides, so the check holds across restarts and across several app instances.
 * A pair is kept until its request could no longer pass the freshness check (timestamp + skew).
 */
export async function rememberNonce(
  db: PrismaClient,
  nai: string,
  nonce: string,
  requestTime: Date,
  now: Date,
  skewSeconds: number,
): Promise<boolean> {
  const until = Math.max(requestTime.getTime(), now.getTime()) + skewSeconds * 1000 + 1000;
  try {
    await db.replayNonce.create({ data: { nai, nonce, expiresAt: new Date(until) } });
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
  if (now.getTime() - lastPrune > PRUNE_INTERVAL_MS) {
    lastPrune = now.getTime();
    await pruneReplayNonces(db, now);
  }
  return true;
}

/** Delete replay-cache rows whose requests are stale anyway. */
export async function pruneReplayNonces(db: PrismaClient, now: Date): Promise<number> {
  const r = await db.replayNonce.deleteMany({ where: { expiresAt: { lt: now } } });
  return r.count;
}
