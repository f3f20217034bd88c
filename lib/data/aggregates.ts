// Provider aggregate reads, scoped by the aggregate's provider. Utilisation counts /64s (as decimal
// strings: a /29 has 2^35 of them, beyond a JSON number's exact range).
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";
import { parseAddress } from "@/lib/domain/ipv6";
import {
  slash64Count, usedSlash64s, utilisationBasisPoints, utilisationLevel, type Range, type UtilisationLevel,
} from "@/lib/domain/aggregate";
import { ListQuerySchema, type ListQueryInput } from "@/lib/domain/schemas/list";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, pageOf, parseListQuery, type Page } from "./pagination";
import { idInScope } from "./by-id";

export type AggregateDto = {
  id: string;
  providerId: string;
  prefix: string;
  length: number;
  /** /64s in the aggregate, decimal string */
  slash64Total: string;
  /** /64s overlapped by home link prefixes, decimal string */
  slash64Used: string;
  /** used / total in basis points (0..10000) */
  utilisationBp: number;
  level: UtilisationLevel;
  homePrefixes: number;
  createdAt: string;
};

const aggregateSelect = { id: true, providerId: true, prefix: true, length: true, startHex: true, endHex: true, createdAt: true } as const;
type AggregateRow = { id: string; providerId: string; prefix: string; length: number; startHex: string; endHex: string; createdAt: Date };

export function aggregateScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { providerId: { in: scope } };
}

/** Home link prefixes overlapping the range, as BigInt ranges (ordered by start, via the range index). */
export async function prefixRangesIn(db: Tx, startHex: string, endHex: string): Promise<Range[]> {
  const rows = await db.homePrefix.findMany({
    where: { startHex: { lte: endHex }, endHex: { gte: startHex } },
    select: { startHex: true, endHex: true },
    orderBy: { startHex: "asc" },
  });
  return rows.map((r) => ({ start: BigInt(`0x${r.startHex}`), end: BigInt(`0x${r.endHex}`) }));
}

async function toDto(db: Tx, a: AggregateRow): Promise<AggregateDto> {
  const ranges = await prefixRangesIn(db, a.startHex, a.endHex);
  const total = slash64Count(a.length);
  const used = usedSlash64s({ network: BigInt(`0x${a.startHex}`), length: a.length }, ranges);
  return {
    id: a.id,
    providerId: a.providerId,
    prefix: a.prefix,
    length: a.length,
    slash64Total: total.toString(),
    slash64Used: used.toString(),
    utilisationBp: utilisationBasisPoints(used, total),
    level: utilisationLevel(used, total),
    homePrefixes: ranges.length,
    createdAt: a.createdAt.toISOString(),
  };
}

/** Newest first; `q` is an address or prefix inside the aggregate (any spelling) or the start of its text. */
export async function listAggregates(actor: Actor, query: ListQueryInput = {}): Promise<Page<AggregateDto>> {
  const { limit, cursor, q } = parseListQuery(ListQuerySchema, query);
  let search = {};
  if (q) {
    const addr = parseAddress(q.split("/")[0]);
    search = addr.ok ? { startHex: { lte: addr.hex }, endHex: { gte: addr.hex } } : { prefix: { startsWith: q.toLowerCase() } };
  }
  const db = getDb();
  const rows = await db.prefixAggregate.findMany({
    where: { AND: [aggregateScopeWhere(actor), afterCreatedAt(decodeCursor(cursor, "createdAt")), search] },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: aggregateSelect,
  });
  const page = pageOf(rows, limit, createdAtKey, (r) => r);
  return { items: await Promise.all(page.items.map((r) => toDto(db, r))), nextCursor: page.nextCursor };
}

export async function getAggregate(actor: Actor, id: string, db: Tx = getDb()): Promise<AggregateDto> {
  const row = await db.prefixAggregate.findFirst({ where: idInScope(id, aggregateScopeWhere(actor), "aggregate"), select: aggregateSelect });
  if (!row) throw new NotFoundError("aggregate");
  return toDto(db, row);
}
