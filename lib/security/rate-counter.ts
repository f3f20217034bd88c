// Fixed one-minute rate windows counted in the RateCounter table, so every app instance on one database
// shares the count. Used by the sign-in limits (lib/auth/sign-in-rate-limit.ts) and the bootstrap limits
// (lib/bootstrap/rate-limit.ts); each names its own keys ("signin:…", "bootstrap:…").
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const RATE_WINDOW_MS = 60_000;

export type RateWindow = { start: Date; retryAfterSeconds: number };

/** The window `now` falls in, and how long until the next one opens (at least 1 s, for Retry-After). */
export function rateWindow(now: Date): RateWindow {
  const start = Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  return { start: new Date(start), retryAfterSeconds: Math.max(1, Math.ceil((start + RATE_WINDOW_MS - now.getTime()) / 1000)) };
}

/** Counts one hit on `key` in the window and answers the count so far (an upsert: one round trip). */
export async function countHit(db: PrismaClient, claimedKey: string, window: RateWindow): Promise<number> {
  // Keys carry what a client claimed (an email, a NAI): a NUL, which PostgreSQL cannot store, is counted as U+FFFD.
  const key = claimedKey.replaceAll("\u0000", "\uFFFD");
  const row = await db.rateCounter.upsert({
    where: { key_windowStart: { key, windowStart: window.start } },
    create: { key, windowStart: window.start, count: 1 },
    update: { count: { increment: 1 } },
    select: { count: true },
  });
  return row.count;
}

let lastPrune = 0;

/** Drops windows older than the previous one: at most once a minute per process. */
export async function pruneOldWindows(db: PrismaClient, now: Date): Promise<void> {
  if (now.getTime() - lastPrune <= RATE_WINDOW_MS) return;
  lastPrune = now.getTime();
  await db.rateCounter.deleteMany({ where: { windowStart: { lt: new Date(rateWindow(now).start.getTime() - RATE_WINDOW_MS) } } });
}
