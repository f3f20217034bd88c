// Home agent reads, scoped to the operator's MSPs. `activeBindings` = HoA leases held on the HA.
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { startsWithIgnoringCase } from "@/lib/db/search";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";
import { HomeAgentListQuerySchema, type HomeAgentListQuery } from "@/lib/domain/schemas/list";
import type { HomeAgentState } from "@/lib/domain/schemas/home-agent";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, pageOf, parseListQuery, type Page } from "./pagination";
import { idInScope } from "./by-id";

export type HomeAgentDto = {
  id: string;
  providerId: string;
  name: string;
  fqdn: string;
  address: string;
  region: string;
  capacity: number;
  state: HomeAgentState;
  activeBindings: number;
  createdAt: string;
  updatedAt: string;
};

export const homeAgentSelect = {
  id: true,
  providerId: true,
  name: true,
  fqdn: true,
  address: true,
  region: true,
  capacity: true,
  state: true,
  createdAt: true,
  updatedAt: true,
};

type HomeAgentRow = {
  id: string;
  providerId: string;
  name: string;
  fqdn: string;
  address: string;
  region: string;
  capacity: number;
  state: string;
  createdAt: Date;
  updatedAt: Date;
};

export function toHomeAgentDto(h: HomeAgentRow, activeBindings: number): HomeAgentDto {
  return {
    id: h.id,
    providerId: h.providerId,
    name: h.name,
    fqdn: h.fqdn,
    address: h.address,
    region: h.region,
    capacity: h.capacity,
    state: h.state as HomeAgentState,
    activeBindings,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}

export function homeAgentScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { providerId: { in: scope } };
}

/** Lease counts for one page of HAs: one grouped query over @@index([homeAgentId]). */
export async function bindingCounts(ids: string[], db: Tx = getDb()): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const groups = await db.hoaLease.groupBy({ by: ["homeAgentId"], where: { homeAgentId: { in: ids } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.homeAgentId, g._count._all]));
}

/** Newest first; `q` matches the start of the name, FQDN or address. */
export async function listHomeAgents(actor: Actor, query: HomeAgentListQuery = {}): Promise<Page<HomeAgentDto>> {
  const { limit, cursor, q, providerId, state, region } = parseListQuery(HomeAgentListQuerySchema, query);
  const rows = await getDb().homeAgent.findMany({
    where: {
      AND: [
        homeAgentScopeWhere(actor),
        afterCreatedAt(decodeCursor(cursor, "createdAt")),
        providerId ? { providerId } : {},
        state ? { state } : {},
        region ? { region } : {},
        q ? { OR: [{ name: startsWithIgnoringCase(q) }, { fqdn: { startsWith: q.toLowerCase() } }, { address: { startsWith: q.toLowerCase() } }] } : {},
      ],
    },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: homeAgentSelect,
  });
  const counts = await bindingCounts(rows.slice(0, limit).map((r) => r.id));
  return pageOf(rows, limit, createdAtKey, (r) => toHomeAgentDto(r, counts.get(r.id) ?? 0));
}

export async function getHomeAgent(actor: Actor, id: string, db: Tx = getDb()): Promise<HomeAgentDto> {
  const row = await db.homeAgent.findFirst({ where: idInScope(id, homeAgentScopeWhere(actor), "home agent"), select: homeAgentSelect });
  if (!row) throw new NotFoundError("home agent");
  const activeBindings = await db.hoaLease.count({ where: { homeAgentId: id } });
  return toHomeAgentDto(row, activeBindings);
}
