// Home prefix renumbering (DOMAIN.md "Home prefix renumbering", spec/api-v1.md): plan → announce →
// drain → complete. Plan and announce run as background jobs in batches (lib/jobs/runner.ts) so a
// prefix of 100k subscribers never needs one long transaction; the renumbering's own state changes
// only in the job's last transaction (members exist before flags flip, flags before "announced").
import type { Actor } from "@/lib/auth/actor";
import { actorLabel, requireWrite, systemActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { getDb } from "@/lib/db/client";
import { withTx, type Tx } from "@/lib/db/tx";
import { ConflictError, ValidationError } from "@/lib/errors";
import { parseAddress, parsePrefix, prefixContains } from "@/lib/domain/ipv6";
import { canAnnounce, canComplete, completionBlocker, dormantCutoff, renumberingTargetProblem } from "@/lib/domain/renumbering";
import { parseInput } from "@/lib/domain/schemas/parse";
import { RenumberingCreateSchema } from "@/lib/domain/schemas/renumbering";
import { getPrefix } from "@/lib/data/prefixes";
import { getRenumbering, renumberingCounts, toMemberDto, type RenumberingDto, type RenumberingMemberDto } from "@/lib/data/renumberings";
import { JOB_BATCH_SIZE, kickJobRunner, registerJobHandler, registerPeriodic, runJob, type JobPayload } from "@/lib/jobs/runner";
import { aggregateContaining } from "./aggregates";
import { flagBatch, memberBatch, staticsBatch, type RenumberingJobPayload } from "./renumbering-batches";
import { serializeOn } from "./support";

export const PLAN_JOB = "renumbering.plan";
export const ANNOUNCE_JOB = "renumbering.announce";
/** How many left-behind MNs a forced completion lists inline; the CSV export has them all. */
const LEFT_BEHIND_LIMIT = 1000;
/** A snapshot is recorded at least this often while counts change, and at most once per sweep. */
const SNAPSHOT_EVERY_MS = 60_000;

async function snapshot(tx: Tx, renumberingId: string, at = new Date()): Promise<void> {
  const c = await renumberingCounts(tx, renumberingId);
  await tx.renumberingEvent.create({ data: { renumberingId, at, ...c } });
}

function payloadOf(p: JobPayload): RenumberingJobPayload {
  return p as RenumberingJobPayload;
}

/** The announcement's moment: now, or the simulated clock the demo history passed (payload `at`). */
function clockOf(p: JobPayload): Date {
  return typeof p.at === "string" ? new Date(p.at) : new Date();
}

/** Only the demo seeder passes a clock (its history runs in the simulated past); operators and the API never do. */
export type RenumberingClock = { now?: Date };

/** members → statics (→ flags when announcing): each phase ends by handing over to the next with a fresh cursor. */
async function memberPhases(tx: Tx, payload: RenumberingJobPayload, batchSize: number, last: "statics" | "flags") {
  if (payload.phase === "members") {
    const r = await memberBatch(tx, payload, batchSize);
    return r.finished ? { payload: { ...payload, phase: "statics" as const, cursor: "" }, processed: r.processed, finished: false } : r;
  }
  const r = await staticsBatch(tx, payload, batchSize);
  if (!r.finished || last === "statics") return r;
  return { payload: { ...payload, phase: "flags" as const, cursor: "" }, processed: r.processed, finished: false };
}

registerJobHandler(PLAN_JOB, {
  batch: (tx, p, ctx) => memberPhases(tx, payloadOf(p), ctx.batchSize, "statics"),
  finish: async (tx, p) => {
    const id = payloadOf(p).renumberingId;
    await recordAudit(tx, systemActor("jobs"), { action: "renumbering.planned", objectType: "renumbering", objectId: id, after: await renumberingCounts(tx, id) });
  },
});

registerJobHandler(ANNOUNCE_JOB, {
  batch: async (tx, p, ctx) => {
    const payload = payloadOf(p);
    // Members first (any lease or static HoA added since the plan), then the flags.
    if (payload.phase !== "flags") return memberPhases(tx, payload, ctx.batchSize, "flags");
    return flagBatch(tx, payload, ctx.batchSize, clockOf(payload));
  },
  finish: async (tx, p) => {
    const id = payloadOf(p).renumberingId;
    const now = clockOf(p);
    await tx.renumbering.update({ where: { id }, data: { state: "announced", announcedAt: now } });
    await snapshot(tx, id, now);
    await recordAudit(tx, systemActor("jobs"), { action: "renumbering.announced", objectType: "renumbering", objectId: id, after: await renumberingCounts(tx, id) });
  },
  failed: async (tx, p) => {
    // A bug, not a crash (a crash resumes): put the old prefix back in service so nothing is stranded.
    const r = await tx.renumbering.findUnique({ where: { id: payloadOf(p).renumberingId }, select: { oldPrefixId: true, state: true } });
    if (r && r.state === "planned") await tx.homePrefix.update({ where: { id: r.oldPrefixId }, data: { state: "active" } });
  },
});

/** Small renumberings finish inside the request; big ones continue in the background runner. */
async function startJob(jobId: string, total: number): Promise<void> {
  if (total <= JOB_BATCH_SIZE) await runJob(jobId, { workerId: `inline-${jobId}` });
  else kickJobRunner();
}

async function activeRenumberingOn(tx: Tx, prefixId: string) {
  return tx.renumbering.findFirst({
    where: { state: { in: ["planned", "announced"] }, OR: [{ oldPrefixId: prefixId }, { newPrefixId: prefixId }] },
    select: { id: true },
  });
}

/**
 * Plan: the new prefix (created on the same HA when absent), the renumbering in state `planned`, and a
 * job that records each affected subscriber with its new HoA (the preview).
 */
export async function planRenumbering(actor: Actor, input: unknown, clock: RenumberingClock = {}): Promise<RenumberingDto> {
  requireWrite(actor);
  const data = parseInput(RenumberingCreateSchema, input);
  const old = await getPrefix(actor, data.prefixId).catch(() => {
    throw new ValidationError({ prefixId: "no such prefix" });
  });
  const newP = parsePrefix(data.newPrefix);
  const oldP = parsePrefix(old.prefix);
  if (!newP.ok || !oldP.ok) throw new ValidationError({ newPrefix: newP.ok ? "invalid" : newP.message });
  const problem = renumberingTargetProblem(oldP, newP);
  if (problem) throw new ValidationError({ newPrefix: problem });
  if (old.state !== "active") throw new ConflictError(`${old.prefix} is ${old.state}; only an active prefix can be renumbered`);

  const { id, jobId, work } = await withTx(async (tx) => {
    await serializeOn(tx, "home-prefixes");
    if (await activeRenumberingOn(tx, old.id)) throw new ConflictError(`${old.prefix} is already part of a renumbering in progress`);
    let created = false;
    let target = await tx.homePrefix.findUnique({ where: { prefix: newP.canonical }, select: { id: true, homeAgentId: true, state: true } });
    if (target) {
      if (target.homeAgentId !== old.homeAgentId) throw new ConflictError(`${newP.canonical} is served by another home agent`, { newPrefix: "served by another home agent" });
      if (target.state !== "active") throw new ConflictError(`${newP.canonical} is ${target.state}`, { newPrefix: `the new prefix is ${target.state}` });
      if (await activeRenumberingOn(tx, target.id)) throw new ConflictError(`${newP.canonical} is already part of a renumbering in progress`);
    } else {
      const clash = await tx.homePrefix.findFirst({ where: { startHex: { lte: newP.endHex }, endHex: { gte: newP.startHex } }, select: { prefix: true } });
      if (clash) throw new ConflictError(`overlaps the existing home link prefix ${clash.prefix}`, { newPrefix: `overlaps ${clash.prefix}` });
      target = await tx.homePrefix.create({
        data: {
          homeAgentId: old.homeAgentId, prefix: newP.canonical, length: newP.length, startHex: newP.startHex, endHex: newP.endHex,
          state: "active",
          aggregateId: await aggregateContaining(tx, newP.startHex, newP.endHex, (await tx.homeAgent.findUniqueOrThrow({ where: { id: old.homeAgentId }, select: { providerId: true } })).providerId, "newPrefix"),
        },
        select: { id: true, homeAgentId: true, state: true },
      });
      created = true;
      await recordAudit(tx, actor, { action: "prefix.create", objectType: "prefix", objectId: target.id, after: { prefix: newP.canonical, homeAgentId: old.homeAgentId, reason: "renumbering" } });
    }
    const total = await tx.hoaLease.count({ where: { prefixId: old.id } });
    const r = await tx.renumbering.create({
      data: {
        oldPrefixId: old.id, newPrefixId: target.id, newPrefixCreated: created, oldPrefix: old.prefix, newPrefix: newP.canonical, state: "planned", dormantAfterSeconds: data.dormantAfterSeconds,
        ...(clock.now ? { createdAt: clock.now } : {}),
      },
      select: { id: true },
    });
    const payload: RenumberingJobPayload = { renumberingId: r.id, phase: "members", cursor: "" };
    const job = await tx.job.create({
      data: { type: PLAN_JOB, state: "queued", total, payload: JSON.stringify(payload), ownerId: actor.kind === "user" ? actor.userId : null },
      select: { id: true },
    });
    await tx.renumbering.update({ where: { id: r.id }, data: { jobId: job.id } });
    await recordAudit(tx, actor, {
      action: "renumbering.plan", objectType: "renumbering", objectId: r.id,
      after: { oldPrefix: old.prefix, newPrefix: newP.canonical, dormantAfterSeconds: data.dormantAfterSeconds, affected: total, jobId: job.id },
    });
    // The plan's work is its leases plus the scan of provisioned static HoAs without a lease (they cannot
    // be found by prefix range): a prefix of static MNs that never bootstrapped is big work with 0 leases.
    const work = total + (await tx.subscriber.count({ where: { lease: null, staticHomeAddress: { not: null } } }));
    return { id: r.id, jobId: job.id, work };
  });
  await startJob(jobId, work);
  return getRenumbering(actor, id);
}

/**
 * Announce: the old prefix stops handing out addresses at once (draining: it stays reserved and
 * answerable), then a job flags every member's MN; the state becomes `announced` when the job ends.
 */
export async function announceRenumbering(actor: Actor, id: string, clock: RenumberingClock = {}): Promise<RenumberingDto> {
  await getRenumbering(actor, id);
  requireWrite(actor);
  const { jobId, total } = await withTx(async (tx) => {
    const before = await getRenumbering(actor, id, tx);
    if (!canAnnounce(before.state)) throw new ConflictError(`the renumbering is ${before.state}; only a planned one can be announced`);
    if (before.job && before.job.state !== "succeeded") {
      throw new ConflictError(before.job.type === ANNOUNCE_JOB ? "the announcement is already in progress" : "the plan is still being prepared; try again when its job has finished");
    }
    await tx.homePrefix.update({ where: { id: before.oldPrefixId }, data: { state: "draining" } });
    const leases = await tx.hoaLease.count({ where: { prefixId: before.oldPrefixId } });
    const total = leases + before.total;
    const payload: RenumberingJobPayload = { renumberingId: id, phase: "members", cursor: "", ...(clock.now ? { at: clock.now.toISOString() } : {}) };
    const job = await tx.job.create({
      data: { type: ANNOUNCE_JOB, state: "queued", total, payload: JSON.stringify(payload), ownerId: actor.kind === "user" ? actor.userId : null },
      select: { id: true },
    });
    await tx.renumbering.update({ where: { id }, data: { jobId: job.id } });
    await recordAudit(tx, actor, { action: "renumbering.announce", objectType: "renumbering", objectId: id, before: { state: before.state }, after: { oldPrefixState: "draining", jobId: job.id } });
    return { jobId: job.id, total };
  });
  await startJob(jobId, total);
  return getRenumbering(actor, id);
}

/**
 * The new prefix a cancelled plan created goes away with the plan when nothing holds it: no lease in it,
 * no provisioned static HoA inside it, no other renumbering (not cancelled) on it. Otherwise it stays, an
 * ordinary active prefix the operator can delete later (cancelled plans do not block that).
 */
async function removeCreatedPrefix(tx: Tx, actor: Actor, renumberingId: string): Promise<string | null> {
  const r = await tx.renumbering.findUniqueOrThrow({ where: { id: renumberingId }, select: { newPrefixId: true, newPrefixCreated: true } });
  if (!r.newPrefixCreated || !r.newPrefixId) return null;
  const prefixId = r.newPrefixId;
  const p = await tx.homePrefix.findUnique({ where: { id: prefixId }, select: { id: true, prefix: true, homeAgentId: true, state: true } });
  if (!p) return null;
  if (await tx.hoaLease.count({ where: { prefixId } })) return null;
  if (await tx.renumbering.count({ where: { state: { not: "cancelled" }, OR: [{ oldPrefixId: prefixId }, { newPrefixId: prefixId }] } })) return null;
  const range = parsePrefix(p.prefix);
  if (!range.ok) return null;
  // Provisioned static HoAs are text (no range index); they are few, scanned in pages.
  for (let cursor = ""; ;) {
    const statics = await tx.subscriber.findMany({
      where: { staticHomeAddress: { not: null }, id: { gt: cursor } }, orderBy: { id: "asc" }, take: 1000, select: { id: true, staticHomeAddress: true },
    });
    for (const s of statics) {
      const a = parseAddress(s.staticHomeAddress ?? "");
      if (a.ok && prefixContains(range, a.value)) return null;
    }
    if (statics.length < 1000) break;
    cursor = statics[statics.length - 1].id;
  }
  await tx.renumbering.updateMany({ where: { newPrefixId: prefixId, state: "cancelled" }, data: { newPrefixId: null } });
  await tx.homePrefix.delete({ where: { id: prefixId } });
  await recordAudit(tx, actor, { action: "prefix.delete", objectType: "prefix", objectId: prefixId, before: { ...p, reason: "renumbering cancelled" } });
  return p.prefix;
}

/**
 * Cancel a plan that was never announced: nothing reached the MNs; the prefix is free for another plan,
 * and the new prefix the plan created is removed again when nothing holds it.
 */
export async function cancelRenumbering(actor: Actor, id: string): Promise<RenumberingDto> {
  await getRenumbering(actor, id);
  requireWrite(actor);
  return withTx(async (tx) => {
    const before = await getRenumbering(actor, id, tx);
    if (before.state !== "planned") throw new ConflictError(`the renumbering is ${before.state}; only a planned one can be cancelled`);
    if (before.job && (before.job.state === "queued" || before.job.state === "running")) {
      throw new ConflictError("a job of this renumbering is still running; try again when it has finished");
    }
    await tx.renumbering.update({ where: { id }, data: { state: "cancelled" } });
    const removedPrefix = await removeCreatedPrefix(tx, actor, id);
    await recordAudit(tx, actor, {
      action: "renumbering.cancel", objectType: "renumbering", objectId: id, before: { state: before.state }, after: { state: "cancelled", removedPrefix },
    });
    return getRenumbering(actor, id, tx);
  });
}

export type CompletedRenumbering = RenumberingDto & { leftBehind: RenumberingMemberDto[]; leftBehindCount: number };

/**
 * Complete: retire the old prefix. 409 while any MN has not migrated, unless forced; a forced
 * completion answers with the MNs left behind (their old HoA stays theirs: the prefix is retired,
 * nobody else gets it, and their flag still tells them to re-bootstrap when they wake).
 */
export async function completeRenumbering(actor: Actor, id: string, opts: { force?: boolean } = {}): Promise<CompletedRenumbering> {
  await getRenumbering(actor, id);
  requireWrite(actor);
  await sweepRenumbering(id);
  return withTx(async (tx) => {
    const before = await getRenumbering(actor, id, tx);
    if (!canComplete(before.state)) throw new ConflictError(`the renumbering is ${before.state}; only an announced one can be completed`);
    const blocker = completionBlocker(before.counts);
    if (blocker && !opts.force) throw new ConflictError(blocker);
    const leftRows = await tx.renumberingMember.findMany({
      where: { renumberingId: id, state: { in: ["pending", "dormant"] } },
      orderBy: { subscriberId: "asc" },
      take: LEFT_BEHIND_LIMIT,
      select: {
        subscriberId: true, oldAddress: true, newAddress: true, isStatic: true, state: true, migratedAt: true,
        subscriber: { select: { nai: true, lastBootstrapAt: true } },
      },
    });
    const now = new Date();
    await tx.homePrefix.update({ where: { id: before.oldPrefixId }, data: { state: "retired" } });
    await tx.renumbering.update({ where: { id }, data: { state: "completed", completedAt: now } });
    await snapshot(tx, id, now);
    const leftBehindCount = before.counts.pending + before.counts.dormant;
    await recordAudit(tx, actor, {
      action: "renumbering.complete", objectType: "renumbering", objectId: id,
      before: { state: before.state }, after: { state: "completed", forced: !!opts.force, leftBehind: leftBehindCount, by: actorLabel(actor) },
    });
    const after = await getRenumbering(actor, id, tx);
    return { ...after, leftBehind: leftRows.map(toMemberDto), leftBehindCount };
  });
}

/**
 * Drain tracking: pending members whose MN has not been seen (no successful bootstrap; never
 * bootstrapped: since the subscriber was created) for dormantAfterSeconds become dormant — the rule of
 * isDormant in lib/domain/renumbering.ts; a snapshot is recorded when counts changed.
 */
export async function sweepRenumbering(id: string, now = new Date()): Promise<void> {
  const db = getDb();
  const r = await db.renumbering.findUnique({ where: { id }, select: { state: true, announcedAt: true, dormantAfterSeconds: true } });
  if (!r || r.state !== "announced" || !r.announcedAt) return;
  const cutoff = dormantCutoff(now, r.dormantAfterSeconds);
  await withTx(async (tx) => {
    // The runner's tick and a page view may sweep at once: one at a time, so one snapshot per change.
    await serializeOn(tx, `renumbering-sweep:${id}`);
    const res = await tx.renumberingMember.updateMany({
      where: {
        renumberingId: id,
        state: "pending",
        subscriber: { OR: [{ lastBootstrapAt: { lt: cutoff } }, { lastBootstrapAt: null, createdAt: { lt: cutoff } }] },
      },
      data: { state: "dormant" },
    });
    const moved = res.count;
    if (moved) await recordAudit(tx, systemActor("renumbering-drain"), { action: "renumbering.dormant", objectType: "renumbering", objectId: id, after: { dormant: moved } });
    const last = await tx.renumberingEvent.findFirst({ where: { renumberingId: id }, orderBy: { at: "desc" }, select: { at: true, pending: true, migrated: true, dormant: true } });
    const c = await renumberingCounts(tx, id);
    const changed = !last || last.pending !== c.pending || last.migrated !== c.migrated || last.dormant !== c.dormant;
    if (changed && (!last || moved > 0 || now.getTime() - last.at.getTime() >= SNAPSHOT_EVERY_MS)) {
      await tx.renumberingEvent.create({ data: { renumberingId: id, at: now, ...c } });
    }
  });
}

/** The runner's periodic drain sweep over every announced renumbering. */
export async function sweepAllRenumberings(now = new Date()): Promise<void> {
  const rows = await getDb().renumbering.findMany({ where: { state: "announced" }, select: { id: true } });
  for (const r of rows) await sweepRenumbering(r.id, now);
}

registerPeriodic(() => sweepAllRenumberings());
