// Tamper-evident audit trail: each entry's hash covers the previous entry's hash and the entry itself,
// so an edited or deleted entry breaks the chain (verifyAuditChain). Secrets are redacted before storage.
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { actorLabel, auditActor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

const SECRET_KEYS = /(secret|password|token|hash|key|mac|psk|totp)/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.test(k) && k !== "keyName" ? (v == null ? v : "[redacted]") : redact(v);
    }
    return out;
  }
  return value;
}

export type AuditInput = {
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
};

const GENESIS = "0".repeat(64);

function entryHash(prevHash: string, e: {
  seq: number; at: Date; actorType: string; actorId: string | null; actor: string; action: string;
  objectType: string; objectId: string | null; changes: string | null; requestId: string | null;
}): string {
  const canonical = JSON.stringify([
    e.seq, e.at.toISOString(), e.actorType, e.actorId, e.actor, e.action, e.objectType, e.objectId, e.changes, e.requestId,
  ]);
  return crypto.createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

/**
 * Append an entry inside the caller's transaction, so the audit row commits or rolls back with the change.
 * `seq` is unique: two concurrent writers cannot both append after the same entry (one transaction fails
 * and is retried by the caller's transaction runner).
 */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const changes =
    input.before === undefined && input.after === undefined
      ? null
      : JSON.stringify({ before: redact(input.before ?? null), after: redact(input.after ?? null) });
  const row = {
    seq,
    at: new Date(),
    // "user" (actorId = user id), "subscriber" (a portal subscriber acting on itself; actorId = its id) or
    // "system". Entries written before the subscriber type existed say "system" with no actorId; the hash
    // covers the stored values, so they verify as they are.
    ...auditActor(actor),
    actor: actorLabel(actor),
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId ?? null,
    changes,
    requestId: input.requestId ?? actor.requestId ?? null,
  };
  await tx.auditEntry.create({ data: { ...row, prevHash, hash: entryHash(prevHash, row) } });
}

export type AuditVerifyResult = { ok: boolean; checked: number; firstBadSeq: number | null; problem: string | null };

/** Walk the chain in seq order, in batches. */
export async function verifyAuditChain(db: { auditEntry: Tx["auditEntry"] }): Promise<AuditVerifyResult> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await db.auditEntry.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: 1000 });
    if (!batch.length) return { ok: true, checked, firstBadSeq: null, problem: null };
    for (const e of batch) {
      if (e.seq !== expectedSeq) return { ok: false, checked, firstBadSeq: expectedSeq, problem: `entry ${expectedSeq} is missing` };
      if (e.prevHash !== prevHash) return { ok: false, checked, firstBadSeq: e.seq, problem: `entry ${e.seq} does not follow entry ${e.seq - 1}` };
      if (entryHash(prevHash, e) !== e.hash) return { ok: false, checked, firstBadSeq: e.seq, problem: `entry ${e.seq} was altered` };
      prevHash = e.hash;
      expectedSeq++;
      checked++;
    }
  }
}
