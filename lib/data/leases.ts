// Home address lease reads. A lease is visible when its subscriber's MSA or its HA's MSP is in scope
// (spec/api-v1.md "Scope": subscribers of the MSA, HAs and prefixes of the MSP).
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";
import { parseAddress, parsePrefix } from "@/lib/domain/ipv6";
import { LeaseListQuerySchema, type LeaseListQuery } from "@/lib/domain/schemas/list";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, iso, pageOf, parseListQuery, type Page } from "./pagination";
import { idInScope } from "./by-id";
import { startsWithExactly } from "@/lib/db/search";

export type LeaseDto = {
  id: string;
  subscriberId: string;
  nai: string;
  prefixId: string;
  prefix: string;
  homeAgentId: string;
  address: string;
  kind: "static" | "dynamic" | "privacy";
  expiresAt: string | null;
  createdAt: string;
};

const leaseSelect = {
  id: true, subscriberId: true, prefixId: true, homeAgentId: true, address: true, kind: true, expiresAt: true, createdAt: true,
  subscriber: { select: { nai: true } },
  prefix: { select: { prefix: true } },
} as const;

type LeaseRow = {
  id: string; subscriberId: string; prefixId: string; homeAgentId: string; address: string; kind: string;
  expiresAt: Date | null; createdAt: Date; subscriber: { nai: string }; prefix: { prefix: string };
};

function toDto(r: LeaseRow): LeaseDto {
  return {
    id: r.id, subscriberId: r.subscriberId, nai: r.subscriber.nai, prefixId: r.prefixId, prefix: r.prefix.prefix,
    homeAgentId: r.homeAgentId, address: r.address, kind: r.kind as LeaseDto["kind"], expiresAt: iso(r.expiresAt), createdAt: r.createdAt.toISOString(),
  };
}

export function leaseScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { OR: [{ subscriber: { msaProviderId: { in: scope } } }, { homeAgent: { providerId: { in: scope } } }] };
}

/**
 * `q` is an address in any spelling (exact match on the canonical form), a prefix (every lease inside it,
 * via the hex range) or the start of an NAI.
 */
function searchWhere(q: string | undefined) {
  if (!q) return {};
  const addr = parseAddress(q);
  if (addr.ok) return { address: addr.canonical };
  const p = parsePrefix(q);
  if (p.ok) return { addressHex: { gte: p.startHex, lte: p.endHex } };
  return { subscriber: { nai: startsWithExactly(q) } };
}

export async function listLeases(actor: Actor, query: LeaseListQuery = {}): Promise<Page<LeaseDto>> {
  const { limit, cursor, q, subscriberId, prefixId, homeAgentId } = parseListQuery(LeaseListQuerySchema, query);
  const rows = await getDb().hoaLease.findMany({
    where: {
      AND: [
        leaseScopeWhere(actor),
        afterCreatedAt(decodeCursor(cursor, "createdAt")),
        subscriberId ? { subscriberId } : {},
        prefixId ? { prefixId } : {},
        homeAgentId ? { homeAgentId } : {},
        searchWhere(q),
      ],
    },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: leaseSelect,
  });
  return pageOf(rows, limit, createdAtKey, toDto);
}

export async function getLease(actor: Actor, id: string, db: Tx = getDb()): Promise<LeaseDto> {
  const row = await db.hoaLease.findFirst({ where: idInScope(id, leaseScopeWhere(actor), "lease"), select: leaseSelect });
  if (!row) throw new NotFoundError("lease");
  return toDto(row);
}
