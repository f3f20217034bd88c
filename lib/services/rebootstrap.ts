// Network-initiated bootstrap (RFC 4640 §4) for a selection: the operator flags many MNs at once
// (reason `admin`); each learns it from its next status call, and its next successful bootstrap clears
// it (lib/bootstrap/allocate.ts). Scope is checked per row: a subscriber outside the actor's scope, like
// one that does not exist, is skipped, never flagged (the count says how many, not which).
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { requireWrite } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { getDb } from "@/lib/db/client";
import { withTx, type Tx } from "@/lib/db/tx";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/domain/schemas/parse";
import { RebootstrapFilterSchema, RebootstrapIdsSchema } from "@/lib/domain/schemas/rebootstrap";
import { getSubscriber, subscriberScopeWhere, type SubscriberDto } from "@/lib/data/subscribers";

export type BulkRebootstrapResult = {
  /** subscribers flagged by this request */
  flagged: number;
  /** ids that named no subscriber visible to the actor */
  skipped: number;
  /** shared by the audit entry of every flagged subscriber */
  requestId: string;
};

/** A selection by filter is flagged this many rows per transaction, so a large one never holds a long lock. */
const FILTER_BATCH = 500;
/** 1000 rows, each with its audit entry, in one transaction: more than the default 30 s on a slow disk. */
const BULK_TX_TIMEOUT_MS = 120_000;

const FLAG_SELECT = { id: true, rebootstrapRequired: true, rebootstrapReason: true, rebootstrapAt: true } as const;

/** Flag the visible rows among `ids` (reason admin); one audit entry per subscriber. */
async function flagVisible(tx: Tx, actor: Actor, ids: string[], now: Date): Promise<number> {
  const rows = await tx.subscriber.findMany({ where: { AND: [{ id: { in: ids } }, subscriberScopeWhere(actor)] }, select: FLAG_SELECT });
  if (!rows.length) return 0;
  const after = { rebootstrapRequired: true, rebootstrapReason: "admin", rebootstrapAt: now };
  await tx.subscriber.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: after });
  for (const r of rows) {
    const before = { rebootstrapRequired: r.rebootstrapRequired, rebootstrapReason: r.rebootstrapReason, rebootstrapAt: r.rebootstrapAt };
    await recordAudit(tx, actor, { action: "subscriber.rebootstrap", objectType: "subscriber", objectId: r.id, before, after });
  }
  return rows.length;
}

/**
 * Flag a selection for re-bootstrap: `{ subscriberIds }` (at most 1000, one transaction) or
 * `{ filter: { msaProviderId?, homeAgentId?, status? } }` (every match in scope, in batches).
 */
export async function requestRebootstrapMany(actor: Actor, input: unknown): Promise<BulkRebootstrapResult> {
  requireWrite(actor);
  const requestId = actor.requestId ?? crypto.randomUUID();
  const scoped: Actor = { ...actor, requestId };
  const now = new Date();
  const body = input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};

  if ("filter" in body && !("subscriberIds" in body)) {
    const { filter } = parseInput(RebootstrapFilterSchema, body);
    const where = {
      AND: [
        subscriberScopeWhere(actor),
        filter.msaProviderId ? { msaProviderId: filter.msaProviderId } : {},
        filter.homeAgentId ? { homeAgentId: filter.homeAgentId } : {},
        filter.status ? { status: filter.status } : {},
      ],
    };
    let flagged = 0;
    let after: string | null = null;
    for (;;) {
      const page: { id: string }[] = await getDb().subscriber.findMany({
        where: after ? { AND: [where, { id: { gt: after } }] } : where,
        orderBy: { id: "asc" },
        take: FILTER_BATCH,
        select: { id: true },
      });
      if (!page.length) break;
      const ids = page.map((r) => r.id);
      flagged += await withTx((tx) => flagVisible(tx, scoped, ids, now), { timeoutMs: BULK_TX_TIMEOUT_MS });
      after = ids[ids.length - 1];
      if (page.length < FILTER_BATCH) break;
    }
    return { flagged, skipped: 0, requestId };
  }
  if (!("subscriberIds" in body)) throw new ValidationError({ subscriberIds: "subscriberIds (or filter) is required" });
  const { subscriberIds } = parseInput(RebootstrapIdsSchema, body);
  const ids = [...new Set(subscriberIds)];
  const flagged = await withTx((tx) => flagVisible(tx, scoped, ids, now), { timeoutMs: BULK_TX_TIMEOUT_MS });
  return { flagged, skipped: ids.length - flagged, requestId };
}

/**
 * Withdraw a re-bootstrap request (the operator changed their mind, or the MN was dealt with another
 * way). 404 outside the actor's scope; clearing an unflagged subscriber changes nothing and records nothing.
 */
export async function clearRebootstrapFlag(actor: Actor, id: string): Promise<SubscriberDto> {
  await getSubscriber(actor, id);
  requireWrite(actor);
  return withTx(async (tx) => {
    const before = await getSubscriber(actor, id, tx);
    if (!before.rebootstrapRequired) return before;
    await tx.subscriber.update({ where: { id }, data: { rebootstrapRequired: false, rebootstrapReason: null, rebootstrapAt: null } });
    const after = await getSubscriber(actor, id, tx);
    await recordAudit(tx, actor, {
      action: "subscriber.rebootstrap-clear",
      objectType: "subscriber",
      objectId: id,
      before: { rebootstrapRequired: true, rebootstrapReason: before.rebootstrapReason, rebootstrapAt: before.rebootstrapAt },
      after: { rebootstrapRequired: false, rebootstrapReason: null, rebootstrapAt: null },
    });
    return after;
  });
}
