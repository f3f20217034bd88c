// The staleness policy (RFC 4640 §4: "information going stale" is a network-side trigger). Subscribers
// whose last successful bootstrap is older than `staleness.maxAgeSeconds` — or who never bootstrapped
// and were created before that age — are flagged with reason `stale`. A subscriber already flagged for
// another reason keeps it (that reason says more), and a suspended one is left alone (its bootstrap is
// refused anyway). Every update is conditional on the row still being unflagged, so several app
// instances running this at once flag each MN once and write one audit entry for it.
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin, requireWrite, systemActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { getDb } from "@/lib/db/client";
import { withTx } from "@/lib/db/tx";
import { isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/domain/schemas/parse";
import { StalenessPolicySchema, type StalenessPolicy } from "@/lib/domain/schemas/rebootstrap";
import { subscriberScopeWhere } from "@/lib/data/subscribers";

export const STALENESS_KEY = "staleness.maxAgeSeconds";
/** When the periodic run last started (any instance); the claim that keeps instances from piling up. */
const LAST_RUN_KEY = "staleness.lastRunAt";
const BATCH = 200;

export type StalenessPolicyDto = StalenessPolicy & { updatedAt: string | null };
export type StalenessRun = { maxAgeSeconds: number; cutoff: string | null; flagged: number };

/** The stored policy; a missing or unreadable value means off. Readable by every signed-in role. */
export async function getStalenessPolicy(): Promise<StalenessPolicyDto> {
  const row = await getDb().setting.findUnique({ where: { key: STALENESS_KEY }, select: { value: true, updatedAt: true } });
  const parsed = StalenessPolicySchema.safeParse({ maxAgeSeconds: row ? Number(row.value) : 0 });
  return { maxAgeSeconds: parsed.success ? parsed.data.maxAgeSeconds : 0, updatedAt: row ? row.updatedAt.toISOString() : null };
}

/** Admin only: it changes which MNs of every provider get flagged. */
export async function setStalenessPolicy(actor: Actor, input: unknown): Promise<StalenessPolicyDto> {
  requireAdmin(actor);
  const { maxAgeSeconds } = parseInput(StalenessPolicySchema, input);
  await withTx(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: STALENESS_KEY }, select: { value: true } });
    await tx.setting.upsert({ where: { key: STALENESS_KEY }, create: { key: STALENESS_KEY, value: String(maxAgeSeconds) }, update: { value: String(maxAgeSeconds) } });
    await recordAudit(tx, actor, {
      action: "setting.update",
      objectType: "setting",
      objectId: STALENESS_KEY,
      before: before ? { maxAgeSeconds: Number(before.value) } : null,
      after: { maxAgeSeconds },
    });
  });
  return getStalenessPolicy();
}

/**
 * Flag the stale subscribers the actor may see (all of them for the system actor). Returns how many this
 * call flagged; 0 when the policy is off.
 */
export async function flagStaleSubscribers(actor: Actor, now: Date = new Date()): Promise<StalenessRun> {
  requireWrite(actor);
  const { maxAgeSeconds } = await getStalenessPolicy();
  if (maxAgeSeconds === 0) return { maxAgeSeconds, cutoff: null, flagged: 0 };
  const cutoff = new Date(now.getTime() - maxAgeSeconds * 1000);
  const scoped: Actor = { ...actor, requestId: actor.requestId ?? crypto.randomUUID() };
  const stale = {
    AND: [
      subscriberScopeWhere(actor),
      { rebootstrapRequired: false, status: "active" },
      { OR: [{ lastBootstrapAt: { lt: cutoff } }, { lastBootstrapAt: null, createdAt: { lt: cutoff } }] },
    ],
  };
  const after = { rebootstrapRequired: true, rebootstrapReason: "stale", rebootstrapAt: now };
  let flagged = 0;
  let last: string | null = null;
  for (;;) {
    const page: { id: string }[] = await getDb().subscriber.findMany({
      where: last ? { AND: [stale, { id: { gt: last } }] } : stale,
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true },
    });
    if (!page.length) break;
    flagged += await withTx(async (tx) => {
      let n = 0;
      for (const { id } of page) {
        // Conditional on the row still matching: another instance (or an operator) may have flagged it since.
        const r = await tx.subscriber.updateMany({ where: { AND: [{ id }, stale] }, data: after });
        if (r.count === 0) continue;
        n++;
        await recordAudit(tx, scoped, {
          action: "subscriber.rebootstrap",
          objectType: "subscriber",
          objectId: id,
          before: { rebootstrapRequired: false, rebootstrapReason: null },
          after: { ...after, maxAgeSeconds },
        });
      }
      return n;
    }, { timeoutMs: 120_000 });
    last = page[page.length - 1].id;
    if (page.length < BATCH) break;
  }
  return { maxAgeSeconds, cutoff: cutoff.toISOString(), flagged };
}

/** "Apply now" from the settings page or the API: admin only, like editing the policy. */
export async function applyStalenessPolicy(actor: Actor, now: Date = new Date()): Promise<StalenessRun> {
  requireAdmin(actor);
  return flagStaleSubscribers(actor, now);
}

/**
 * Claim this period's run: true for exactly one caller among instances that tick at once. The claim is a
 * compare-and-set on the last-run time, so it holds across processes and on PostgreSQL.
 */
async function claimRun(now: Date, minGapMs: number): Promise<boolean> {
  const db = getDb();
  const row = await db.setting.findUnique({ where: { key: LAST_RUN_KEY }, select: { value: true } });
  if (!row) {
    try {
      await db.setting.create({ data: { key: LAST_RUN_KEY, value: now.toISOString() } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
  const lastRun = new Date(row.value).getTime();
  if (!Number.isNaN(lastRun) && now.getTime() - lastRun < minGapMs && lastRun <= now.getTime()) return false;
  const r = await db.setting.updateMany({ where: { key: LAST_RUN_KEY, value: row.value }, data: { value: now.toISOString() } });
  return r.count === 1;
}

/** One periodic tick (instrumentation.ts): at most one instance per period does the work; null when it did none. */
export async function stalenessTick(now: Date, periodMs: number): Promise<StalenessRun | null> {
  // With the policy off (the default) a tick is one read: no claim is written.
  if ((await getStalenessPolicy()).maxAgeSeconds === 0) return null;
  // A little under the period, so timer drift does not make every other tick a no-op.
  if (!(await claimRun(now, periodMs * 0.8))) return null;
  return flagStaleSubscribers(systemActor("staleness-policy"), now);
}
