// Renumbering reads, scoped through the old prefix's HA (an operator sees the renumberings of its MSPs'
// prefixes). Counts come from one groupBy on the (renumberingId, state) index.
import type { Actor } from "@/lib/auth/actor";
import { providerScope } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { NotFoundError } from "@/lib/errors";
import { interfaceId, parseAddress } from "@/lib/domain/ipv6";
import type { MemberState, RenumberingCounts, RenumberingState } from "@/lib/domain/renumbering";
import { ListQuerySchema, type ListQueryInput } from "@/lib/domain/schemas/list";
import { z } from "zod";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, encodeCursor, iso, pageOf, parseListQuery, type Page } from "./pagination";
import { getJob, type JobDto } from "./jobs";
import { idInScope } from "./by-id";
import { startsWithExactly } from "@/lib/db/search";

export type RenumberingDto = {
  id: string;
  oldPrefixId: string;
  newPrefixId: string | null;
  oldPrefix: string;
  newPrefix: string;
  homeAgentId: string;
  state: RenumberingState;
  dormantAfterSeconds: number;
  counts: RenumberingCounts;
  total: number;
  job: JobDto | null;
  createdAt: string;
  announcedAt: string | null;
  completedAt: string | null;
};

export type RenumberingMemberDto = {
  subscriberId: string;
  nai: string;
  oldAddress: string;
  newAddress: string;
  isStatic: boolean;
  /** the interface identifier (low 64 bits) is the same in both addresses */
  keptIid: boolean;
  state: MemberState;
  migratedAt: string | null;
  lastBootstrapAt: string | null;
};

export type RenumberingEventDto = { at: string } & RenumberingCounts;

const select = {
  id: true, oldPrefixId: true, newPrefixId: true, oldPrefix: true, newPrefix: true, state: true, dormantAfterSeconds: true,
  jobId: true, createdAt: true, announcedAt: true, completedAt: true, oldPrefixRef: { select: { homeAgentId: true } },
} as const;

type Row = {
  id: string; oldPrefixId: string; newPrefixId: string | null; oldPrefix: string; newPrefix: string; state: string;
  dormantAfterSeconds: number; jobId: string | null; createdAt: Date; announcedAt: Date | null; completedAt: Date | null;
  oldPrefixRef: { homeAgentId: string };
};

export function renumberingScopeWhere(actor: Actor) {
  const scope = providerScope(actor);
  return scope === null ? {} : { oldPrefixRef: { homeAgent: { providerId: { in: scope } } } };
}

export async function renumberingCounts(db: Tx, id: string): Promise<RenumberingCounts> {
  const groups = await db.renumberingMember.groupBy({ by: ["state"], where: { renumberingId: id }, _count: { _all: true } });
  const counts: RenumberingCounts = { pending: 0, migrated: 0, dormant: 0 };
  for (const g of groups) if (g.state in counts) counts[g.state as keyof RenumberingCounts] = g._count._all;
  return counts;
}

async function toDto(actor: Actor, db: Tx, r: Row): Promise<RenumberingDto> {
  const counts = await renumberingCounts(db, r.id);
  return {
    id: r.id, oldPrefixId: r.oldPrefixId, newPrefixId: r.newPrefixId, oldPrefix: r.oldPrefix, newPrefix: r.newPrefix,
    homeAgentId: r.oldPrefixRef.homeAgentId, state: r.state as RenumberingState, dormantAfterSeconds: r.dormantAfterSeconds,
    counts, total: counts.pending + counts.migrated + counts.dormant,
    job: r.jobId ? await getJob(actor, r.jobId, db).catch(() => null) : null,
    createdAt: r.createdAt.toISOString(), announcedAt: iso(r.announcedAt), completedAt: iso(r.completedAt),
  };
}

export async function listRenumberings(actor: Actor, query: ListQueryInput = {}): Promise<Page<RenumberingDto>> {
  const { limit, cursor, q } = parseListQuery(ListQuerySchema, query);
  const db = getDb();
  const search = q ? { OR: [{ oldPrefix: { startsWith: q.toLowerCase() } }, { newPrefix: { startsWith: q.toLowerCase() } }] } : {};
  const rows = await db.renumbering.findMany({
    where: { AND: [renumberingScopeWhere(actor), afterCreatedAt(decodeCursor(cursor, "createdAt")), search] },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select,
  });
  const page = pageOf(rows, limit, createdAtKey, (r) => r);
  return { items: await Promise.all(page.items.map((r) => toDto(actor, db, r))), nextCursor: page.nextCursor };
}

export async function getRenumbering(actor: Actor, id: string, db: Tx = getDb()): Promise<RenumberingDto> {
  const row = await db.renumbering.findFirst({ where: idInScope(id, renumberingScopeWhere(actor), "renumbering"), select });
  if (!row) throw new NotFoundError("renumbering");
  return toDto(actor, db, row);
}

export const MemberListQuerySchema = ListQuerySchema.extend({
  state: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["pending", "migrated", "dormant"], { error: "state must be pending, migrated or dormant" }).optional()),
});
export type MemberListQuery = { [K in keyof z.output<typeof MemberListQuerySchema>]?: string | number | null };

/**
 * The preview (planned) or progress (announced) list, ordered by subscriber id through the
 * (renumberingId, subscriberId) unique index. `q` is an old or new address in any spelling.
 */
export async function listRenumberingMembers(actor: Actor, id: string, query: MemberListQuery = {}): Promise<Page<RenumberingMemberDto>> {
  await getRenumbering(actor, id);
  const { limit, cursor, q, state } = parseListQuery(MemberListQuerySchema, query);
  const after = decodeCursor(cursor, "subscriberId");
  let search = {};
  if (q) {
    const a = parseAddress(q);
    search = a.ok ? { OR: [{ oldAddress: a.canonical }, { newAddress: a.canonical }] } : { subscriber: { nai: startsWithExactly(q) } };
  }
  const rows = await getDb().renumberingMember.findMany({
    where: { renumberingId: id, ...(after ? { subscriberId: { gt: after.v } } : {}), ...(state ? { state } : {}), ...search },
    orderBy: { subscriberId: "asc" },
    take: limit + 1,
    select: {
      subscriberId: true, oldAddress: true, newAddress: true, isStatic: true, state: true, migratedAt: true,
      subscriber: { select: { nai: true, lastBootstrapAt: true } },
    },
  });
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(toMemberDto),
    nextCursor: more && last ? encodeCursor({ k: "subscriberId", v: last.subscriberId, id: last.subscriberId }) : null,
  };
}

type MemberRow = {
  subscriberId: string; oldAddress: string; newAddress: string; isStatic: boolean; state: string; migratedAt: Date | null;
  subscriber: { nai: string; lastBootstrapAt: Date | null };
};

function iidOf(text: string): bigint | null {
  const a = parseAddress(text);
  return a.ok ? interfaceId(a.value) : null;
}

export function toMemberDto(m: MemberRow): RenumberingMemberDto {
  return {
    subscriberId: m.subscriberId, nai: m.subscriber.nai, oldAddress: m.oldAddress, newAddress: m.newAddress, isStatic: m.isStatic,
    keptIid: iidOf(m.oldAddress) === iidOf(m.newAddress), state: m.state as MemberState,
    migratedAt: iso(m.migratedAt), lastBootstrapAt: iso(m.subscriber.lastBootstrapAt),
  };
}

/** Dormant members in batches (keyset on subscriberId), for the CSV export of any size. */
export async function* dormantMembers(actor: Actor, id: string, batch = 1000): AsyncGenerator<RenumberingMemberDto[]> {
  await getRenumbering(actor, id);
  let after = "";
  for (;;) {
    const rows = await getDb().renumberingMember.findMany({
      where: { renumberingId: id, state: "dormant", subscriberId: { gt: after } },
      orderBy: { subscriberId: "asc" },
      take: batch,
      select: {
        subscriberId: true, oldAddress: true, newAddress: true, isStatic: true, state: true, migratedAt: true,
        subscriber: { select: { nai: true, lastBootstrapAt: true } },
      },
    });
    if (!rows.length) return;
    yield rows.map(toMemberDto);
    after = rows[rows.length - 1].subscriberId;
  }
}

export async function listRenumberingEvents(actor: Actor, id: string): Promise<RenumberingEventDto[]> {
  await getRenumbering(actor, id);
  const rows = await getDb().renumberingEvent.findMany({
    where: { renumberingId: id },
    orderBy: { at: "asc" },
    take: 2000,
    select: { at: true, pending: true, migrated: true, dormant: true },
  });
  return rows.map((r) => ({ at: r.at.toISOString(), pending: r.pending, migrated: r.migrated, dormant: r.dormant }));
}
