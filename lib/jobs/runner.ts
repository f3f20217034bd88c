// Background jobs (Job table). A job is processed in short batches, each in its own transaction that
// also advances the job's progress and cursor: a crash loses at most the batch in flight, which rolls
// back whole, and the next runner resumes from the committed cursor. Runners (one per server process)
// claim a job with the lockedBy/lockedAt columns; a lock not refreshed for STALE_MS is taken over.
import crypto from "node:crypto";
import { getDb } from "@/lib/db/client";
import { withTx, type Tx } from "@/lib/db/tx";
import { env } from "@/lib/env";

export const JOB_BATCH_SIZE = 1000;
const STALE_MS = 60_000;
const TICK_MS = 2_000;

export type JobPayload = Record<string, unknown>;
export type BatchResult = { payload: JobPayload; processed: number; finished: boolean };

export type JobHandler = {
  /** One batch; must be idempotent given the payload it receives (the committed cursor). */
  batch(tx: Tx, payload: JobPayload, ctx: { jobId: string; batchSize: number }): Promise<BatchResult>;
  /** Runs in the same transaction as the last batch: the state change that makes the job's effect visible. */
  finish(tx: Tx, payload: JobPayload, ctx: { jobId: string }): Promise<unknown>;
  /** A job that failed for good (a bug, not a crash): undo what is safe to undo. */
  failed?(tx: Tx, payload: JobPayload, ctx: { jobId: string; message: string }): Promise<void>;
};

const handlers = new Map<string, JobHandler>();
const periodic: Array<() => Promise<void>> = [];

export function registerJobHandler(type: string, handler: JobHandler): void {
  handlers.set(type, handler);
}

/** Work run on every tick of the runner (e.g. the renumbering drain sweep). */
export function registerPeriodic(fn: () => Promise<void>): void {
  if (!periodic.includes(fn)) periodic.push(fn);
}

export type RunOptions = { workerId?: string; maxBatches?: number; staleMs?: number; batchSize?: number };
export type RunOutcome = "succeeded" | "failed" | "stopped" | "not-claimed";

async function claim(jobId: string, workerId: string, staleMs: number): Promise<boolean> {
  const now = new Date();
  const r = await getDb().job.updateMany({
    where: {
      id: jobId,
      state: { in: ["queued", "running"] },
      OR: [{ lockedBy: null }, { lockedBy: workerId }, { lockedAt: { lt: new Date(now.getTime() - staleMs) } }],
    },
    data: { lockedBy: workerId, lockedAt: now, state: "running" },
  });
  return r.count === 1;
}

/**
 * Process one job until it ends or `maxBatches` batches have run (a test stops a runner mid-way with it;
 * the lock is then left as a crashed process would leave it).
 */
export async function runJob(jobId: string, opts: RunOptions = {}): Promise<RunOutcome> {
  const workerId = opts.workerId ?? `worker-${process.pid}`;
  const batchSize = opts.batchSize ?? JOB_BATCH_SIZE;
  if (!(await claim(jobId, workerId, opts.staleMs ?? STALE_MS))) return "not-claimed";
  for (let n = 0; opts.maxBatches === undefined || n < opts.maxBatches; n++) {
    let outcome: RunOutcome | null;
    try {
      outcome = await withTx(async (tx) => {
        const job = await tx.job.findUnique({ where: { id: jobId }, select: { type: true, state: true, lockedBy: true, payload: true, done: true } });
        if (!job || job.state !== "running" || job.lockedBy !== workerId) return "stopped";
        const handler = handlers.get(job.type);
        if (!handler) throw new Error(`no handler for job type ${job.type}`);
        const r = await handler.batch(tx, JSON.parse(job.payload ?? "{}") as JobPayload, { jobId, batchSize });
        const data = { payload: JSON.stringify(r.payload), done: job.done + r.processed, lockedAt: new Date() };
        if (!r.finished) {
          await tx.job.update({ where: { id: jobId }, data });
          return null;
        }
        const result = await handler.finish(tx, r.payload, { jobId });
        await tx.job.update({ where: { id: jobId }, data: { ...data, state: "succeeded", lockedBy: null, result: result === undefined ? null : JSON.stringify(result) } });
        return "succeeded";
      }, { timeoutMs: 120_000 });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      console.error(`[jobs] job ${jobId} failed:`, e);
      await withTx(async (tx) => {
        const job = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { type: true, payload: true } });
        await handlers.get(job.type)?.failed?.(tx, JSON.parse(job.payload ?? "{}") as JobPayload, { jobId, message });
        await tx.job.update({
          where: { id: jobId },
          data: { state: "failed", lockedBy: null, errors: JSON.stringify([{ line: 0, field: "_", message: "the job failed; see the server log" }]) },
        });
      });
      return "failed";
    }
    if (outcome) return outcome;
  }
  return "stopped";
}

/** Run every queued or abandoned job to its end (or for `maxBatches` each). Returns how many ran. */
export async function runPendingJobs(opts: RunOptions = {}): Promise<number> {
  const staleBefore = new Date(Date.now() - (opts.staleMs ?? STALE_MS));
  const jobs = await getDb().job.findMany({
    where: {
      type: { in: [...handlers.keys()] },
      OR: [{ state: "queued" }, { state: "running", OR: [{ lockedAt: { lt: staleBefore } }, { lockedBy: opts.workerId ?? `worker-${process.pid}` }] }],
    },
    orderBy: { createdAt: "asc" },
    select: { id: true },
    take: 20,
  });
  let ran = 0;
  for (const j of jobs) if ((await runJob(j.id, opts)) !== "not-claimed") ran++;
  return ran;
}

let timer: NodeJS.Timeout | null = null;
let busy = false;
const processWorkerId = `worker-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

async function tick(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    await runPendingJobs({ workerId: processWorkerId });
    for (const fn of periodic) await fn();
  } catch (e) {
    console.error("[jobs] runner tick failed:", e);
  } finally {
    busy = false;
  }
}

/** Start this process's runner (idempotent). With JOB_RUNNER=manual nothing runs in the background. */
export function startJobRunner(): void {
  if (timer || env().JOB_RUNNER === "manual") return;
  timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  void tick();
}

/** A job was just queued: make sure a runner exists and look at it now rather than at the next tick. */
export function kickJobRunner(): void {
  if (env().JOB_RUNNER === "manual") return;
  startJobRunner();
  setImmediate(() => void tick());
}

export function stopJobRunner(): void {
  if (timer) clearInterval(timer);
  timer = null;
}
