// The demo's renumbering in progress (RFC 4640 §5.4): during the simulated day an operator plans and
// announces the renumbering of one home link through the real services, some awake MNs react to the flag
// at once and re-bootstrap onto the new prefix, the others come back when their own next bootstrap is due
// (the demo history's attempts), and the drain sweep runs every half hour of simulated time — so the
// renumbering page shows migrated, pending and dormant MNs and a chart with a curve. Nothing is written
// behind the rules' backs: the MNs speak the protocol through the MN client, and the sweep is the server's.
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { announceRenumbering, planRenumbering, sweepRenumbering } from "./renumbering";
import type { HistoryHook, HookAttempt } from "./demo-history";

export const DEMO_RENUMBERING = {
  /** ha2-west's only home link: its MNs come back to the same HA and so to the new prefix */
  oldPrefix: "2001:db8:100:3::/64",
  newPrefix: "2001:db8:100:13::/64",
  plannedHoursAgo: 6.5,
  announcedHoursAgo: 6,
  /**
   * Short, so that one simulated day shows all three states: MNs last seen more than 14 h ago are
   * dormant, those seen since then (but not since the announcement) still pending.
   */
  dormantAfterHours: 14,
  /** the MNs seen most recently before the announcement are awake; every other one re-bootstraps at once */
  awake: 12,
  sweepEveryMinutes: 30,
} as const;

const HOUR = 3600_000;

export type DemoRenumbering = { hooks: HistoryHook[]; id: () => string | null };

export function demoRenumbering(actor: Actor, now: number, rnd: () => number): DemoRenumbering {
  const d = DEMO_RENUMBERING;
  const plannedAt = now - d.plannedHoursAgo * HOUR;
  const announcedAt = now - d.announcedHoursAgo * HOUR;
  let id: string | null = null;

  const plan: HistoryHook = {
    at: plannedAt,
    run: async () => {
      const prefix = await getDb().homePrefix.findUniqueOrThrow({ where: { prefix: d.oldPrefix }, select: { id: true } });
      const r = await planRenumbering(actor, { prefixId: prefix.id, newPrefix: d.newPrefix, dormantAfterSeconds: d.dormantAfterHours * 3600 }, { now: new Date(plannedAt) });
      id = r.id;
    },
  };

  const announce: HistoryHook = {
    at: announcedAt,
    run: async (): Promise<HookAttempt[]> => {
      if (!id) return [];
      await announceRenumbering(actor, id, { now: new Date(announcedAt) });
      // The MNs active shortly before read the flag from their status call and re-bootstrap within the
      // next two hours (trigger prefix-change) — every other one of them: the rest come back later.
      const members = await getDb().renumberingMember.findMany({
        where: { renumberingId: id },
        // nulls last on both databases (PostgreSQL puts NULLs first in a descending order, SQLite last).
        orderBy: [{ subscriber: { lastBootstrapAt: { sort: "desc", nulls: "last" } } }, { subscriberId: "asc" }],
        take: d.awake,
        select: { subscriber: { select: { nai: true } } },
      });
      return members
        .filter((_, i) => i % 2 === 0)
        .map((m) => ({ at: Math.floor(announcedAt + (10 + rnd() * 110) * 60_000), nai: m.subscriber.nai, trigger: "prefix-change" }));
    },
  };

  // The drain sweep, as the server's runner does it: a minute after the announcement (MNs asleep for
  // longer than the dormant period are dormant at once), then every half hour, and once at `now`.
  const sweeps: HistoryHook[] = [sweepAt(announcedAt + 60_000)];
  for (let t = announcedAt + d.sweepEveryMinutes * 60_000; t < now; t += d.sweepEveryMinutes * 60_000) sweeps.push(sweepAt(t));
  sweeps.push(sweepAt(now));
  function sweepAt(t: number): HistoryHook {
    return { at: t, run: async () => { if (id) await sweepRenumbering(id, new Date(t)); } };
  }

  return { hooks: [plan, announce, ...sweeps], id: () => id };
}
