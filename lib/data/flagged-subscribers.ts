// The flagged-MN list (network-initiated bootstrap, RFC 4640 §4): subscribers whose next status call
// will tell them to re-bootstrap, newest flag first, scoped like every subscriber read.
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { FlaggedListQuerySchema, type FlaggedListQuery } from "@/lib/domain/schemas/rebootstrap";
import { decodeCursor, pageOf, parseListQuery, type Page } from "./pagination";
import { subscriberScopeWhere, subscriberSelect, toSubscriberDto, type SubscriberDto } from "./subscribers";

const FLAGGED_AT = "rebootstrapAt";

/** Keyset condition for (rebootstrapAt desc, id desc), backed by @@index([rebootstrapRequired, rebootstrapAt, id]). */
function afterFlaggedAt(cursor: ReturnType<typeof decodeCursor>) {
  if (!cursor) return {};
  const at = new Date(cursor.v);
  if (Number.isNaN(at.getTime())) throw new ValidationError({ cursor: "cursor is invalid or belongs to another list" });
  return { rebootstrapAt: { lte: at }, OR: [{ rebootstrapAt: { lt: at } }, { id: { lt: cursor.id } }] };
}

export async function listFlaggedSubscribers(actor: Actor, query: FlaggedListQuery = {}): Promise<Page<SubscriberDto>> {
  const { limit, cursor, reason } = parseListQuery(FlaggedListQuerySchema, query);
  const rows = await getDb().subscriber.findMany({
    where: {
      AND: [
        subscriberScopeWhere(actor),
        // Every writer of the flag stamps rebootstrapAt; the not-null keeps the order total on every database.
        { rebootstrapRequired: true, rebootstrapAt: { not: null } },
        reason ? { rebootstrapReason: reason } : {},
        afterFlaggedAt(decodeCursor(cursor, FLAGGED_AT)),
      ],
    },
    orderBy: [{ rebootstrapAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: subscriberSelect,
  });
  return pageOf(rows, limit, (r) => ({ k: FLAGGED_AT, v: (r.rebootstrapAt as Date).toISOString() }), toSubscriberDto);
}
