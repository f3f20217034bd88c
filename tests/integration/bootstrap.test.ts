// The bootstrap endpoint (spec/bootstrap-v1.md) against a real SQLite database: every error code in
// its order, replay, indistinguishable authentication failures, HoA allocation under concurrency,
// dynamic/privacy/static behaviour, the status flag, and the session record of every attempt.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";

let env: Awaited<ReturnType<typeof setupDatabase>>;
delete process.env.BOOTSTRAP_RATE_PER_NAI;
delete process.env.BOOTSTRAP_RATE_PER_SOURCE;

const load = async () => ({
  db: await import("@/lib/db/client"),
  fx: await import("./bootstrap-fixtures"),
  handler: await import("@/lib/bootstrap/handle-bootstrap"),
  mn: await import("@/lib/mn/client"),
  inProcess: await import("@/lib/mn/in-process"),
  ipv6: await import("@/lib/domain/ipv6"),
  hoa: await import("@/lib/domain/home-address"),
  envMod: await import("@/lib/env"),
});
let m: Awaited<ReturnType<typeof load>>;
const db = () => m.db.getDb();

type Topology = {
  cellular: { id: string };
  enterprise: { id: string };
  ha1: Awaited<ReturnType<Awaited<ReturnType<typeof load>>["fx"]["createHomeAgent"]>>;
  ha2: Awaited<ReturnType<Awaited<ReturnType<typeof load>>["fx"]["createHomeAgent"]>>;
};
let topo: Topology;

before(async () => {
  env = await setupDatabase("bootstrap", { keyFile: true });
  m = await load();
  const cellular = await m.fx.createProvider("Cellular", ["ASP", "ASA", "MSP", "MSA"], [{ name: "msp.example", region: "eu-west" }]);
  await m.fx.createProvider("Airport", ["ASP"], [{ name: "airport.example", region: "us-east" }]);
  const enterprise = await m.fx.createProvider("Enterprise", ["ASA"], [{ name: "corp.example", region: "eu-west" }]);
  const ha1 = await m.fx.createHomeAgent(cellular.id, {
    name: "ha1", fqdn: "ha1.msp.example", address: "2001:db8:1::1", region: "eu-west", prefixes: ["2001:db8:1::/64"],
  });
  const ha2 = await m.fx.createHomeAgent(cellular.id, {
    name: "ha2", fqdn: "ha2.msp.example", address: "2001:db8:2::1", region: "us-east", prefixes: ["2001:db8:2::/64"],
  });
  topo = { cellular, enterprise, ha1, ha2 };
});

after(async () => {
  await env.cleanup();
});

const transport = () => m.inProcess.inProcessTransport();

describe("successful bootstrap", () => {
  test("split scenario: MAC verifies in the MN client, HoA inside the prefix and not reserved, session recorded", async () => {
    // Stored normalised; the MN may spell the realm in any ASCII case.
    const sub = await m.fx.createSubscriber("Alice@msp.example", topo.cellular.id);
    const r = await m.mn.bootstrap({ transport: transport(), nai: "Alice@MSP.Example", secret: sub.secretText, servingRealm: "Airport.Example" });
    assert.equal(r.ok, true, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.scenario, "split");
    assert.equal(r.ike.idi, "Alice@msp.example");
    assert.equal(r.ike.lifetimeSeconds, 86400);
    assert.equal(new Date(r.expiresAt).getTime() - new Date(r.issuedAt).getTime(), 86400_000);
    assert.match(r.issuedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.equal(r.psk.length, 32);
    // Both HAs are empty; the tie goes to the serving realm's region (us-east → ha2).
    assert.equal(r.homeAgent.fqdn, "ha2.msp.example");
    assert.equal(r.ike.idr, "ha2.msp.example");
    const prefix = m.ipv6.parsePrefix(r.homePrefix);
    const hoa = m.ipv6.parseAddress(r.homeAddress);
    assert.ok(prefix.ok && hoa.ok);
    if (!prefix.ok || !hoa.ok) return;
    assert.equal(r.homePrefix, "2001:db8:2::/64");
    assert.equal(hoa.canonical, r.homeAddress, "RFC 5952 canonical");
    assert.equal(m.ipv6.prefixContains(prefix, hoa.value), true);
    assert.equal(m.hoa.isReservedHomeAddress(hoa.value, prefix), false);
    assert.notEqual(r.homeAddress, r.homeAgent.address);

    const s = await db().subscriber.findUniqueOrThrow({ where: { id: sub.id } });
    assert.equal(s.homeAgentId, topo.ha2.id);
    assert.ok(s.lastBootstrapAt);
    const lease = await db().hoaLease.findUniqueOrThrow({ where: { subscriberId: sub.id } });
    assert.equal(lease.address, r.homeAddress);
    assert.equal(lease.kind, "dynamic");

    const row = await db().bootstrapSession.findUniqueOrThrow({ where: { id: r.sessionId } });
    assert.equal(row.outcome, "success");
    assert.equal(row.httpStatus, 200);
    assert.equal(row.subscriberId, sub.id);
    assert.equal(row.msaProviderId, s.msaProviderId);
    assert.equal(row.nai, "Alice@msp.example");
    assert.equal(row.servingRealm, "airport.example");
    assert.equal(row.scenario, "split");
    assert.equal(row.homeAgentId, topo.ha2.id);
    assert.equal(row.homeAddress, r.homeAddress);
    assert.equal(row.homePrefix, r.homePrefix);
    assert.equal(row.keyName, r.ike.keyName);
    assert.equal(row.sourceAddress, "in-process");
    const steps = JSON.parse(row.steps ?? "[]") as Array<{ step: string; ok: boolean }>;
    assert.deepEqual(steps.map((x) => x.step), ["received", "authenticated", "scenario-resolved", "home-agent-chosen", "home-address-assigned", "answered"]);
    assert.ok(steps.every((x) => x.ok));
    assert.match(row.explanation ?? "", /split scenario/);
    // No secret, PSK or MAC is stored.
    const stored = JSON.stringify(row);
    assert.ok(!stored.includes(sub.secretText));
    assert.ok(!stored.includes(r.psk.toString("base64url")));
    assert.ok(!stored.includes(r.psk.toString("hex")));
  });

  test("dynamic keeps the same HoA; privacy changes it and releases the previous one", async () => {
    const sub = await m.fx.createSubscriber("dyn@msp.example", topo.cellular.id);
    const a = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, mode: "dynamic" });
    const b = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, mode: "dynamic", trigger: "periodic" });
    assert.ok(a.ok && b.ok);
    if (!a.ok || !b.ok) return;
    assert.equal(b.homeAddress, a.homeAddress);
    assert.notEqual(b.sessionId, a.sessionId);
    assert.notEqual(b.ike.keyName, a.ike.keyName, "a fresh PSK per session");

    const p1 = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, mode: "privacy" });
    const p2 = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, mode: "privacy" });
    assert.ok(p1.ok && p2.ok);
    if (!p1.ok || !p2.ok) return;
    assert.notEqual(p1.homeAddress, a.homeAddress);
    assert.notEqual(p2.homeAddress, p1.homeAddress);
    const leases = await db().hoaLease.findMany({ where: { subscriberId: sub.id } });
    assert.equal(leases.length, 1);
    assert.equal(leases[0].address, p2.homeAddress);
    assert.equal(leases[0].kind, "privacy");
    assert.equal(await db().hoaLease.count({ where: { address: p1.homeAddress } }), 0, "previous privacy HoA released");

    // Back to dynamic: the stable address comes back.
    const c = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, mode: "dynamic" });
    assert.equal(c.ok && c.homeAddress, a.homeAddress);
  });

  test("static returns the provisioned HoA on its HA", async () => {
    const sub = await m.fx.createSubscriber("fixed@msp.example", topo.cellular.id, {
      homeAddressPolicy: "static", staticHomeAddress: "2001:db8:1::1234",
    });
    const r = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, mode: "static" });
    assert.equal(r.ok, true, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.homeAddress, "2001:db8:1::1234");
    assert.equal(r.homeAgent.fqdn, "ha1.msp.example");
  });

  test("pinned HA wins while in service", async () => {
    const sub = await m.fx.createSubscriber("pinned@msp.example", topo.cellular.id, { pinnedHomeAgentId: topo.ha1.id });
    const r = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, servingRealm: "airport.example" });
    assert.equal(r.ok && r.homeAgent.fqdn, "ha1.msp.example");
  });
});

describe("status call", () => {
  test("flag set by the network is reported with a verified MAC and cleared by a successful bootstrap", async () => {
    const sub = await m.fx.createSubscriber("flagged@msp.example", topo.cellular.id);
    const before = await m.mn.status({ transport: transport(), nai: sub.nai, secret: sub.secret });
    assert.deepEqual(before, { ok: true, rebootstrapRequired: false, reason: null });
    await db().subscriber.update({ where: { id: sub.id }, data: { rebootstrapRequired: true, rebootstrapReason: "renumbering", rebootstrapAt: new Date() } });
    const flagged = await m.mn.status({ transport: transport(), nai: sub.nai, secret: sub.secret });
    assert.deepEqual(flagged, { ok: true, rebootstrapRequired: true, reason: "renumbering" });
    const sessionsBefore = await db().bootstrapSession.count({ where: { subscriberId: sub.id } });
    assert.equal(sessionsBefore, 0, "the status call records no session");
    const r = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, trigger: "network" });
    assert.equal(r.ok, true);
    const after = await m.mn.status({ transport: transport(), nai: sub.nai, secret: sub.secret });
    assert.deepEqual(after, { ok: true, rebootstrapRequired: false, reason: null });
  });

  test("status runs the same checks: invalid, stale, authentication, replay", async () => {
    const sub = await m.fx.createSubscriber("statuschecks@msp.example", topo.cellular.id);
    assert.equal((await m.handler.handleStatus("x")).status, 400);
    const bad = await m.handler.handleStatus({ nai: sub.nai, timestamp: "yesterday", nonce: "AAAA", mac: "" });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.fields as object).sort(), ["mac", "nonce", "timestamp"]);
    const stale = m.fx.signedStatusBody(sub.nai, sub.secret, { timestamp: new Date(Date.now() - 600_000).toISOString() });
    assert.equal((await m.handler.handleStatus(stale)).body.error, "stale_timestamp");
    const wrong = m.fx.signedStatusBody(sub.nai, Buffer.alloc(32, 1));
    const unknown = m.fx.signedStatusBody("nobody@msp.example", sub.secret);
    const w = await m.handler.handleStatus(wrong);
    const u = await m.handler.handleStatus(unknown);
    assert.equal(w.status, 401);
    assert.equal(JSON.stringify(w.body), JSON.stringify(u.body));
    const ok = m.fx.signedStatusBody(sub.nai, sub.secret);
    assert.equal((await m.handler.handleStatus(ok)).status, 200);
    const replay = await m.handler.handleStatus(ok);
    assert.equal(replay.status, 409);
    assert.equal(replay.body.error, "replay_detected");
  });
});

describe("rate limiting (optional, off by default)", () => {
  test("429 rate_limited with Retry-After once a source exceeds its share; not recorded as a session", async () => {
    process.env.BOOTSTRAP_RATE_PER_SOURCE = "3";
    m.envMod.resetEnvCache();
    try {
      const sub = await m.fx.createSubscriber("limited@msp.example", topo.cellular.id);
      const sessionsBefore = await db().bootstrapSession.count();
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await m.handler.handleBootstrap(m.fx.signedBootstrapBody(sub.nai, sub.secret), { sourceAddress: "2001:db8:77::7" }));
      assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 429]);
      assert.equal(results[3].body.error, "rate_limited");
      assert.match(results[3].headers?.["Retry-After"] ?? "", /^\d+$/);
      assert.equal(await db().bootstrapSession.count(), sessionsBefore + 3);
      const other = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret });
      assert.equal(other.ok, true, "another source is not limited");
    } finally {
      delete process.env.BOOTSTRAP_RATE_PER_SOURCE;
      m.envMod.resetEnvCache();
    }
  });
});
