// Sign-in flood protection, on top of the per-account lock in lib/services/users.ts: fixed one-minute
// windows in the RateCounter table (shared by every instance), per source address and per email. It runs
// before the argon2 work, so a flood costs one upsert per attempt, and it counts unknown emails too
// (the answer is the same generic failure, so it reveals nothing about which accounts exist).
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";

const WINDOW_MS = 60_000;

export type SignInLimit = { limited: false } | { limited: true; retryAfterSeconds: number; by: "source" | "email" };

async function hit(key: string, windowStart: Date): Promise<number> {
  const row = await getDb().rateCounter.upsert({
    where: { key_windowStart: { key, windowStart } },
    create: { key, windowStart, count: 1 },
    update: { count: { increment: 1 } },
    select: { count: true },
  });
  return row.count;
}

let lastPrune = 0;

export async function checkSignInRate(args: { email: string; sourceAddress: string | undefined; now?: Date }): Promise<SignInLimit> {
  const { SIGNIN_RATE_PER_SOURCE: perSource, SIGNIN_RATE_PER_EMAIL: perEmail } = env();
  const now = args.now ?? new Date();
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  const windowStart = new Date(start);
  const retryAfterSeconds = Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000));
  if (perSource > 0 && args.sourceAddress) {
    if ((await hit(`signin:src:${args.sourceAddress}`, windowStart)) > perSource) return { limited: true, retryAfterSeconds, by: "source" };
  }
  if (perEmail > 0 && args.email) {
    if ((await hit(`signin:email:${args.email}`, windowStart)) > perEmail) return { limited: true, retryAfterSeconds, by: "email" };
  }
  // Old windows are useless: drop them now and then (at most once a minute per process).
  if (now.getTime() - lastPrune > WINDOW_MS) {
    lastPrune = now.getTime();
    await getDb().rateCounter.deleteMany({ where: { key: { startsWith: "signin:" }, windowStart: { lt: new Date(start - WINDOW_MS) } } });
  }
  return { limited: false };
}

/** The client's address from next-auth's request headers: the first X-Forwarded-For hop, else X-Real-IP. */
export function signInSourceOf(headers: Record<string, unknown> | undefined): string | undefined {
  const xff = headers?.["x-forwarded-for"];
  const first = typeof xff === "string" ? xff.split(",")[0]?.trim() : undefined;
  if (first) return first.slice(0, 64);
  const real = headers?.["x-real-ip"];
  return typeof real === "string" && real.trim() ? real.trim().slice(0, 64) : undefined;
}
