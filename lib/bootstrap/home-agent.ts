// Loads the facts HA selection needs (candidates with their current load) and applies the pure rule
// of lib/domain/ha-selection.ts.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { selectHomeAgent, type HomeAgentCandidate, type HaSelection } from "@/lib/domain/ha-selection";
import { parseAddress } from "@/lib/domain/ipv6";
import type { AuthSubscriber } from "./authenticate";

const HA_SELECT = {
  id: true, name: true, fqdn: true, address: true, region: true, capacity: true, state: true, providerId: true,
} as const;

type HaRow = { id: string; name: string; fqdn: string; address: string; region: string; capacity: number; state: string; providerId: string };

export type StaticTarget = { prefixId: string; homeAgentId: string } | null;

export type HomeAgentChoice =
  | (Extract<HaSelection, { ok: true }> & { staticTarget: StaticTarget })
  | { ok: false; because: string[]; error: "no_home_agent_available" | "home_prefix_exhausted" };

async function loads(db: PrismaClient, haIds: string[], subscriberId: string): Promise<Map<string, number>> {
  if (haIds.length === 0) return new Map();
  // The subscriber's own lease does not count: re-bootstrapping must not push its own HA over capacity.
  const rows = await db.hoaLease.groupBy({
    by: ["homeAgentId"],
    where: { homeAgentId: { in: haIds }, subscriberId: { not: subscriberId } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.homeAgentId, r._count._all]));
}

function candidate(row: HaRow, load: Map<string, number>): HomeAgentCandidate {
  return { ...row, activeBindings: load.get(row.id) ?? 0 };
}

/** The active home prefix holding the subscriber's provisioned static HoA, and its HA. */
async function findStaticTarget(db: PrismaClient, staticHomeAddress: string) {
  const a = parseAddress(staticHomeAddress);
  if (!a.ok) return null;
  return db.homePrefix.findFirst({
    where: { state: "active", startHex: { lte: a.hex }, endHex: { gte: a.hex } },
    orderBy: { length: "desc" },
    select: { id: true, prefix: true, homeAgent: { select: HA_SELECT } },
  });
}

export async function chooseHomeAgent(
  db: PrismaClient,
  args: {
    subscriber: AuthSubscriber;
    mspProviderId: string;
    servingRegion: string | null;
    useStatic: boolean;
    /** a serving MSP allowed to assign a local HA (from the scenario decision); its HAs are tried first */
    localMspProviderId?: string | null;
  },
): Promise<HomeAgentChoice> {
  const { subscriber } = args;
  // Only the providing MSP's HAs, or the serving MSP's when local assignment is allowed, may serve the MN.
  const mayServe = (providerId: string) => providerId === args.mspProviderId || (!!args.localMspProviderId && providerId === args.localMspProviderId);

  if (args.useStatic && subscriber.staticHomeAddress) {
    // A static HoA fixes the home link, and so the HA that serves it.
    const target = await findStaticTarget(db, subscriber.staticHomeAddress);
    if (!target) {
      return {
        ok: false,
        error: "home_prefix_exhausted",
        because: [`the provisioned static home address ${subscriber.staticHomeAddress} is not inside any active home link prefix`],
      };
    }
    if (!mayServe(target.homeAgent.providerId)) {
      // Defence in depth: the console refuses such an address, but a row written before that check (or
      // around it) must not let another provider's HA serve this subscriber.
      return {
        ok: false,
        error: "home_prefix_exhausted",
        because: [`the provisioned static home address ${subscriber.staticHomeAddress} is on ${target.prefix} of ${target.homeAgent.name}, whose provider is not the providing MSP: it cannot be used`],
      };
    }
    const load = await loads(db, [target.homeAgent.id], subscriber.id);
    const ha = candidate(target.homeAgent, load);
    const sel = selectHomeAgent({ pinned: null, local: [], current: null, candidates: [ha], servingRegion: args.servingRegion });
    if (!sel.ok) {
      return { ok: false, error: "no_home_agent_available", because: [`static home address ${subscriber.staticHomeAddress} is served by ${ha.name}`, ...sel.because] };
    }
    sel.because.unshift(`static home address ${subscriber.staticHomeAddress} is on ${target.prefix}, served by ${ha.name}`);
    return { ...sel, staticTarget: { prefixId: target.id, homeAgentId: ha.id } };
  }

  // Only HAs with an active home link prefix can hand out a HoA.
  const rows = await db.homeAgent.findMany({
    where: { providerId: args.mspProviderId, prefixes: { some: { state: "active" } } },
    select: HA_SELECT,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const localRows =
    args.localMspProviderId && args.localMspProviderId !== args.mspProviderId
      ? await db.homeAgent.findMany({
          where: { providerId: args.localMspProviderId, prefixes: { some: { state: "active" } } },
          select: HA_SELECT,
          orderBy: [{ name: "asc" }, { id: "asc" }],
        })
      : [];
  const pinnedFound = subscriber.pinnedHomeAgentId
    ? (rows.find((r) => r.id === subscriber.pinnedHomeAgentId) ??
      (await db.homeAgent.findUnique({ where: { id: subscriber.pinnedHomeAgentId }, select: HA_SELECT })))
    : null;
  // Defence in depth: a pin to another provider's HA (written before the console checked it) is ignored.
  const pinnedRow = pinnedFound && mayServe(pinnedFound.providerId) ? pinnedFound : null;
  const pinNote = pinnedFound && !pinnedRow
    ? [`pinned home agent ${pinnedFound.name} ignored: its provider is neither the providing MSP nor an MSP allowed to assign a local home agent`]
    : [];
  const lease = await db.hoaLease.findUnique({
    where: { subscriberId: subscriber.id },
    select: { homeAgentId: true, prefix: { select: { state: true } } },
  });
  // A draining prefix is being renumbered to a new prefix on the same HA: that HA stays the current one.
  const currentRow = lease && lease.prefix.state !== "retired" ? rows.find((r) => r.id === lease.homeAgentId) ?? null : null;

  const ids = [...new Set([...rows.map((r) => r.id), ...localRows.map((r) => r.id), ...(pinnedRow ? [pinnedRow.id] : [])])];
  const load = await loads(db, ids, subscriber.id);
  const sel = selectHomeAgent({
    pinned: pinnedRow ? candidate(pinnedRow, load) : null,
    local: localRows.map((r) => candidate(r, load)),
    current: currentRow ? candidate(currentRow, load) : null,
    candidates: rows.map((r) => candidate(r, load)),
    servingRegion: args.servingRegion,
  });
  if (!sel.ok) return { ok: false, error: "no_home_agent_available", because: [...pinNote, ...sel.because] };
  return { ...sel, because: [...pinNote, ...sel.because], staticTarget: null };
}
