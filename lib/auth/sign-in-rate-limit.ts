// Sign-in flood protection, on top of the per-account lock in lib/services/users.ts: fixed one-minute
// windows in the RateCounter table (shared by every instance), per source address and per email. It runs
// before the argon2 work, so a flood costs one upsert per attempt, and it counts unknown emails too
// (the answer is the same generic failure, so it reveals nothing about which accounts exist).
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { countHit, pruneOldWindows, rateWindow } from "@/lib/security/rate-counter";

export type SignInLimit = { limited: false } | { limited: true; retryAfterSeconds: number; by: "source" | "email" };

export async function checkSignInRate(args: { email: string; sourceAddress: string | undefined; now?: Date }): Promise<SignInLimit> {
  const { SIGNIN_RATE_PER_SOURCE: perSource, SIGNIN_RATE_PER_EMAIL: perEmail } = env();
  const now = args.now ?? new Date();
  const db = getDb();
  const window = rateWindow(now);
  const { retryAfterSeconds } = window;
  if (perSource > 0 && args.sourceAddress) {
    if ((await countHit(db, `signin:src:${args.sourceAddress}`, window)) > perSource) return { limited: true, retryAfterSeconds, by: "source" };
  }
  if (perEmail > 0 && args.email) {
    if ((await countHit(db, `signin:email:${args.email}`, window)) > perEmail) return { limited: true, retryAfterSeconds, by: "email" };
  }
  await pruneOldWindows(db, now);
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
