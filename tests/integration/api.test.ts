// Operator API v1 (spec/api-v1.md) against a real SQLite database, through the real route modules.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

// Imported after DATABASE_URL points at the throw-away database (see api-helpers.ts).
async function load() {
  const env = await setupDatabase("api");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    ...(await import("@/lib/audit/audit")),
    ...(await import("@/lib/services/credentials")),
    providers: await import("@/app/api/v1/providers/route"),
    provider: await import("@/app/api/v1/providers/[id]/route"),
    homeAgents: await import("@/app/api/v1/home-agents/route"),
    homeAgent: await import("@/app/api/v1/home-agents/[id]/route"),
    prefixes: await import("@/app/api/v1/prefixes/route"),
    prefix: await import("@/app/api/v1/prefixes/[id]/route"),
    subscribers: await import("@/app/api/v1/subscribers/route"),
    subscriber: await import("@/app/api/v1/subscribers/[id]/route"),
    rotate: await import("@/app/api/v1/subscribers/[id]/rotate-secret/route"),
    rebootstrap: await import("@/app/api/v1/subscribers/[id]/rebootstrap/route"),
    sessions: await import("@/app/api/v1/sessions/route"),
    session: await import("@/app/api/v1/sessions/[id]/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
const ids: Record<string, string> = {};

async function makeUser(email: string, role: string, providerIds: string[] = []) {
  const u = await m.db.user.create({
    data: { email, role, passwordHash: "not-a-usable-hash", scopes: { create: providerIds.map((providerId) => ({ providerId })) } },
  });
  userIds[email] = u.id;
  tokens[email] = (await m.createApiToken(m.systemActor("test"), { userId: u.id, name: `${email} test token` })).token;
}

async function auditCount(action: string, objectId?: string) {
  return m.db.auditEntry.count({ where: { action, ...(objectId ? { objectId } : {}) } });
}

const ADMIN = "admin@example.test";
const OPA = "op-a@example.test";
const AUD = "auditor@example.test";

before(async () => {
  m = await load();
  await makeUser(ADMIN, "admin");
  await makeUser(AUD, "auditor");
});
after(() => m.env.cleanup());

describe("authentication", () => {
  test("no token, a malformed token, an unknown token and a revoked token are all 401 with the error body", async () => {
    const none = await call(m.providers.GET, "GET", "/api/v1/providers");
    assert.equal(none.status, 401);
    assert.equal(none.json.error, "unauthorized");
    assert.equal(typeof none.json.message, "string");
    assert.equal((await call(m.providers.GET, "GET", "/api/v1/providers", { token: "nonsense" })).status, 401);
    assert.equal((await call(m.providers.GET, "GET", "/api/v1/providers", { token: "mip6_" + "A".repeat(43) })).status, 401);
    const { token, id } = await m.createApiToken(m.systemActor("test"), { userId: userIds[ADMIN], name: "to revoke" });
    assert.equal((await call(m.providers.GET, "GET", "/api/v1/providers", { token })).status, 200);
    await m.revokeApiToken(m.systemActor("test"), id);
    assert.equal((await call(m.providers.GET, "GET", "/api/v1/providers", { token })).status, 401);
  });

  test("an expired token and a disabled user's token are refused; a used token records lastUsedAt", async () => {
    const { token, id } = await m.createApiToken(m.systemActor("test"), { userId: userIds[ADMIN], name: "short", expiresAt: new Date(Date.now() + 60_000) });
    assert.equal((await call(m.providers.GET, "GET", "/api/v1/providers", { token })).status, 200);
    assert.ok((await m.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt);
    await m.db.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    assert.equal((await call(m.providers.GET, "GET", "/api/v1/providers", { token })).status, 401);
    const u = await m.db.user.create({ data: { email: "gone@example.test", role: "admin", passwordHash: "x" } });
    const t2 = (await m.createApiToken(m.systemActor("test"), { userId: u.id, name: "x" })).token;
    await m.db.user.update({ where: { id: u.id }, data: { disabled: true } });
    assert.equal((await call(m.providers.GET, "GET", "/api/v1/providers", { token: t2 })).status, 401);
  });

  test("tokens are stored only as their SHA-256", async () => {
    const row = await m.db.apiToken.findFirstOrThrow({ where: { userId: userIds[ADMIN] } });
    assert.match(row.tokenHash, /^[0-9a-f]{64}$/);
    assert.ok(!Object.values(tokens).includes(row.tokenHash));
    assert.equal(await auditCount("api-token.create"), await m.db.apiToken.count());
  });
});

describe("providers", () => {
  test("create, read, list, update; 422 with fields for bad input; 409 for a taken name or realm", async () => {
    const admin = tokens[ADMIN];
    const a = await call(m.providers.POST, "POST", "/api/v1/providers", {
      token: admin,
      body: { name: "Cellular A", realms: ["A.Example.NET", { name: "roam.a.example.net", region: "eu-west" }], roles: ["MSA", "MSP", "ASA", "ASP"] },
    });
    assert.equal(a.status, 201, a.text);
    assert.equal(a.headers.get("location"), `/api/v1/providers/${a.json.id}`);
    assert.deepEqual(a.json.realms, ["a.example.net", "roam.a.example.net"]);
    assert.deepEqual(a.json.roles, ["ASA", "ASP", "MSA", "MSP"]);
    ids.provA = a.json.id;
    const b = await call(m.providers.POST, "POST", "/api/v1/providers", {
      token: admin,
      body: { name: "Carrier B", realms: ["b.example.org"], roles: ["MSA", "MSP"] },
    });
    assert.equal(b.status, 201);
    ids.provB = b.json.id;
    assert.equal(await auditCount("provider.create"), 2);

    const bad = await call(m.providers.POST, "POST", "/api/v1/providers", { token: admin, body: { name: "", realms: ["single"], roles: ["XYZ"] } });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error, "validation_failed");
    assert.ok(bad.json.fields.name && bad.json.fields.realms && bad.json.fields.roles, JSON.stringify(bad.json));

    const dupName = await call(m.providers.POST, "POST", "/api/v1/providers", { token: admin, body: { name: "Carrier B", roles: ["ASP"] } });
    assert.equal(dupName.status, 409);
    assert.ok(dupName.json.fields.name);
    const dupRealm = await call(m.providers.POST, "POST", "/api/v1/providers", { token: admin, body: { name: "Other", realms: ["b.example.org"], roles: ["ASP"] } });
    assert.equal(dupRealm.status, 409);
    assert.match(dupRealm.json.fields.realms, /Carrier B/);

    const got = await call(m.provider.GET, "GET", `/api/v1/providers/${ids.provA}`, { token: admin, params: { id: ids.provA } });
    assert.equal(got.status, 200);
    assert.equal(got.json.name, "Cellular A");
    const list = await call(m.providers.GET, "GET", "/api/v1/providers", { token: admin });
    assert.deepEqual(Object.keys(list.json).sort(), ["items", "nextCursor"]);
    assert.equal(list.json.items.length, 2);
    assert.equal(list.json.nextCursor, null);

    const patched = await call(m.provider.PATCH, "PATCH", `/api/v1/providers/${ids.provB}`, {
      token: admin,
      params: { id: ids.provB },
      body: { name: "Carrier B2", realms: ["b.example.org", "b2.example.org"] },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.name, "Carrier B2");
    assert.deepEqual(patched.json.realms, ["b.example.org", "b2.example.org"]);
    assert.equal(await auditCount("provider.update", ids.provB), 1);

    const tmp = await call(m.providers.POST, "POST", "/api/v1/providers", { token: admin, body: { name: "Temp", roles: ["ASP"] } });
    const del = await call(m.provider.DELETE, "DELETE", `/api/v1/providers/${tmp.json.id}`, { token: admin, params: { id: tmp.json.id } });
    assert.equal(del.status, 204);
    assert.equal((await call(m.provider.GET, "GET", "/x", { token: admin, params: { id: tmp.json.id } })).status, 404);
    assert.equal(await auditCount("provider.delete", tmp.json.id), 1);

    await makeUser(OPA, "operator", [ids.provA]);
  });

  test("400 malformed_json for a body that is not JSON", async () => {
    const r = await call(m.providers.POST, "POST", "/api/v1/providers", { token: tokens[ADMIN], rawBody: "{name: nope" });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, "malformed_json");
    const empty = await call(m.providers.POST, "POST", "/api/v1/providers", { token: tokens[ADMIN], rawBody: "" });
    assert.equal(empty.status, 400);
    const arr = await call(m.providers.POST, "POST", "/api/v1/providers", { token: tokens[ADMIN], body: [1, 2] });
    assert.equal(arr.status, 422);
  });
});

describe("home agents and prefixes", () => {
  test("home agent CRUD with 422 for a bad address and capacity; 409 for a duplicate address", async () => {
    const admin = tokens[ADMIN];
    const ha = await call(m.homeAgents.POST, "POST", "/api/v1/home-agents", {
      token: admin,
      body: { providerId: ids.provA, name: "ha1", fqdn: "HA1.a.example.net", address: "2001:DB8:A:0:0:0:0:1", region: "eu-west", capacity: 1000 },
    });
    assert.equal(ha.status, 201, ha.text);
    assert.equal(ha.json.address, "2001:db8:a::1");
    assert.equal(ha.json.fqdn, "ha1.a.example.net");
    assert.equal(ha.json.state, "in-service");
    assert.equal(ha.json.activeBindings, 0);
    ids.haA = ha.json.id;
    const hb = await call(m.homeAgents.POST, "POST", "/api/v1/home-agents", {
      token: admin,
      body: { providerId: ids.provB, name: "hb1", fqdn: "hb1.b.example.org", address: "2001:db8:b::1", region: "us-east", capacity: 10 },
    });
    assert.equal(hb.status, 201);
    ids.haB = hb.json.id;

    const bad = await call(m.homeAgents.POST, "POST", "/api/v1/home-agents", {
      token: admin,
      body: { providerId: ids.provA, name: "x", fqdn: "not a host", address: "2001:db8::g", region: "eu", capacity: 0 },
    });
    assert.equal(bad.status, 422);
    assert.ok(bad.json.fields.address && bad.json.fields.capacity && bad.json.fields.fqdn, JSON.stringify(bad.json));
    const dup = await call(m.homeAgents.POST, "POST", "/api/v1/home-agents", {
      token: admin,
      body: { providerId: ids.provA, name: "ha2", fqdn: "ha2.a.example.net", address: "2001:db8:a::1", region: "eu-west", capacity: 5 },
    });
    assert.equal(dup.status, 409);
    assert.ok(dup.json.fields.address);

    const notMsp = await call(m.providers.POST, "POST", "/api/v1/providers", { token: admin, body: { name: "Hotspot", realms: ["hotspot.example.com"], roles: ["ASP"] } });
    const refused = await call(m.homeAgents.POST, "POST", "/api/v1/home-agents", {
      token: admin,
      body: { providerId: notMsp.json.id, name: "h", fqdn: "h.hotspot.example.com", address: "2001:db8:c::1", region: "x", capacity: 5 },
    });
    assert.equal(refused.status, 422);
    assert.match(refused.json.fields.providerId, /MSP/);

    const patched = await call(m.homeAgent.PATCH, "PATCH", "/x", { token: admin, params: { id: ids.haB }, body: { capacity: 20, region: "us-west" } });
    assert.equal(patched.status, 200);
    assert.equal(patched.json.capacity, 20);
    assert.equal(await auditCount("home-agent.update", ids.haB), 1);
  });

  test("prefix CRUD: canonical text, capacity and assigned; 422 for host bits; 409 for overlap", async () => {
    const admin = tokens[ADMIN];
    const p = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token: admin, body: { homeAgentId: ids.haA, prefix: "2001:0DB8:000A:0001::/64" } });
    assert.equal(p.status, 201, p.text);
    assert.equal(p.json.prefix, "2001:db8:a:1::/64");
    assert.equal(p.json.state, "active");
    assert.equal(p.json.assigned, 0);
    assert.equal(p.json.capacity, ((1n << 64n) - 1n - 128n - (1n << 24n)).toString());
    ids.prefixA = p.json.id;
    const small = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token: admin, body: { homeAgentId: ids.haB, prefix: "2001:db8:b::/120" } });
    assert.equal(small.status, 201);
    assert.equal(small.json.capacity, 256 - 1 - 128 - 1); // minus the HA's own address 2001:db8:b::1
    ids.prefixB = small.json.id;

    const hostBits = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token: admin, body: { homeAgentId: ids.haA, prefix: "2001:db8:a:2::1/64" } });
    assert.equal(hostBits.status, 422);
    assert.match(hostBits.json.fields.prefix, /host bits/);
    const garbage = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token: admin, body: { homeAgentId: ids.haA, prefix: "banana" } });
    assert.equal(garbage.status, 422);
    assert.ok(garbage.json.fields.prefix);
    const overlap = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token: admin, body: { homeAgentId: ids.haA, prefix: "2001:db8:a::/48" } });
    assert.equal(overlap.status, 409);
    assert.match(overlap.json.fields.prefix, /2001:db8:a:1::\/64/);
    const inside = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token: admin, body: { homeAgentId: ids.haA, prefix: "2001:db8:a:1:8000::/65" } });
    assert.equal(inside.status, 409);

    const found = await call(m.prefixes.GET, "GET", "/api/v1/prefixes", { token: admin, query: { q: "2001:db8:a:1::1234" } });
    assert.deepEqual(found.json.items.map((i: { id: string }) => i.id), [ids.prefixA]);

    const drained = await call(m.prefix.PATCH, "PATCH", "/x", { token: admin, params: { id: ids.prefixB }, body: { state: "draining" } });
    assert.equal(drained.status, 200);
    assert.equal(drained.json.state, "draining");
    const edit = await call(m.prefix.PATCH, "PATCH", "/x", { token: admin, params: { id: ids.prefixB }, body: { prefix: "2001:db8:b::/112" } });
    assert.equal(edit.status, 422);
    const extra = await call(m.prefixes.POST, "POST", "/api/v1/prefixes", { token: admin, body: { homeAgentId: ids.haB, prefix: "2001:db8:b:1::/64" } });
    assert.equal((await call(m.prefix.DELETE, "DELETE", "/x", { token: admin, params: { id: extra.json.id } })).status, 204);
    assert.equal(await auditCount("prefix.delete", extra.json.id), 1);
    const haInUse = await call(m.homeAgent.DELETE, "DELETE", "/x", { token: admin, params: { id: ids.haB } });
    assert.equal(haInUse.status, 409);
    assert.match(haInUse.json.message, /prefix/);
  });
});

describe("subscribers", () => {
  test("POST returns 201 with the secret once; GET never shows it; duplicate NAI 409; bad NAI 422", async () => {
    const admin = tokens[ADMIN];
    const created = await call(m.subscribers.POST, "POST", "/api/v1/subscribers", {
      token: admin,
      body: { nai: "Alice@A.EXAMPLE.NET", msaProviderId: ids.provA, homeAddressPolicy: "dynamic" },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.nai, "Alice@a.example.net");
    assert.match(created.json.secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(created.json.rebootstrapRequired, false);
    assert.equal(created.json.homeAddress, null);
    ids.alice = created.json.id;
    const stored = await m.loadRootSecret(m.db, ids.alice);
    assert.equal(stored?.toString("base64url"), created.json.secret);

    const got = await call(m.subscriber.GET, "GET", "/x", { token: admin, params: { id: ids.alice } });
    assert.equal(got.status, 200);
    assert.ok(!("secret" in got.json));
    assert.ok(!got.text.includes(created.json.secret));
    for (const k of ["homeAddress", "homeAgentId", "lastBootstrapAt", "rebootstrapRequired", "rebootstrapReason"]) assert.ok(k in got.json, k);
    const listed = await call(m.subscribers.GET, "GET", "/api/v1/subscribers", { token: admin });
    assert.ok(!listed.text.includes(created.json.secret));
    const audit = await m.db.auditEntry.findFirstOrThrow({ where: { action: "subscriber.create", objectId: ids.alice } });
    assert.ok(!audit.changes?.includes(created.json.secret));
    assert.equal(audit.actorId, userIds[ADMIN]);

    const dup = await call(m.subscribers.POST, "POST", "/api/v1/subscribers", { token: admin, body: { nai: "Alice@a.example.net", msaProviderId: ids.provA } });
    assert.equal(dup.status, 409);
    assert.ok(dup.json.fields.nai);
    const caseDiffers = await call(m.subscribers.POST, "POST", "/api/v1/subscribers", { token: admin, body: { nai: "alice@a.example.net", msaProviderId: ids.provA } });
    assert.equal(caseDiffers.status, 201, "the user part is case-sensitive (RFC 7542 §2.4)");

    for (const nai of ["fred@sales", "a b@a.example.net", "bob", "x@a..example.net", "@a.example.net"]) {
      const r = await call(m.subscribers.POST, "POST", "/api/v1/subscribers", { token: admin, body: { nai, msaProviderId: ids.provA } });
      assert.equal(r.status, 422, nai);
      assert.ok(r.json.fields.nai, nai);
    }
    const wrongRealm = await call(m.subscribers.POST, "POST", "/api/v1/subscribers", { token: admin, body: { nai: "carol@b.example.org", msaProviderId: ids.provA } });
    assert.equal(wrongRealm.status, 422);
    assert.match(wrongRealm.json.fields.nai, /not a realm of Cellular A/);
  });

  test("static policy: address required, inside a home prefix, not reserved; bad address 422", async () => {
    const admin = tokens[ADMIN];
    const post = (body: object) => call(m.subscribers.POST, "POST", "/api/v1/subscribers", { token: admin, body: { msaProviderId: ids.provA, ...body } });
    const missing = await post({ nai: "s1@a.example.net", homeAddressPolicy: "static" });
    assert.equal(missing.status, 422);
    assert.ok(missing.json.fields.staticHomeAddress);
    const bad = await post({ nai: "s1@a.example.net", homeAddressPolicy: "static", staticHomeAddress: "2001:db8::zz" });
    assert.equal(bad.status, 422);
    assert.ok(bad.json.fields.staticHomeAddress);
    const outside = await post({ nai: "s1@a.example.net", homeAddressPolicy: "static", staticHomeAddress: "2001:db8:ffff::5" });
    assert.equal(outside.status, 422);
    const reserved = await post({ nai: "s1@a.example.net", homeAddressPolicy: "static", staticHomeAddress: "2001:db8:a:1:fdff:ffff:ffff:fffe" });
    assert.equal(reserved.status, 422);
    assert.match(reserved.json.fields.staticHomeAddress, /anycast/);
    const ok = await post({ nai: "s1@a.example.net", homeAddressPolicy: "static", staticHomeAddress: "2001:db8:a:1::0:50" });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.staticHomeAddress, "2001:db8:a:1::50");
    const taken = await post({ nai: "s2@a.example.net", homeAddressPolicy: "static", staticHomeAddress: "2001:db8:a:1::50" });
    assert.equal(taken.status, 409);
    assert.ok(taken.json.fields.staticHomeAddress);
    // A HoA leased (by a bootstrap) to another subscriber is in use: 409. Its own lease may become static.
    const holder = await post({ nai: "holder@a.example.net" });
    await m.db.hoaLease.create({ data: { subscriberId: holder.json.id, prefixId: ids.prefixA, homeAgentId: ids.haA, address: "2001:db8:a:1::77", addressHex: "20010db8000a00010000000000000077", kind: "dynamic" } });
    const leased = await post({ nai: "s3@a.example.net", homeAddressPolicy: "static", staticHomeAddress: "2001:db8:a:1::77" });
    assert.equal(leased.status, 409);
    assert.match(leased.json.fields.staticHomeAddress, /in use/);
    const own = await call(m.subscriber.PATCH, "PATCH", "/x", { token: admin, params: { id: holder.json.id }, body: { homeAddressPolicy: "static", staticHomeAddress: "2001:db8:a:1::77" } });
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.homeAddress, "2001:db8:a:1::77");
    assert.equal(own.json.rebootstrapRequired, true, "a changed HoA policy flags the MN");
  });

  test("PATCH, rotate-secret, rebootstrap and DELETE are audited", async () => {
    const admin = tokens[ADMIN];
    const patched = await call(m.subscriber.PATCH, "PATCH", "/x", { token: admin, params: { id: ids.alice }, body: { status: "suspended", suspendedReason: "lost device" } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.status, "suspended");
    assert.equal(patched.json.suspendedReason, "lost device");
    assert.equal(await auditCount("subscriber.update", ids.alice), 1);

    const before = (await m.loadRootSecret(m.db, ids.alice))!.toString("base64url");
    const r1 = await call(m.rotate.POST, "POST", "/x", { token: admin, params: { id: ids.alice } });
    assert.equal(r1.status, 200);
    assert.deepEqual(Object.keys(r1.json), ["secret"]);
    assert.notEqual(r1.json.secret, before);
    assert.equal((await m.loadRootSecret(m.db, ids.alice))!.toString("base64url"), r1.json.secret);
    assert.equal(await auditCount("subscriber.rotate-secret", ids.alice), 1);

    const rb = await call(m.rebootstrap.POST, "POST", "/x", { token: admin, params: { id: ids.alice } });
    assert.equal(rb.status, 200);
    assert.equal(rb.json.rebootstrapRequired, true);
    assert.equal(rb.json.rebootstrapReason, "admin");
    assert.equal(await auditCount("subscriber.rebootstrap", ids.alice), 1);

    const gone = await call(m.subscribers.POST, "POST", "/x", { token: admin, body: { nai: "gone@a.example.net", msaProviderId: ids.provA } });
    assert.equal((await call(m.subscriber.DELETE, "DELETE", "/x", { token: admin, params: { id: gone.json.id } })).status, 204);
    assert.equal((await call(m.subscriber.GET, "GET", "/x", { token: admin, params: { id: gone.json.id } })).status, 404);
    assert.equal(await m.db.credential.count({ where: { subscriberId: gone.json.id } }), 0);
    assert.equal(await auditCount("subscriber.delete", gone.json.id), 1);
  });

  test("draining a home agent flags the MNs bound to it with reason home-agent", async () => {
    const admin = tokens[ADMIN];
    const bob = await call(m.subscribers.POST, "POST", "/x", { token: admin, body: { nai: "bob@a.example.net", msaProviderId: ids.provA } });
    const other = await call(m.subscribers.POST, "POST", "/x", { token: admin, body: { nai: "dan@a.example.net", msaProviderId: ids.provA } });
    // A successful bootstrap binds the MN to the HA (lib/bootstrap); here the binding is set directly.
    await m.db.subscriber.update({ where: { id: bob.json.id }, data: { homeAgentId: ids.haA } });
    const r = await call(m.homeAgent.PATCH, "PATCH", "/x", { token: admin, params: { id: ids.haA }, body: { state: "draining" } });
    assert.equal(r.status, 200);
    assert.equal(r.json.state, "draining");
    const flagged = await call(m.subscriber.GET, "GET", "/x", { token: admin, params: { id: bob.json.id } });
    assert.equal(flagged.json.rebootstrapRequired, true);
    assert.equal(flagged.json.rebootstrapReason, "home-agent");
    const untouched = await call(m.subscriber.GET, "GET", "/x", { token: admin, params: { id: other.json.id } });
    assert.equal(untouched.json.rebootstrapRequired, false);
    const entry = await m.db.auditEntry.findFirstOrThrow({ where: { action: "home-agent.update", objectId: ids.haA } });
    assert.match(entry.changes ?? "", /flaggedForRebootstrap":1/);
    await call(m.homeAgent.PATCH, "PATCH", "/x", { token: admin, params: { id: ids.haA }, body: { state: "in-service" } });
  });
});

describe("roles and scope", () => {
  test("an operator of provider A gets 404 for provider B's objects and never sees them in lists", async () => {
    const admin = tokens[ADMIN];
    const op = tokens[OPA];
    const carol = await call(m.subscribers.POST, "POST", "/x", { token: admin, body: { nai: "carol@b.example.org", msaProviderId: ids.provB } });
    assert.equal(carol.status, 201);
    for (const [h, method] of [[m.subscriber.GET, "GET"], [m.subscriber.PATCH, "PATCH"], [m.subscriber.DELETE, "DELETE"], [m.rotate.POST, "POST"], [m.rebootstrap.POST, "POST"]] as const) {
      const r = await call(h, method, "/x", { token: op, params: { id: carol.json.id }, body: method === "PATCH" ? { status: "suspended" } : undefined });
      assert.equal(r.status, 404, `${method} on another provider's subscriber`);
      assert.equal(r.json.error, "not_found");
    }
    assert.equal((await m.loadRootSecret(m.db, carol.json.id))?.toString("base64url"), carol.json.secret, "the secret was not rotated");
    assert.equal((await call(m.provider.GET, "GET", "/x", { token: op, params: { id: ids.provB } })).status, 404);
    assert.equal((await call(m.homeAgent.GET, "GET", "/x", { token: op, params: { id: ids.haB } })).status, 404);
    assert.equal((await call(m.prefix.GET, "GET", "/x", { token: op, params: { id: ids.prefixB } })).status, 404);

    const seen = await call(m.subscribers.GET, "GET", "/x", { token: op, query: { limit: 500 } });
    assert.ok(seen.json.items.length > 0);
    assert.ok(seen.json.items.every((s: { msaProviderId: string }) => s.msaProviderId === ids.provA));
    const searched = await call(m.subscribers.GET, "GET", "/x", { token: op, query: { q: "carol" } });
    assert.equal(searched.json.items.length, 0);
    const provs = await call(m.providers.GET, "GET", "/x", { token: op });
    assert.deepEqual(provs.json.items.map((p: { id: string }) => p.id), [ids.provA]);
    const has = await call(m.homeAgents.GET, "GET", "/x", { token: op });
    assert.deepEqual(has.json.items.map((p: { id: string }) => p.id), [ids.haA]);
    const pfx = await call(m.prefixes.GET, "GET", "/x", { token: op });
    assert.deepEqual(pfx.json.items.map((p: { id: string }) => p.id), [ids.prefixA]);

    const create = await call(m.subscribers.POST, "POST", "/x", { token: op, body: { nai: "eve@b.example.org", msaProviderId: ids.provB } });
    assert.equal(create.status, 422);
    assert.ok(create.json.fields.msaProviderId);
    const mine = await call(m.subscribers.POST, "POST", "/x", { token: op, body: { nai: "frank@a.example.net", msaProviderId: ids.provA } });
    assert.equal(mine.status, 201);
    const entry = await m.db.auditEntry.findFirstOrThrow({ where: { action: "subscriber.create", objectId: mine.json.id } });
    assert.equal(entry.actor, OPA);
    const provPatch = await call(m.provider.PATCH, "PATCH", "/x", { token: op, params: { id: ids.provA }, body: { name: "Hijack" } });
    assert.equal(provPatch.status, 403, "providers are changed by admins only");
  });

  test("an auditor reads everything and gets 403 on every write", async () => {
    const aud = tokens[AUD];
    assert.equal((await call(m.subscribers.GET, "GET", "/x", { token: aud })).status, 200);
    assert.equal((await call(m.subscriber.GET, "GET", "/x", { token: aud, params: { id: ids.alice } })).status, 200);
    const before = await m.db.auditEntry.count();
    const writes = [
      call(m.subscribers.POST, "POST", "/x", { token: aud, body: { nai: "z@a.example.net", msaProviderId: ids.provA } }),
      call(m.providers.POST, "POST", "/x", { token: aud, body: { name: "Z", roles: ["ASP"] } }),
      call(m.homeAgent.PATCH, "PATCH", "/x", { token: aud, params: { id: ids.haA }, body: { capacity: 1 } }),
      call(m.prefix.DELETE, "DELETE", "/x", { token: aud, params: { id: ids.prefixA } }),
      call(m.rotate.POST, "POST", "/x", { token: aud, params: { id: ids.alice } }),
      call(m.subscribers.POST, "POST", "/x", { token: aud, rawBody: "not json" }),
    ];
    for (const r of await Promise.all(writes)) {
      assert.equal(r.status, 403);
      assert.equal(r.json.error, "forbidden");
    }
    assert.equal(await m.db.auditEntry.count(), before, "nothing was written");
  });
});

describe("lists", () => {
  test("120 subscribers walk as 50, 50, 20 with no duplicates, newest first; the NAI search pages in NAI order", async () => {
    const admin = tokens[ADMIN];
    await call(m.providers.POST, "POST", "/x", { token: admin, body: { name: "Bulk", realms: ["bulk.example.com"], roles: ["MSA"] } });
    const bulk = (await call(m.providers.GET, "GET", "/x", { token: admin, query: { q: "Bulk" } })).json.items[0].id;
    for (let i = 0; i < 120; i++) {
      const r = await call(m.subscribers.POST, "POST", "/x", { token: admin, body: { nai: `mn${String(i).padStart(3, "0")}@bulk.example.com`, msaProviderId: bulk } });
      assert.equal(r.status, 201);
    }
    const walk = async (query: Record<string, string | number>) => {
      const sizes: number[] = [];
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r: { status: number; json: { items: { id: string; nai: string }[]; nextCursor: string | null } } =
          await call(m.subscribers.GET, "GET", "/x", { token: admin, query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } });
        assert.equal(r.status, 200);
        sizes.push(r.json.items.length);
        seen.push(...r.json.items.map((s) => s.nai));
        cursor = r.json.nextCursor;
      } while (cursor);
      return { sizes, seen };
    };
    const all = await walk({ msaProviderId: bulk });
    assert.deepEqual(all.sizes, [50, 50, 20]);
    assert.equal(new Set(all.seen).size, 120);
    assert.equal(all.seen[0], "mn119@bulk.example.com", "newest first");
    const search = await walk({ q: "mn" });
    assert.deepEqual(search.sizes, [50, 50, 20]);
    assert.deepEqual(search.seen, [...search.seen].sort());
    assert.equal(search.seen[0], "mn000@bulk.example.com");
    const narrow = await call(m.subscribers.GET, "GET", "/x", { token: admin, query: { q: "mn11" } });
    assert.deepEqual(narrow.json.items.map((s: { nai: string }) => s.nai), Array.from({ length: 10 }, (_, i) => `mn11${i}@bulk.example.com`));
    const upper = await call(m.subscribers.GET, "GET", "/x", { token: admin, query: { q: "MN11" } });
    assert.equal(upper.json.items.length, 0, "the user part is matched case-sensitively");
    const realm = await call(m.subscribers.GET, "GET", "/x", { token: admin, query: { q: "mn000@BULK" } });
    assert.equal(realm.json.items.length, 1, "the realm part is matched case-insensitively");
  });

  test("limit above 500, a bad limit and a bad cursor are 422 with fields", async () => {
    const admin = tokens[ADMIN];
    for (const [query, field] of [[{ limit: 501 }, "limit"], [{ limit: "ten" }, "limit"], [{ limit: 0 }, "limit"], [{ cursor: "garbage" }, "cursor"], [{ status: "gone" }, "status"]] as const) {
      const r = await call(m.subscribers.GET, "GET", "/x", { token: admin, query });
      assert.equal(r.status, 422, JSON.stringify(query));
      assert.ok(r.json.fields[field], JSON.stringify(r.json));
    }
    const ok = await call(m.subscribers.GET, "GET", "/x", { token: admin, query: { limit: 500 } });
    assert.equal(ok.status, 200);
    const byDefault = await call(m.subscribers.GET, "GET", "/x", { token: admin });
    assert.equal(byDefault.json.items.length, 50);
  });
});

describe("sessions", () => {
  test("list with filters and scope; GET by id; 404 out of scope", async () => {
    const admin = tokens[ADMIN];
    const carol = await m.db.subscriber.findUniqueOrThrow({ where: { nai: "carol@b.example.org" } });
    const alice = await m.db.subscriber.findUniqueOrThrow({ where: { nai: "Alice@a.example.net" } });
    const base = { servingRealm: "a.example.net", trigger: "boot", homeAddressMode: "dynamic", latencyMs: 3.5 };
    // Session rows as the bootstrap pipeline records them (msaProviderId is the denormalised scope).
    await m.db.bootstrapSession.createMany({
      data: [
        { id: "s-1", subscriberId: alice.id, msaProviderId: alice.msaProviderId, nai: alice.nai, outcome: "success", httpStatus: 200, scenario: "split", homeAgentId: ids.haA, homeAddress: "2001:db8:a:1::99", createdAt: new Date("2026-01-01T10:00:00Z"), steps: JSON.stringify([{ step: "verify", atMs: 1, ok: true }]), ...base },
        { id: "s-2", subscriberId: alice.id, msaProviderId: alice.msaProviderId, nai: alice.nai, outcome: "bad_mac", httpStatus: 401, createdAt: new Date("2026-01-02T10:00:00Z"), ...base },
        { id: "s-3", subscriberId: carol.id, msaProviderId: carol.msaProviderId, nai: carol.nai, outcome: "success", httpStatus: 200, scenario: "split", createdAt: new Date("2026-01-03T10:00:00Z"), ...base },
        { id: "s-4", subscriberId: null, nai: "nobody@x.example", outcome: "unknown_nai", httpStatus: 401, createdAt: new Date("2026-01-04T10:00:00Z"), ...base },
      ],
    });
    const all = await call(m.sessions.GET, "GET", "/x", { token: admin });
    assert.deepEqual(all.json.items.map((s: { id: string }) => s.id), ["s-4", "s-3", "s-2", "s-1"]);
    const ok = await call(m.sessions.GET, "GET", "/x", { token: admin, query: { outcome: "success", subscriberId: alice.id } });
    assert.deepEqual(ok.json.items.map((s: { id: string }) => s.id), ["s-1"]);
    assert.deepEqual(ok.json.items[0].steps, [{ step: "verify", atMs: 1, ok: true }]);
    const window = await call(m.sessions.GET, "GET", "/x", { token: admin, query: { from: "2026-01-02T00:00:00Z", to: "2026-01-04T00:00:00Z" } });
    assert.deepEqual(window.json.items.map((s: { id: string }) => s.id), ["s-3", "s-2"]);
    const scen = await call(m.sessions.GET, "GET", "/x", { token: admin, query: { scenario: "split" } });
    assert.equal(scen.json.items.length, 2);
    const badFrom = await call(m.sessions.GET, "GET", "/x", { token: admin, query: { from: "yesterday" } });
    assert.equal(badFrom.status, 422);
    assert.ok(badFrom.json.fields.from);

    const op = await call(m.sessions.GET, "GET", "/x", { token: tokens[OPA] });
    assert.deepEqual(op.json.items.map((s: { id: string }) => s.id), ["s-2", "s-1"]);
    assert.equal((await call(m.session.GET, "GET", "/x", { token: tokens[OPA], params: { id: "s-3" } })).status, 404);
    assert.equal((await call(m.session.GET, "GET", "/x", { token: tokens[OPA], params: { id: "s-4" } })).status, 404);
    const one = await call(m.session.GET, "GET", "/x", { token: tokens[OPA], params: { id: "s-1" } });
    assert.equal(one.status, 200);
    assert.equal(one.json.homeAddress, "2001:db8:a:1::99");
    assert.equal(one.json.createdAt, "2026-01-01T10:00:00.000Z");
  });
});

describe("references and audit", () => {
  test("deleting a referenced provider is 409 naming what references it", async () => {
    const r = await call(m.provider.DELETE, "DELETE", "/x", { token: tokens[ADMIN], params: { id: ids.provA } });
    assert.equal(r.status, 409);
    assert.match(r.json.message, /home agent/);
    assert.match(r.json.message, /subscribers/);
    assert.match(r.json.message, /operator scope/);
  });

  test("every mutation is in the hash-chained audit log with the acting user", async () => {
    const subs = await m.db.subscriber.count();
    assert.equal(await auditCount("subscriber.create"), subs + 1, "one create per subscriber ever made (one was deleted)");
    const verified = await m.verifyAuditChain(m.db);
    assert.equal(verified.ok, true, verified.problem ?? "");
    const byAdmin = await m.db.auditEntry.count({ where: { actorId: userIds[ADMIN] } });
    assert.ok(byAdmin > 120);
  });
});

describe("tokens", () => {
  test("create for oneself (token once), list without the token, revoke; other users' tokens are 404; auditors cannot create", async () => {
    const tokensRoute = await import("@/app/api/v1/tokens/route");
    const tokenRoute = await import("@/app/api/v1/tokens/[id]/route");
    const op = tokens[OPA];
    const made = await call(tokensRoute.POST, "POST", "/x", { token: op, body: { name: "ci", expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
    assert.equal(made.status, 201, made.text);
    assert.match(made.json.token, /^mip6_/);
    assert.equal(made.json.userId, userIds[OPA]);
    assert.equal((await call(m.providers.GET, "GET", "/x", { token: made.json.token })).status, 200);
    const listed = await call(tokensRoute.GET, "GET", "/x", { token: op });
    assert.ok(listed.json.items.some((t: { id: string }) => t.id === made.json.id));
    assert.ok(!listed.text.includes(made.json.token));
    const forOther = await call(tokensRoute.POST, "POST", "/x", { token: op, body: { name: "sneaky", userId: userIds[ADMIN] } });
    assert.equal(forOther.status, 403);
    const adminTokens = await call(tokensRoute.GET, "GET", "/x", { token: op, query: { userId: userIds[ADMIN] } });
    assert.equal(adminTokens.status, 404);
    const adminToken = await m.db.apiToken.findFirstOrThrow({ where: { userId: userIds[ADMIN] } });
    assert.equal((await call(tokenRoute.DELETE, "DELETE", "/x", { token: op, params: { id: adminToken.id } })).status, 404);
    assert.equal((await call(tokenRoute.DELETE, "DELETE", "/x", { token: op, params: { id: made.json.id } })).status, 204);
    assert.equal((await call(m.providers.GET, "GET", "/x", { token: made.json.token })).status, 401);
    assert.equal(await auditCount("api-token.revoke", made.json.id), 1);
    assert.equal((await call(tokensRoute.POST, "POST", "/x", { token: tokens[AUD], body: { name: "x" } })).status, 403);
    const bad = await call(tokensRoute.POST, "POST", "/x", { token: op, body: { name: "", expiresAt: "2001-01-01T00:00:00Z" } });
    assert.equal(bad.status, 422);
    assert.ok(bad.json.fields.name && bad.json.fields.expiresAt);
  });
});
