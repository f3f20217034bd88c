// Freshness, authentication and replay checks shared by the bootstrap and status calls.
import crypto from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { open, seal } from "@/lib/crypto/secret-box";
import { TX_OPTIONS } from "@/lib/db/tx";
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
  | { ok: false; subscriberId: string | null; msaProviderId: string | null };

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

/** No subscriber id looks like this (ids are cuids), so the credential look-up for an unknown NAI finds nothing. */
const NO_SUBSCRIBER = "~unknown-nai~";

/**
 * Authenticate `nai` with the MAC over `canonical`. Known or unknown, the same two indexed look-ups run
 * (subscriber by NAI, then its root-secret credential), the same decryption, key derivation and MAC check;
 * an unknown NAI (or one without a root secret) works on a dummy secret and then fails exactly like a
 * wrong MAC. The failure carries the MSA id so that recording the session costs no extra query either.
 */
export async function authenticate(db: PrismaClient, nai: string, canonical: string, mac: string): Promise<AuthResult> {
  const row = await db.subscriber.findUnique({
    where: { nai },
    select: {
      id: true, nai: true, status: true, msaProviderId: true, asaProviderId: true, homeAddressPolicy: true,
      staticHomeAddress: true, pinnedHomeAgentId: true, homeAgentId: true, rebootstrapRequired: true, rebootstrapReason: true,
    },
  });
  const cred = await db.credential.findUnique({
    where: { subscriberId_kind: { subscriberId: row?.id ?? NO_SUBSCRIBER, kind: ROOT_SECRET_KIND } },
    select: { secretEnc: true },
  });
  const sealed = cred?.secretEnc ?? null;
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
  if (!known || !macOk || !row) return { ok: false, subscriberId: row?.id ?? null, msaProviderId: row?.msaProviderId ?? null };
  return { ok: true, subscriber: row, rootSecret: secret, kAuth };
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
    // A transaction of its own, not a bare statement: SQLite requests share one connection, and a bare
    // write issued while another request's transaction is open runs inside it and is lost if that one
    // rolls back (a forgotten nonce would let the request be replayed). Interactive transactions queue for the connection.
    await db.$transaction((tx) => tx.replayNonce.create({ data: { nai, nonce, expiresAt: new Date(until) } }), TX_OPTIONS);
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
