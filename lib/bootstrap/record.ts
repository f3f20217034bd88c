// Every bootstrap attempt, failed ones included, becomes a BootstrapSession row (spec "Errors", last
// paragraph). The row carries names and addresses only: no secret, no key, no MAC.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { TX_OPTIONS } from "@/lib/db/tx";

export type StepName = "received" | "authenticated" | "scenario-resolved" | "home-agent-chosen" | "home-address-assigned" | "answered";
export type Step = { step: StepName; atMs: number; ok: boolean; detail: string };

/** Server-side timeline of one request; times are milliseconds since it was received. */
export class Timeline {
  private readonly start = performance.now();
  readonly steps: Step[] = [];

  elapsed(): number {
    return Math.round((performance.now() - this.start) * 1000) / 1000;
  }

  mark(step: StepName, ok: boolean, detail: string): void {
    this.steps.push({ step, atMs: this.elapsed(), ok, detail });
  }
}

export type SessionRecord = {
  id: string;
  subscriberId: string | null;
  msaProviderId?: string | null;
  nai: string;
  servingRealm: string;
  trigger: string;
  homeAddressMode: string;
  outcome: string;
  httpStatus: number;
  scenario?: string | null;
  homeAgentId?: string | null;
  homeAddress?: string | null;
  homePrefix?: string | null;
  keyName?: string | null;
  expiresAt?: Date | null;
  sourceAddress?: string | null;
  latencyMs: number;
  explanation: string[];
  steps: Step[];
  createdAt: Date;
};

/**
 * Store the session. A failure to record is logged and swallowed: the MN's answer has already been
 * decided, and losing one history row is better than turning a granted bootstrap into a 500.
 */
export async function recordSession(db: PrismaClient, r: SessionRecord): Promise<boolean> {
  try {
    // Its own (interactive) transaction, see rememberNonce: a bare insert could land in another request's
    // open transaction on the shared SQLite connection and vanish with its rollback. (A one-statement
    // array $transaction runs as a bare statement, so it does not help.)
    await db.$transaction((tx) => tx.bootstrapSession.create({
      data: {
        id: r.id,
        subscriberId: r.subscriberId,
        // Denormalised scope: an operator's session lists and charts filter on an indexed column, no join.
        // The caller passes it (no look-up here: recording must cost the same for every failure, see authenticate).
        msaProviderId: r.msaProviderId ?? null,
        nai: r.nai,
        servingRealm: r.servingRealm,
        trigger: r.trigger,
        homeAddressMode: r.homeAddressMode,
        outcome: r.outcome,
        httpStatus: r.httpStatus,
        scenario: r.scenario ?? null,
        homeAgentId: r.homeAgentId ?? null,
        homeAddress: r.homeAddress ?? null,
        homePrefix: r.homePrefix ?? null,
        keyName: r.keyName ?? null,
        expiresAt: r.expiresAt ?? null,
        sourceAddress: r.sourceAddress ?? null,
        latencyMs: r.latencyMs,
        explanation: JSON.stringify(r.explanation),
        steps: JSON.stringify(r.steps),
        createdAt: r.createdAt,
      },
    }), TX_OPTIONS);
    return true;
  } catch (e) {
    console.error(`[bootstrap] could not record session ${r.id}: ${(e as Error).message}`);
    return false;
  }
}
