// Subscriber reads, scoped by the MSA provider. DTOs never carry a secret: credentials are not selected.
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";
import { normalizeRealm } from "@/lib/domain/nai";
import { SubscriberListQuerySchema, type SubscriberListQuery } from "@/lib/domain/schemas/list";
import type { HomeAddressPolicy, SubscriberStatus } from "@/lib/domain/schemas/subscriber";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, iso, pageOf, parseListQuery, type Page } from "./pagination";
import { idInScope, lookupKey } from "./by-id";

export type SubscriberDto = {
  id: string;
  nai: string;
  msaProviderId: string;
  accessNai: string | null;
  asaProviderId: string | null;
  homeAddressPolicy: HomeAddressPolicy;
  staticHomeAddress: string | null;
  pinnedHomeAgentId: string | null;
  status: SubscriberStatus;
  suspendedReason: string | null;
  homeAddress: string | null;
  homeAgentId: string | null;
  lastBootstrapAt: string | null;
  rebootstrapRequired: boolean;
  rebootstrapReason: string | null;
  rebootstrapAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export const subscriberSelect = {
  id: true,
  nai: true,
  msaProviderId: true,
  accessNai: true,
  asaProviderId: true,
  homeAddressPolicy: true,
  staticHomeAddress: true,
  pinnedHomeAgentId: true,
  status: true,
  suspendedReason: true,
  homeAgentId: true,
  lastBootstrapAt: true,
  rebootstrapRequired: true,
  rebootstrapReason: true,
  rebootstrapAt: true,
  createdAt: true,
  updatedAt: true,
  lease: { select: { address: true } },
};

/** The operator-editable fields of a subscriber, as stored. */
export type SubscriberFields = {
  nai: string;
  msaProviderId: string;
  accessNai: string | null;
  asaProviderId: string | null;
  homeAddressPolicy: string;
  staticHomeAddress: string | null;
  pinnedHomeAgentId: string | null;
  status: string;
  suspendedReason: string | null;
};

type SubscriberRow = SubscriberFields & {
  id: string;
  homeAgentId: string | null;
  lastBootstrapAt: Date | null;
  rebootstrapRequired: boolean;
  rebootstrapReason: string | null;
  rebootstrapAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lease: { address: string } | null;
};

export function toSubscriberDto(s: SubscriberRow): SubscriberDto {
  return {
    id: s.id,
    nai: s.nai,
    msaProviderId: s.msaProviderId,
    accessNai: s.accessNai,
    asaProviderId: s.asaProviderId,
    homeAddressPolicy: s.homeAddressPolicy as HomeAddressPolicy,
    staticHomeAddress: s.staticHomeAddress,
    pinnedHomeAgentId: s.pinnedHomeAgentId,
    status: s.status as SubscriberStatus,
    suspendedReason: s.suspendedReason,
    homeAddress: s.lease?.address ?? null,
    homeAgentId: s.homeAgentId,
    lastBootstrapAt: iso(s.lastBootstrapAt),
    rebootstrapRequired: s.rebootstrapRequired,
    rebootstrapReason: s.rebootstrapReason,
    rebootstrapAt: iso(s.rebootstrapAt),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function subscriberScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { msaProviderId: { in: scope } };
}

/** The highest code point: every string starting with `p` sorts in [p, p + MAX_CHAR) byte-wise. */
const MAX_CHAR = "\u{10FFFF}";

/**
 * Search text → stored NAI prefix. The user part is case-sensitive (RFC 7542 §2.4); once the search
 * reaches the realm its ASCII letters are lowered like the stored NAI's.
 */
export function naiSearchPrefix(q: string): string {
  const at = q.indexOf("@");
  return at < 0 ? q : q.slice(0, at + 1) + normalizeRealm(q.slice(at + 1));
}

/**
 * Without `q`: newest first (createdAt, id). With `q`: NAI prefix search in NAI order, as a range on the
 * unique NAI index (byte order, so case-sensitive and index-backed; `startsWith` also holds it exact on
 * databases whose collation is not byte order).
 */
export async function listSubscribers(actor: Actor, query: SubscriberListQuery = {}): Promise<Page<SubscriberDto>> {
  const { limit, cursor, q, msaProviderId, homeAgentId, status, rebootstrapRequired } = parseListQuery(SubscriberListQuerySchema, query);
  const filters = [
    subscriberScopeWhere(actor),
    msaProviderId ? { msaProviderId } : {},
    homeAgentId ? { homeAgentId } : {},
    status ? { status } : {},
    rebootstrapRequired === undefined ? {} : { rebootstrapRequired },
  ];
  const db = getDb();
  if (q) {
    const prefix = naiSearchPrefix(q);
    const after = decodeCursor(cursor, "nai");
    const rows = await db.subscriber.findMany({
      where: {
        AND: [...filters, { nai: { gte: prefix, lt: prefix + MAX_CHAR, startsWith: prefix } }, after ? { nai: { gt: after.v } } : {}],
      },
      orderBy: { nai: "asc" },
      take: limit + 1,
      select: subscriberSelect,
    });
    return pageOf(rows, limit, (r) => ({ k: "nai", v: r.nai }), toSubscriberDto);
  }
  const rows = await db.subscriber.findMany({
    where: { AND: [...filters, afterCreatedAt(decodeCursor(cursor, "createdAt"))] },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: subscriberSelect,
  });
  return pageOf(rows, limit, createdAtKey, toSubscriberDto);
}

export async function getSubscriber(actor: Actor, id: string, db: Tx = getDb()): Promise<SubscriberDto> {
  const row = await db.subscriber.findFirst({ where: idInScope(id, subscriberScopeWhere(actor), "subscriber"), select: subscriberSelect });
  if (!row) throw new NotFoundError("subscriber");
  return toSubscriberDto(row);
}

/** Lookup by NAI (normalised), for pages that link by NAI and for the CLI. */
export async function getSubscriberByNai(actor: Actor, nai: string): Promise<SubscriberDto> {
  const row = await getDb().subscriber.findFirst({ where: { AND: [{ nai: lookupKey(nai, "subscriber") }, subscriberScopeWhere(actor)] }, select: subscriberSelect });
  if (!row) throw new NotFoundError("subscriber");
  return toSubscriberDto(row);
}
