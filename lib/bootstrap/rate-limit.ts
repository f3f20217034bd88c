// Optional flood protection for the bootstrap endpoints (spec "Errors": 429 rate_limited may answer
// before any other check). Fixed one-minute windows in the RateCounter table, so every app instance
// shares the count. It reads only the claimed NAI and the source address: no key material, no parsing
// beyond that. Limits come from BOOTSTRAP_RATE_PER_NAI / BOOTSTRAP_RATE_PER_SOURCE (per minute; 0 = off).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { countHit, pruneOldWindows, rateWindow } from "@/lib/security/rate-counter";
import { normalizeRealm } from "@/lib/domain/nai";
import { errorResult, type BootstrapErrorResult } from "./errors";

export async function checkRateLimit(
  db: PrismaClient,
  args: { endpoint: string; nai: string; sourceAddress: string | undefined; now: Date },
): Promise<BootstrapErrorResult | null> {
  const { BOOTSTRAP_RATE_PER_NAI: perNai, BOOTSTRAP_RATE_PER_SOURCE: perSource } = env();
  if (perNai <= 0 && perSource <= 0) return null;
  const window = rateWindow(args.now);
  const retryAfter = String(window.retryAfterSeconds);
  if (perSource > 0 && args.sourceAddress) {
    const n = await countHit(db, `bootstrap:${args.endpoint}:src:${args.sourceAddress}`, window);
    if (n > perSource) return errorResult("rate_limited", "too many bootstrap requests from this address; retry later", undefined, { "Retry-After": retryAfter });
  }
  if (perNai > 0 && args.nai) {
    const n = await countHit(db, `bootstrap:${args.endpoint}:nai:${rateKeyOfNai(args.nai)}`, window);
    if (n > perNai) return errorResult("rate_limited", "too many bootstrap requests for this NAI; retry later", undefined, { "Retry-After": retryAfter });
  }
  await pruneOldWindows(db, args.now);
  return null;
}

/** The NAI as the console compares it (realm's ASCII letters lowered, RFC 7542 §2.4), so that spelling the
 *  realm in other cases — which authenticates as the same subscriber — is the same count. Cheap on purpose:
 *  it runs before the request is parsed. */
export function rateKeyOfNai(nai: string): string {
  const at = nai.lastIndexOf("@");
  return at < 0 ? nai : `${nai.slice(0, at)}@${normalizeRealm(nai.slice(at + 1))}`;
}
