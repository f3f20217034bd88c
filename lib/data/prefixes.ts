// Home link prefix reads, scoped through the serving HA's MSP. Adds `assigned` (leases in the prefix)
// and `capacity` (usable home addresses).
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";
import { parseAddress } from "@/lib/domain/ipv6";
import { PrefixListQuerySchema, type PrefixListQuery } from "@/lib/domain/schemas/list";
import type { PrefixState } from "@/lib/domain/schemas/prefix";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, pageOf, parseListQuery, type Page } from "./pagination";
import { capacityValue, usableAddressCount } from "./prefix-capacity";
import { idInScope } from "./by-id";

export type PrefixDto = {
  id: string;
  homeAgentId: string;
  providerId: string;
  prefix: string;
  length: number;
  state: PrefixState;
  assigned: number;
  /** usable home addresses; a decimal string when larger than 2^53 − 1 */
  capacity: number | string;
  createdAt: string;
  updatedAt: string;
};

export const prefixSelect = {
  id: true,
  homeAgentId: true,
  prefix: true,
  length: true,
  startHex: true,
  endHex: true,
  state: true,
  createdAt: true,
  updatedAt: true,
  homeAgent: { select: { providerId: true, address: true } },
};

type PrefixRow = {
  id: string;
  homeAgentId: string;
  prefix: string;
  length: number;
  state: string;
  createdAt: Date;
  updatedAt: Date;
  homeAgent: { providerId: string; address: string };
};

export function toPrefixDto(p: PrefixRow, assigned: number): PrefixDto {
  return {
    id: p.id,
    homeAgentId: p.homeAgentId,
    providerId: p.homeAgent.providerId,
    prefix: p.prefix,
    length: p.length,
    state: p.state as PrefixState,
    assigned,
    capacity: capacityValue(usableAddressCount(p.prefix, [p.homeAgent.address])),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function prefixScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { homeAgent: { providerId: { in: scope } } };
}

async function assignedCounts(ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const groups = await getDb().hoaLease.groupBy({ by: ["prefixId"], where: { prefixId: { in: ids } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.prefixId, g._count._all]));
}

/**
 * Newest first. `q` is either an address (finds the prefix containing it, via the startHex/endHex index)
 * or the start of the prefix text.
 */
export async function listPrefixes(actor: Actor, query: PrefixListQuery = {}): Promise<Page<PrefixDto>> {
  const { limit, cursor, q, homeAgentId, state } = parseListQuery(PrefixListQuerySchema, query);
  let search = {};
  if (q) {
    const addr = parseAddress(q);
    search = addr.ok ? { startHex: { lte: addr.hex }, endHex: { gte: addr.hex } } : { prefix: { startsWith: q.toLowerCase() } };
  }
  const rows = await getDb().homePrefix.findMany({
    where: {
      AND: [
        prefixScopeWhere(actor),
        afterCreatedAt(decodeCursor(cursor, "createdAt")),
        homeAgentId ? { homeAgentId } : {},
        state ? { state } : {},
        search,
      ],
    },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: prefixSelect,
  });
  const counts = await assignedCounts(rows.slice(0, limit).map((r) => r.id));
  return pageOf(rows, limit, createdAtKey, (r) => toPrefixDto(r, counts.get(r.id) ?? 0));
}

export async function getPrefix(actor: Actor, id: string, db: Tx = getDb()): Promise<PrefixDto> {
  const row = await db.homePrefix.findFirst({ where: idInScope(id, prefixScopeWhere(actor), "prefix"), select: prefixSelect });
  if (!row) throw new NotFoundError("prefix");
  const assigned = await db.hoaLease.count({ where: { prefixId: id } });
  return toPrefixDto(row, assigned);
}
