// Dashboard numbers. Aggregation happens in the database (groupBy per time bucket over the
// @@index([createdAt, id]) / @@index([outcome, createdAt]) range), so the cost is bounded by the window
// and no session rows are loaded into memory, however many there are. Everything is scoped by the actor.
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { bindingCounts, homeAgentScopeWhere } from "./home-agents";
import { sessionScopeWhere } from "./sessions";
import { subscriberScopeWhere } from "./subscribers";

export const METRIC_RANGES = ["24h", "7d", "30d"] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

export function parseMetricRange(v: unknown): MetricRange {
  return (METRIC_RANGES as readonly string[]).includes(String(v)) ? (v as MetricRange) : "24h";
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Bucket = { start: Date; end: Date; label: string };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** UTC-aligned buckets ending with the one that contains `now` (labels in UTC: server and browser agree). */
export function bucketsFor(range: MetricRange, now: Date): Bucket[] {
  const hourly = range === "24h";
  const size = hourly ? HOUR : DAY;
  const count = range === "24h" ? 24 : range === "7d" ? 7 : 30;
  const currentStart = Math.floor(now.getTime() / size) * size;
  const out: Bucket[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = new Date(currentStart - i * size);
    const label = hourly
      ? `${String(start.getUTCHours()).padStart(2, "0")}:00`
      : `${MONTHS[start.getUTCMonth()]} ${start.getUTCDate()}`;
    out.push({ start, end: new Date(start.getTime() + size), label });
  }
  return out;
}

export type SessionsOverTime = {
  range: MetricRange;
  unit: "hour" | "day";
  /** every outcome seen in the window, "success" first */
  outcomes: string[];
  buckets: { start: string; label: string; total: number; counts: Record<string, number> }[];
};

function orderOutcomes(outcomes: Iterable<string>): string[] {
  return [...new Set(outcomes)].sort((a, b) => (a === "success" ? -1 : b === "success" ? 1 : a.localeCompare(b)));
}

export async function sessionsOverTime(actor: Actor, range: MetricRange, now = new Date()): Promise<SessionsOverTime> {
  const buckets = bucketsFor(range, now);
  const scope = sessionScopeWhere(actor);
  const db = getDb();
  const grouped = await Promise.all(
    buckets.map((b) =>
      db.bootstrapSession.groupBy({
        by: ["outcome"],
        where: { AND: [scope, { createdAt: { gte: b.start, lt: b.end } }] },
        _count: { _all: true },
      }),
    ),
  );
  const outcomes = orderOutcomes(grouped.flatMap((g) => g.map((r) => r.outcome)));
  return {
    range,
    unit: range === "24h" ? "hour" : "day",
    outcomes,
    buckets: buckets.map((b, i) => {
      const counts: Record<string, number> = {};
      for (const r of grouped[i]) counts[r.outcome] = r._count._all;
      return { start: b.start.toISOString(), label: b.label, total: grouped[i].reduce((s, r) => s + r._count._all, 0), counts };
    }),
  };
}

export type OutcomeCount = { outcome: string; count: number };

export async function outcomeBreakdown(actor: Actor, range: MetricRange, now = new Date()): Promise<OutcomeCount[]> {
  const buckets = bucketsFor(range, now);
  const rows = await getDb().bootstrapSession.groupBy({
    by: ["outcome"],
    where: { AND: [sessionScopeWhere(actor), { createdAt: { gte: buckets[0].start, lt: buckets[buckets.length - 1].end } }] },
    _count: { _all: true },
  });
  return rows.map((r) => ({ outcome: r.outcome, count: r._count._all })).sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome));
}

export type HaLoad = { id: string; name: string; region: string; state: string; capacity: number; activeBindings: number };

/** Upper bound on HAs drawn: a chart with more bars than this is unreadable anyway. */
export const HA_LOAD_LIMIT = 40;

/** Busiest HAs first (by share of capacity in use). */
export async function homeAgentLoad(actor: Actor): Promise<HaLoad[]> {
  const has = await getDb().homeAgent.findMany({
    where: homeAgentScopeWhere(actor),
    select: { id: true, name: true, region: true, state: true, capacity: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  const counts = await bindingCounts(has.map((h) => h.id));
  const load = (h: HaLoad) => (h.capacity > 0 ? h.activeBindings / h.capacity : 0);
  return has
    .map((h) => ({ ...h, activeBindings: counts.get(h.id) ?? 0 }))
    .sort((a, b) => load(b) - load(a) || a.name.localeCompare(b.name))
    .slice(0, HA_LOAD_LIMIT);
}

export type DashboardSummary = { subscribers: number; sessions: number; successes: number; successRate: number | null };

export function summarize(breakdown: OutcomeCount[], subscribers: number): DashboardSummary {
  const sessions = breakdown.reduce((s, o) => s + o.count, 0);
  const successes = breakdown.find((o) => o.outcome === "success")?.count ?? 0;
  return { subscribers, sessions, successes, successRate: sessions ? successes / sessions : null };
}

export async function subscriberCount(actor: Actor): Promise<number> {
  return getDb().subscriber.count({ where: subscriberScopeWhere(actor) });
}
