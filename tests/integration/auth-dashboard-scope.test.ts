// Dashboard metrics against a real database: counts per bucket and outcome, and an operator's scope
// (sessions of its subscribers, HAs of its MSPs) — nothing of another provider leaks into the charts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";

let env: Awaited<ReturnType<typeof setupDatabase>>;
const load = async () => ({
  db: await import("@/lib/db/client"),
  metrics: await import("@/lib/data/metrics"),
});
let m: Awaited<ReturnType<typeof load>>;

const NOW = new Date("2026-12-03T12:30:00.000Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
let mine = { providerId: "", subscriberId: "", haId: "" };
let theirs = { providerId: "", subscriberId: "", haId: "" };

async function provider(name: string, realm: string, haAddress: string, capacity: number) {
  const db = m.db.getDb();
  const p = await db.provider.create({ data: { name, roles: { create: [{ role: "MSP" }, { role: "MSA" }] }, realms: { create: [{ name: realm }] } } });
  const ha = await db.homeAgent.create({ data: { providerId: p.id, name: `ha-${realm}`, fqdn: `ha.${realm}`, address: haAddress, region: "eu", capacity } });
  const s = await db.subscriber.create({ data: { nai: `alice@${realm}`, msaProviderId: p.id } });
  return { providerId: p.id, subscriberId: s.id, haId: ha.id };
}

async function session(subscriberId: string | null, nai: string, outcome: string, at: Date) {
  // As the bootstrap pipeline records it: the subscriber's MSA is stored on the session for scoping.
  const sub = subscriberId ? await m.db.getDb().subscriber.findUnique({ where: { id: subscriberId } }) : null;
  await m.db.getDb().bootstrapSession.create({
    data: { id: crypto.randomUUID(), subscriberId, msaProviderId: sub?.msaProviderId ?? null, nai, servingRealm: "", trigger: "boot", homeAddressMode: "dynamic", outcome, httpStatus: outcome === "success" ? 200 : 401, latencyMs: 1, createdAt: at },
  });
}

before(async () => {
  env = await setupDatabase("auth-dash");
  m = await load();
  mine = await provider("Mine", "mine.example", "2001:db8:1::1", 10);
  theirs = await provider("Theirs", "theirs.example", "2001:db8:2::1", 20);
  await session(mine.subscriberId, "alice@mine.example", "success", hoursAgo(0.25));
  await session(mine.subscriberId, "alice@mine.example", "success", hoursAgo(0.5));
  await session(mine.subscriberId, "alice@mine.example", "replay_detected", hoursAgo(3.1));
  await session(mine.subscriberId, "alice@mine.example", "success", hoursAgo(30)); // outside 24h, inside 7d
  await session(theirs.subscriberId, "alice@theirs.example", "success", hoursAgo(0.25));
  await session(theirs.subscriberId, "alice@theirs.example", "stale_timestamp", hoursAgo(1));
  await session(null, "nobody@nowhere.example", "authentication_failed", hoursAgo(2)); // unknown NAI
  const db = m.db.getDb();
  const prefix = await db.homePrefix.create({
    data: { homeAgentId: mine.haId, prefix: "2001:db8:1::/64", length: 64, startHex: "20010db8000100000000000000000000", endHex: "20010db800010000ffffffffffffffff" },
  });
  await db.hoaLease.create({ data: { subscriberId: mine.subscriberId, prefixId: prefix.id, homeAgentId: mine.haId, address: "2001:db8:1::abcd", addressHex: "20010db800010000000000000000abcd", kind: "dynamic" } });
});

after(async () => {
  await env.cleanup();
});

const admin = { kind: "user" as const, userId: "u-admin", email: "a@x", role: "admin" as const, providerIds: [] };
const operator = () => ({ kind: "user" as const, userId: "u-op", email: "o@x", role: "operator" as const, providerIds: [mine.providerId] });

test("admin: every session in the window, unknown NAIs included, bucketed by hour", async () => {
  const t = await m.metrics.sessionsOverTime(admin, "24h", NOW);
  assert.equal(t.buckets.length, 24);
  assert.deepEqual(t.outcomes, ["success", "authentication_failed", "replay_detected", "stale_timestamp"]);
  const last = t.buckets[23]; // 12:00–13:00
  assert.equal(last.label, "12:00");
  assert.deepEqual(last.counts, { success: 3 });
  assert.equal(t.buckets.reduce((s, b) => s + b.total, 0), 6, "the 30-hour-old session is outside 24h");
  const breakdown = await m.metrics.outcomeBreakdown(admin, "24h", NOW);
  assert.deepEqual(breakdown, [
    { outcome: "success", count: 3 },
    { outcome: "authentication_failed", count: 1 },
    { outcome: "replay_detected", count: 1 },
    { outcome: "stale_timestamp", count: 1 },
  ]);
  const week = await m.metrics.outcomeBreakdown(admin, "7d", NOW);
  assert.equal(week.find((o) => o.outcome === "success")?.count, 4);
});

test("operator: only its subscribers' sessions, its HAs and its subscribers", async () => {
  const op = operator();
  const t = await m.metrics.sessionsOverTime(op, "24h", NOW);
  assert.deepEqual(t.outcomes, ["success", "replay_detected"]);
  assert.equal(t.buckets.reduce((s, b) => s + b.total, 0), 3);
  assert.deepEqual(await m.metrics.outcomeBreakdown(op, "24h", NOW), [
    { outcome: "success", count: 2 },
    { outcome: "replay_detected", count: 1 },
  ]);
  const load = await m.metrics.homeAgentLoad(op);
  assert.deepEqual(load.map((h) => [h.name, h.activeBindings, h.capacity]), [["ha-mine.example", 1, 10]]);
  assert.equal(await m.metrics.subscriberCount(op), 1);
  assert.equal(await m.metrics.subscriberCount(admin), 2);
});

test("an operator with an empty scope sees nothing", async () => {
  const none = { ...operator(), providerIds: [] };
  assert.deepEqual(await m.metrics.outcomeBreakdown(none, "30d", NOW), []);
  assert.deepEqual(await m.metrics.homeAgentLoad(none), []);
  assert.equal(await m.metrics.subscriberCount(none), 0);
});

test("HA load lists the busiest HA first", async () => {
  const load = await m.metrics.homeAgentLoad(admin);
  assert.deepEqual(load.map((h) => h.name), ["ha-mine.example", "ha-theirs.example"]);
});
