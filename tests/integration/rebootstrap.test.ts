// Network-initiated bootstrap (RFC 4640 §4) against a real SQLite database: bulk re-bootstrap through
// the API with per-row scope, the flagged-MN list, clearing a flag, and the staleness policy end to end
// (policy → flagged rows → the MN's status call says "stale" → a successful bootstrap clears it).
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("rebootstrap");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    fx: await import("./bootstrap-fixtures"),
    staleness: await import("@/lib/services/staleness"),
    rebootstrap: await import("@/lib/services/rebootstrap"),
    mn: await import("@/lib/mn/client"),
    inProcess: await import("@/lib/mn/in-process"),
    bulk: await import("@/app/api/v1/subscribers/rebootstrap/route"),
    one: await import("@/app/api/v1/subscribers/[id]/rebootstrap/route"),
    policy: await import("@/app/api/v1/settings/staleness/route"),
    apply: await import("@/app/api/v1/settings/staleness/apply/route"),
  };
}

let m: Awaited<ReturnType<typeof load>>;
const tokens: Record<string, string> = {};
const ADMIN = "admin@rb.test";
const OPA = "op-a@rb.test";
const AUD = "auditor@rb.test";
let providerA: { id: string };
let providerB: { id: string };
type Sub = Awaited<ReturnType<Awaited<ReturnType<typeof load>>["fx"]["createSubscriber"]>>;

async function makeUser(email: string, role: string, providerIds: string[] = []) {
  const u = await m.db.user.create({
    data: { email, role, passwordHash: "not-a-usable-hash", scopes: { create: providerIds.map((providerId) => ({ providerId })) } },
  });
  tokens[email] = (await m.createApiToken(m.systemActor("test"), { userId: u.id, name: `${email} token` })).token;
}

const flags = (id: string) => m.db.subscriber.findUniqueOrThrow({ where: { id }, select: { rebootstrapRequired: true, rebootstrapReason: true, rebootstrapAt: true } });
const HOUR = 3600_000;
const DAY = 24 * HOUR;

before(async () => {
  m = await load();
  providerA = await m.fx.createProvider("Home A", ["MSP", "MSA"], [{ name: "a.example", region: "eu-west" }]);
  providerB = await m.fx.createProvider("Home B", ["MSP", "MSA"], [{ name: "b.example", region: "eu-west" }]);
  await m.fx.createHomeAgent(providerA.id, { name: "ha-a", fqdn: "ha.a.example", address: "2001:db8:a::1", region: "eu-west", prefixes: ["2001:db8:a::/64"] });
  await makeUser(ADMIN, "admin");
  await makeUser(OPA, "operator", [providerA.id]);
  await makeUser(AUD, "auditor");
});
after(() => m.env.cleanup());

describe("bulk re-bootstrap (POST /api/v1/subscribers/rebootstrap)", () => {
  let a1: Sub, a2: Sub, b1: Sub;
  before(async () => {
    a1 = await m.fx.createSubscriber("bulk1@a.example", providerA.id);
    a2 = await m.fx.createSubscriber("bulk2@a.example", providerA.id);
    b1 = await m.fx.createSubscriber("bulk1@b.example", providerB.id);
  });

  test("an operator flags its own subscribers; another provider's and unknown ids are skipped, not flagged", async () => {
    const r = await call(m.bulk.POST, "POST", "/api/v1/subscribers/rebootstrap", { token: tokens[OPA], body: { subscriberIds: [a1.id, b1.id, "no-such-id", a1.id] } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { flagged: 1, skipped: 2 });
    assert.deepEqual({ ...(await flags(a1.id)), rebootstrapAt: null }, { rebootstrapRequired: true, rebootstrapReason: "admin", rebootstrapAt: null });
    assert.equal((await flags(b1.id)).rebootstrapRequired, false);
    assert.equal((await flags(a2.id)).rebootstrapRequired, false);
    assert.equal(await m.db.auditEntry.count({ where: { action: "subscriber.rebootstrap", objectId: b1.id } }), 0);
  });

  test("one audit entry per flagged subscriber, all with the request's id", async () => {
    const r = await call(m.bulk.POST, "POST", "/api/v1/subscribers/rebootstrap", { token: tokens[ADMIN], body: { subscriberIds: [a2.id, b1.id] } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { flagged: 2, skipped: 0 });
    const requestId = r.headers.get("x-request-id");
    assert.ok(requestId);
    const entries = await m.db.auditEntry.findMany({ where: { requestId }, select: { action: true, objectId: true, actor: true } });
    assert.deepEqual(entries.map((e) => e.objectId).sort(), [a2.id, b1.id].sort());
    for (const e of entries) assert.deepEqual([e.action, e.actor], ["subscriber.rebootstrap", ADMIN]);
  });

  test("refuses an auditor (403), an empty selection and more than 1000 ids (422)", async () => {
    assert.equal((await call(m.bulk.POST, "POST", "/api/v1/subscribers/rebootstrap", { token: tokens[AUD], body: { subscriberIds: [a1.id] } })).status, 403);
    const empty = await call(m.bulk.POST, "POST", "/api/v1/subscribers/rebootstrap", { token: tokens[ADMIN], body: { subscriberIds: [] } });
    assert.equal(empty.status, 422);
    assert.ok(empty.json.fields.subscriberIds);
    const many = await call(m.bulk.POST, "POST", "/api/v1/subscribers/rebootstrap", {
      token: tokens[ADMIN], body: { subscriberIds: Array.from({ length: 1001 }, (_, i) => `id${i}`) },
    });
    assert.equal(many.status, 422);
    assert.match(many.json.fields.subscriberIds, /1000/);
  });

  test("a selection by filter stays inside the operator's scope", async () => {
    const b2 = await m.fx.createSubscriber("filter@b.example", providerB.id);
    const a3 = await m.fx.createSubscriber("filter@a.example", providerA.id);
    const opA = { kind: "user" as const, userId: "op", email: OPA, role: "operator" as const, providerIds: [providerA.id] };
    const r = await m.rebootstrap.requestRebootstrapMany(opA, { filter: { status: "active" } });
    assert.equal(r.flagged, await m.db.subscriber.count({ where: { msaProviderId: providerA.id, status: "active" } }));
    assert.equal((await flags(a3.id)).rebootstrapRequired, true);
    assert.equal((await flags(b2.id)).rebootstrapRequired, false);
  });

  test("the flagged list filters by reason, pages without repeats and is scoped; DELETE clears a flag", async () => {
    const all = [];
    let cursor: string | null = null;
    do {
      const page = await call(m.bulk.GET, "GET", "/api/v1/subscribers/rebootstrap", { token: tokens[ADMIN], query: { limit: 1, reason: "admin", ...(cursor ? { cursor } : {}) } });
      assert.equal(page.status, 200);
      all.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor);
    const expected = await m.db.subscriber.count({ where: { rebootstrapRequired: true, rebootstrapReason: "admin" } });
    assert.equal(all.length, expected);
    assert.equal(new Set(all.map((s: { id: string }) => s.id)).size, expected);
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].rebootstrapAt >= all[i].rebootstrapAt, "newest flag first");

    const scoped = await call(m.bulk.GET, "GET", "/api/v1/subscribers/rebootstrap", { token: tokens[OPA], query: { limit: 500 } });
    assert.ok(scoped.json.items.length > 0);
    for (const s of scoped.json.items) assert.equal(s.msaProviderId, providerA.id);
    const badReason = await call(m.bulk.GET, "GET", "/api/v1/subscribers/rebootstrap", { token: tokens[ADMIN], query: { reason: "whim" } });
    assert.equal(badReason.status, 422);

    assert.equal((await call(m.one.DELETE, "DELETE", `/api/v1/subscribers/${b1.id}/rebootstrap`, { token: tokens[OPA], params: { id: b1.id } })).status, 404);
    assert.equal((await flags(b1.id)).rebootstrapRequired, true);
    const cleared = await call(m.one.DELETE, "DELETE", `/api/v1/subscribers/${a1.id}/rebootstrap`, { token: tokens[OPA], params: { id: a1.id } });
    assert.equal(cleared.status, 200);
    assert.deepEqual([cleared.json.rebootstrapRequired, cleared.json.rebootstrapReason], [false, null]);
    assert.equal(await m.db.auditEntry.count({ where: { action: "subscriber.rebootstrap-clear", objectId: a1.id } }), 1);
  });
});

describe("staleness policy", () => {
  const now = new Date();
  let fresh: Sub, old: Sub, neverOld: Sub, neverNew: Sub, otherReason: Sub, suspended: Sub;

  before(async () => {
    // Start from nobody flagged so the counts below are this suite's alone.
    await m.db.subscriber.updateMany({ data: { rebootstrapRequired: false, rebootstrapReason: null, rebootstrapAt: null, lastBootstrapAt: now } });
    const mk = async (name: string, o: { last?: Date | null; created?: Date; status?: string } = {}) => {
      const s = await m.fx.createSubscriber(`${name}@a.example`, providerA.id, { status: o.status });
      await m.db.subscriber.update({ where: { id: s.id }, data: { lastBootstrapAt: o.last ?? null, ...(o.created ? { createdAt: o.created } : {}) } });
      return s;
    };
    fresh = await mk("fresh", { last: new Date(now.getTime() - HOUR), created: new Date(now.getTime() - 10 * DAY) });
    old = await mk("old", { last: new Date(now.getTime() - 3 * DAY), created: new Date(now.getTime() - 10 * DAY) });
    neverOld = await mk("never-old", { last: null, created: new Date(now.getTime() - 2 * DAY) });
    neverNew = await mk("never-new", { last: null, created: new Date(now.getTime() - HOUR) });
    otherReason = await mk("renumbered", { last: new Date(now.getTime() - 5 * DAY) });
    await m.db.subscriber.update({ where: { id: otherReason.id }, data: { rebootstrapRequired: true, rebootstrapReason: "renumbering", rebootstrapAt: new Date(now.getTime() - DAY) } });
    suspended = await mk("suspended", { last: new Date(now.getTime() - 5 * DAY), status: "suspended" });
  });

  test("the policy is off by default, admin-editable, and validated", async () => {
    const initial = await call(m.policy.GET, "GET", "/api/v1/settings/staleness", { token: tokens[AUD] });
    assert.deepEqual(initial.json, { maxAgeSeconds: 0, updatedAt: null });
    assert.deepEqual((await call(m.apply.POST, "POST", "/api/v1/settings/staleness/apply", { token: tokens[ADMIN] })).json, { maxAgeSeconds: 0, cutoff: null, flagged: 0 });
    // Off: a periodic tick only reads, and claims nothing.
    assert.equal(await m.staleness.stalenessTick(new Date(), 60_000), null);
    assert.equal(await m.db.setting.count({ where: { key: "staleness.lastRunAt" } }), 0);
    assert.equal((await call(m.policy.PUT, "PUT", "/api/v1/settings/staleness", { token: tokens[OPA], body: { maxAgeSeconds: 86400 } })).status, 403);
    assert.equal((await call(m.apply.POST, "POST", "/api/v1/settings/staleness/apply", { token: tokens[OPA] })).status, 403);
    const bad = await call(m.policy.PUT, "PUT", "/api/v1/settings/staleness", { token: tokens[ADMIN], body: { maxAgeSeconds: -5 } });
    assert.equal(bad.status, 422);
    assert.ok(bad.json.fields.maxAgeSeconds);
    const set = await call(m.policy.PUT, "PUT", "/api/v1/settings/staleness", { token: tokens[ADMIN], body: { maxAgeSeconds: 86400 } });
    assert.equal(set.status, 200);
    assert.equal(set.json.maxAgeSeconds, 86400);
    assert.equal(await m.db.auditEntry.count({ where: { action: "setting.update", objectId: "staleness.maxAgeSeconds" } }), 1);
  });

  test("flags exactly the stale rows, keeps another reason, and a second run flags nothing", async () => {
    const run = await m.staleness.flagStaleSubscribers(m.systemActor("test"), now);
    assert.equal(run.flagged, 2);
    assert.equal(run.cutoff, new Date(now.getTime() - DAY).toISOString());
    assert.equal((await flags(old.id)).rebootstrapReason, "stale");
    assert.equal((await flags(neverOld.id)).rebootstrapReason, "stale");
    for (const s of [fresh, neverNew, suspended]) assert.equal((await flags(s.id)).rebootstrapRequired, false, s.nai);
    assert.equal((await flags(otherReason.id)).rebootstrapReason, "renumbering");
    assert.equal((await m.staleness.flagStaleSubscribers(m.systemActor("test"), now)).flagged, 0);
    assert.equal(await m.db.auditEntry.count({ where: { action: "subscriber.rebootstrap", objectId: { in: [old.id, neverOld.id] } } }), 2);
  });

  test("the MN's status call then reports reason stale, and a successful bootstrap clears it", async () => {
    const transport = m.inProcess.inProcessTransport();
    const status = await m.mn.status({ transport, nai: old.nai, secret: old.secret });
    assert.deepEqual(status, { ok: true, rebootstrapRequired: true, reason: "stale" });
    const boot = await m.mn.bootstrap({ transport, nai: old.nai, secret: old.secret, servingRealm: "a.example" });
    assert.equal(boot.ok, true);
    assert.deepEqual(await m.mn.status({ transport, nai: old.nai, secret: old.secret }), { ok: true, rebootstrapRequired: false, reason: null });
    // Just bootstrapped, so not stale any more.
    assert.equal((await m.staleness.flagStaleSubscribers(m.systemActor("test"), new Date())).flagged, 0);
  });

  test("ticks that several instances run at once: one of them works per period", async () => {
    await m.db.subscriber.update({ where: { id: fresh.id }, data: { lastBootstrapAt: new Date(now.getTime() - 2 * DAY) } });
    const at = new Date();
    const results = await Promise.all([1, 2, 3].map(() => m.staleness.stalenessTick(at, 60_000)));
    const ran = results.filter((r) => r !== null);
    assert.equal(ran.length, 1);
    assert.equal(ran[0]!.flagged, 1);
    assert.equal((await flags(fresh.id)).rebootstrapReason, "stale");
    assert.equal(await m.staleness.stalenessTick(new Date(at.getTime() + 10_000), 60_000), null);
    assert.notEqual(await m.staleness.stalenessTick(new Date(at.getTime() + 60_000), 60_000), null);
  });
});
