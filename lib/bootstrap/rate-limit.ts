// Optional flood protection for the bootstrap endpoints (spec "Errors": 429 rate_limited may answer
// before any other check). Fixed one-minute windows in the RateCounter table, so every app instance
// shares the count. It reads only the claimed NAI and the source address: no key material, no parsing
// beyond that. Limits come from BOOTSTRAP_RATE_PER_NAI / BOOTSTRAP_RATE_PER_SOURCE (per minute; 0 = off).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { errorResult, type BootstrapErrorResult } from "./errors";

const WINDOW_MS = 60_000;

async function hit(db: PrismaClient, key: string, windowStart: Date): Promise<number> {
  const row = await db.rateCounter.upsert({
    where: { key_windowStart: { key, windowStart } },
    create: { key, windowStart, count: 1 },
    update: { count: { increment: 1 } },
    select: { count: true },
  });
  return row.count;
}

let lastPrune = 0;

export async function checkRateLimit(
  db: PrismaClient,
  args: { endpoint: string; nai: string; sourceAddress: string | undefined; now: Date },
): Promise<BootstrapErrorResult | null> {
  const { BOOTSTRAP_RATE_PER_NAI: perNai, BOOTSTRAP_RATE_PER_SOURCE: perSource } = env();
  if (perNai <= 0 && perSource <= 0) return null;
  const start = Math.floor(args.now.getTime() / WINDOW_MS) * WINDOW_MS;
  const windowStart = new Date(start);
  const retryAfter = String(Math.max(1, Math.ceil((start + WINDOW_MS - args.now.getTime()) / 1000)));
  if (perSource > 0 && args.sourceAddress) {
    const n = await hit(db, `bootstrap:${args.endpoint}:src:${args.sourceAddress}`, windowStart);
    if (n > perSource) return errorResult("rate_limited", "too many bootstrap requests from this address; retry later", undefined, { "Retry-After": retryAfter });
  }
  if (perNai > 0 && args.nai) {
    const n = await hit(db, `bootstrap:${args.endpoint}:nai:${args.nai}`, windowStart);
    if (n > perNai) return errorResult("rate_limited", "too many bootstrap requests for this NAI; retry later", undefined, { "Retry-After": retryAfter });
  }
  if (args.now.getTime() - lastPrune > WINDOW_MS) {
    lastPrune = args.now.getTime();
    await db.rateCounter.deleteMany({ where: { windowStart: { lt: new Date(start - WINDOW_MS) } } });
  }
  return null;
}
