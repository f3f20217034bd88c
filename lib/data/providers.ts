// Provider reads. Operators see only the providers in their scope; everything else is "not found".
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { startsWithIgnoringCase } from "@/lib/db/search";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";
import { ProviderListQuerySchema, type ProviderListQuery } from "@/lib/domain/schemas/list";
import type { ProviderRoleName } from "@/lib/domain/schemas/provider";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, pageOf, parseListQuery, type Page } from "./pagination";
import { idInScope } from "./by-id";

export type ProviderDto = {
  id: string;
  name: string;
  realms: string[];
  realmDetails: { name: string; region: string | null }[];
  roles: ProviderRoleName[];
  createdAt: string;
  updatedAt: string;
};

export const providerSelect = {
  id: true,
  name: true,
  createdAt: true,
  updatedAt: true,
  realms: { select: { name: true, region: true }, orderBy: { name: "asc" as const } },
  roles: { select: { role: true }, orderBy: { role: "asc" as const } },
};

type ProviderRow = {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  realms: { name: string; region: string | null }[];
  roles: { role: string }[];
};

export function toProviderDto(p: ProviderRow): ProviderDto {
  return {
    id: p.id,
    name: p.name,
    realms: p.realms.map((r) => r.name),
    realmDetails: p.realms.map((r) => ({ name: r.name, region: r.region })),
    roles: p.roles.map((r) => r.role as ProviderRoleName),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** `where` fragment limiting providers to the actor's scope. */
export function providerScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { id: { in: scope } };
}

/** Newest first; `q` matches the start of the name or of one of its realms. */
export async function listProviders(actor: Actor, query: ProviderListQuery = {}): Promise<Page<ProviderDto>> {
  const { limit, cursor, q, role } = parseListQuery(ProviderListQuerySchema, query);
  const rows = await getDb().provider.findMany({
    where: {
      AND: [
        providerScopeWhere(actor),
        afterCreatedAt(decodeCursor(cursor, "createdAt")),
        q ? { OR: [{ name: startsWithIgnoringCase(q) }, { realms: { some: { name: { startsWith: q.toLowerCase() } } } }] } : {},
        role ? { roles: { some: { role } } } : {},
      ],
    },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: providerSelect,
  });
  return pageOf(rows, limit, createdAtKey, toProviderDto);
}

export async function getProvider(actor: Actor, id: string, db: Tx = getDb()): Promise<ProviderDto> {
  const row = await db.provider.findFirst({ where: idInScope(id, providerScopeWhere(actor), "provider"), select: providerSelect });
  if (!row) throw new NotFoundError("provider");
  return toProviderDto(row);
}
