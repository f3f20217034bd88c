// Provider aggregates and the next-free-/64 allocator through the real API routes and a real database.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("aggregates");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    aggregates: await import("@/app/api/v1/aggregates/route"),
    aggregate: await import("@/app/api/v1/aggregates/[id]/route"),
    allocate: await import("@/app/api/v1/aggregates/[id]/allocate/route"),
    prefixes: await import("@/app/api/v1/prefixes/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
let token = "";
let opToken = "";
let providerId = "";
let otherProviderId = "";
let haId = "";

before(async () => {
  m = await load();
  const p = await m.db.provider.create({ data: { name: "Cellular", roles: { create: [{ role: "MSP" }] } } });
  const o = await m.db.provider.create({ data: { name: "Other", roles: { create: [{ role: "MSP" }] } } });
  providerId = p.id;
  otherProviderId = o.id;
  haId = (await m.db.homeAgent.create({ data: { providerId, name: "ha1", fqdn: "ha1.example", address: "2001:db8:ffff::1", region: "eu", capacity: 100 } })).id;
  const admin = await m.db.user.create({ data: { email: "a@x.test", role: "admin", passwordHash: "x" } });
  token = (await m.createApiToken(m.systemActor("t"), { userId: admin.id, name: "t" })).token;
  const op = await m.db.user.create({ data: { email: "op@x.test", role: "operator", passwordHash: "x", scopes: { create: [{ providerId: o.id }] } } });
  opToken = (await m.createApiToken(m.systemActor("t"), { userId: op.id, name: "t" })).token;
});
after(() => m.env.cleanup());

test("a /29 in any spelling is stored in RFC 5952 form and shows 2^35 /64s as a string", async () => {
  const r = await call(m.aggregates.POST, "POST", "/api/v1/aggregates", { token, body: { providerId, prefix: "2001:0DB8:0000::/29" } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.prefix, "2001:db8::/29");
  assert.equal(r.json.slash64Total, "34359738368");
  assert.equal(r.json.slash64Used, "0");
  assert.equal(r.json.level, "ok");
  assert.equal(await m.db.auditEntry.count({ where: { action: "aggregate.create", objectId: r.json.id } }), 1);
  // overlapping aggregates and host bits are refused
  const overlap = await call(m.aggregates.POST, "POST", "/api/v1/aggregates", { token, body: { providerId, prefix: "2001:db9::/32" } });
  assert.equal(overlap.status, 409);
  const hostBits = await call(m.aggregates.POST, "POST", "/api/v1/aggregates", { token, body: { providerId, prefix: "2001:db8::1/48" } });
  assert.equal(hostBits.status, 422);
  assert.match(hostBits.json.fields.prefix, /host bits/);
  const tooLong = await call(m.aggregates.POST, "POST", "/api/v1/aggregates", { token, body: { providerId, prefix: "2001:db7::/96" } });
  assert.equal(tooLong.status, 422);
});

test("next free /64 skips existing prefixes; the list searches by any spelling; 409 when full", async () => {
  const small = await call(m.aggregates.POST, "POST", "/api/v1/aggregates", { token, body: { providerId, prefix: "2001:db7:0:4::/62" } });
  assert.equal(small.status, 201, small.text);
  const id = small.json.id;
  // a hand-made prefix inside the aggregate is linked to it and skipped by the allocator
  const manual = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token, body: { homeAgentId: haId, prefix: "2001:DB7:0:4::/64" } });
  assert.equal(manual.status, 201, manual.text);
  assert.equal((await m.db.homePrefix.findUniqueOrThrow({ where: { id: manual.json.id } })).aggregateId, id);
  const got: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await call(m.allocate.POST, "POST", `/api/v1/aggregates/${id}/allocate`, { token, params: { id }, body: { homeAgentId: haId } });
    assert.equal(r.status, 201, r.text);
    got.push(r.json.prefix);
  }
  assert.deepEqual(got, ["2001:db7:0:5::/64", "2001:db7:0:6::/64", "2001:db7:0:7::/64"]);
  const full = await call(m.allocate.POST, "POST", `/api/v1/aggregates/${id}/allocate`, { token, params: { id }, body: { homeAgentId: haId } });
  assert.equal(full.status, 409);
  assert.equal(full.json.error, "aggregate_full");
  const g = await call(m.aggregate.GET, "GET", `/api/v1/aggregates/${id}`, { token, params: { id } });
  assert.equal(g.json.slash64Used, "4");
  assert.equal(g.json.slash64Total, "4");
  assert.equal(g.json.utilisationBp, 10000);
  assert.equal(g.json.level, "critical");
  const search = await call(m.aggregates.GET, "GET", "/api/v1/aggregates", { token, query: { q: "2001:0db7:0000:0006:0000:0000:0000:0001" } });
  assert.deepEqual(search.json.items.map((a: { prefix: string }) => a.prefix), ["2001:db7:0:4::/62"]);
  // an aggregate still holding prefixes cannot be deleted
  const del = await call(m.aggregate.DELETE, "DELETE", `/api/v1/aggregates/${id}`, { token, params: { id } });
  assert.equal(del.status, 409);
});

test("operators see and write only their providers' aggregates (others are 404)", async () => {
  const mine = await call(m.aggregates.POST, "POST", "/api/v1/aggregates", { token: opToken, body: { providerId: otherProviderId, prefix: "2001:db6::/48" } });
  assert.equal(mine.status, 201, mine.text);
  const notMine = await call(m.aggregates.POST, "POST", "/api/v1/aggregates", { token: opToken, body: { providerId, prefix: "2001:db5::/48" } });
  assert.equal(notMine.status, 422);
  const list = await call(m.aggregates.GET, "GET", "/api/v1/aggregates", { token: opToken });
  assert.deepEqual(list.json.items.map((a: { prefix: string }) => a.prefix), ["2001:db6::/48"]);
  const other = (await m.db.prefixAggregate.findFirstOrThrow({ where: { prefix: "2001:db8::/29" } })).id;
  assert.equal((await call(m.aggregate.GET, "GET", `/api/v1/aggregates/${other}`, { token: opToken, params: { id: other } })).status, 404);
  const del = await call(m.aggregate.DELETE, "DELETE", `/api/v1/aggregates/${mine.json.id}`, { token: opToken, params: { id: mine.json.id } });
  assert.equal(del.status, 204);
});

test("a home prefix inside another provider's aggregate is refused, created or moved (pen-test: it took that provider's space)", async () => {
  // The operator's provider ("Other") holds 2001:db4::/48; the admin puts a prefix of Cellular's HA inside it.
  const agg = await call(m.aggregates.POST, "POST", "/api/v1/aggregates", { token: opToken, body: { providerId: otherProviderId, prefix: "2001:db4::/48" } });
  assert.equal(agg.status, 201, agg.text);
  const inside = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token, body: { homeAgentId: haId, prefix: "2001:db4:0:1::/64" } });
  assert.equal(inside.status, 409, inside.text);
  assert.match(inside.json.fields.prefix, /aggregate of another provider/);
  assert.equal(await m.db.homePrefix.count({ where: { prefix: "2001:db4:0:1::/64" } }), 0);
  assert.equal((await call(m.aggregate.GET, "GET", `/api/v1/aggregates/${agg.json.id}`, { token: opToken, params: { id: agg.json.id } })).json.slash64Used, "0");
  // Its own HA may: a prefix of the aggregate's provider.
  const otherHa = await m.db.homeAgent.create({ data: { providerId: otherProviderId, name: "ha-o", fqdn: "ha-o.example", address: "2001:db8:fffe::1", region: "eu", capacity: 10 } });
  const own = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token: opToken, body: { homeAgentId: otherHa.id, prefix: "2001:db4:0:2::/64" } });
  assert.equal(own.status, 201, own.text);
  // Moving that prefix onto Cellular's HA is refused the same way.
  const prefixRoute = await import("@/app/api/v1/prefixes/[id]/route");
  const move = await call(prefixRoute.PATCH, "PATCH", `/api/v1/prefixes/${own.json.id}`, { token, params: { id: own.json.id }, body: { homeAgentId: haId } });
  assert.equal(move.status, 409, move.text);
});
