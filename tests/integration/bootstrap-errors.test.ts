// Every error code of spec/bootstrap-v1.md with its status, replay, indistinguishable authentication
// failures, sessions recorded for failures, concurrency (50 parallel bootstraps), prefix exhaustion and
// the route module over a real Request.
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
  route: await import("@/app/api/bootstrap/v1/route"),
  statusRoute: await import("@/app/api/bootstrap/v1/status/route"),
});
let m: Awaited<ReturnType<typeof load>>;
const db = () => m.db.getDb();
let cellularId = "";

before(async () => {
  env = await setupDatabase("bootstrap-errors", { keyFile: true });
  m = await load();
  const cellular = await m.fx.createProvider("Cellular", ["ASP", "ASA", "MSP", "MSA"], [{ name: "msp.example", region: "eu-west" }]);
  cellularId = cellular.id;
  await m.fx.createHomeAgent(cellular.id, { name: "ha1", fqdn: "ha1.msp.example", address: "2001:db8:1::1", region: "eu-west", prefixes: ["2001:db8:1::/64"] });
});

after(async () => {
  await env.cleanup();
});

const transport = () => m.inProcess.inProcessTransport();
const sessionsWith = (outcome: string) => db().bootstrapSession.count({ where: { outcome } });

describe("error codes in the spec's order", () => {
  test("400 malformed_request: not an object (recorded with an empty NAI)", async () => {
    for (const body of [undefined, null, "text", 42, [1, 2]]) {
      const r = await m.handler.handleBootstrap(body);
      assert.equal(r.status, 400);
      assert.equal(r.body.error, "malformed_request");
    }
    const rows = await db().bootstrapSession.findMany({ where: { outcome: "malformed_request" } });
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => r.nai === "" && r.httpStatus === 400 && r.subscriberId === null));
  });

  test("422 invalid_request with one message per bad field", async () => {
    const r = await m.handler.handleBootstrap({
      nai: "fred@example", servingRealm: "bad_realm.example", timestamp: "2026-13-01T00:00:00.000Z", nonce: "AAAA",
      homeAddressMode: "sticky", trigger: "whenever", mac: "not=base64",
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error, "invalid_request");
    const fields = r.body.fields as Record<string, string>;
    assert.deepEqual(Object.keys(fields).sort(), ["homeAddressMode", "mac", "nai", "nonce", "servingRealm", "timestamp", "trigger"]);
    assert.match(fields.nai, /two labels/);
    assert.match(fields.nonce, /16 bytes/);
    const missing = await m.handler.handleBootstrap({});
    assert.equal(missing.status, 422);
    assert.match((missing.body.fields as Record<string, string>).nai, /required/);
    const row = await db().bootstrapSession.findFirst({ where: { outcome: "invalid_request", nai: "fred@example" } });
    assert.ok(row, "invalid requests are recorded with the claimed NAI");
  });

  test("401 stale_timestamp before authentication (even with a wrong MAC)", async () => {
    const sub = await m.fx.createSubscriber("stale@msp.example", cellularId);
    const old = new Date(Date.now() - 301_000).toISOString();
    const r = await m.handler.handleBootstrap(m.fx.signedBootstrapBody(sub.nai, sub.secret, { timestamp: old }));
    assert.equal(r.status, 401);
    assert.equal(r.body.error, "stale_timestamp");
    const future = new Date(Date.now() + 400_000).toISOString();
    const f = await m.handler.handleBootstrap(m.fx.signedBootstrapBody(sub.nai, Buffer.alloc(32), { timestamp: future }));
    assert.equal(f.body.error, "stale_timestamp");
    const within = new Date(Date.now() - 200_000).toISOString();
    assert.equal((await m.handler.handleBootstrap(m.fx.signedBootstrapBody(sub.nai, sub.secret, { timestamp: within }))).status, 200);
  });

  test("401 authentication_failed: unknown NAI and wrong MAC give byte-identical bodies", async () => {
    const sub = await m.fx.createSubscriber("victim@msp.example", cellularId);
    const wrong = await m.route.POST(jsonRequest(m.fx.signedBootstrapBody(sub.nai, Buffer.alloc(32, 9))));
    const unknown = await m.route.POST(jsonRequest(m.fx.signedBootstrapBody("ghost@msp.example", sub.secret)));
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const [wt, ut] = [await wrong.text(), await unknown.text()];
    assert.equal(wt, ut);
    assert.equal(JSON.parse(wt).error, "authentication_failed");
    assert.deepEqual([...wrong.headers.entries()].sort(), [...unknown.headers.entries()].sort());
    assert.equal(await sessionsWith("authentication_failed"), 2);
  });

  test("409 replay_detected: the same request twice", async () => {
    const sub = await m.fx.createSubscriber("replay@msp.example", cellularId);
    const body = m.fx.signedBootstrapBody(sub.nai, sub.secret);
    const first = await m.handler.handleBootstrap(body);
    assert.equal(first.status, 200);
    const second = await m.handler.handleBootstrap(body);
    assert.equal(second.status, 409);
    assert.equal(second.body.error, "replay_detected");
    assert.equal(await db().replayNonce.count({ where: { nai: sub.nai, nonce: body.nonce } }), 1);
  });

  test("403 subscriber_suspended", async () => {
    const sub = await m.fx.createSubscriber("suspended@msp.example", cellularId, { status: "suspended" });
    const r = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.status, 403);
    assert.equal(!r.ok && r.error, "subscriber_suspended");
  });

  test("403 infrastructureless_not_supported: the MSA lacks the MSA role", async () => {
    const ent = await m.fx.createProvider("Enterprise", ["ASA"], [{ name: "corp.example" }]);
    const sub = await m.fx.createSubscriber("emp@corp.example", ent.id);
    const r = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret });
    assert.equal(!r.ok && r.status, 403);
    assert.equal(!r.ok && r.error, "infrastructureless_not_supported");
    const row = await db().bootstrapSession.findFirstOrThrow({ where: { subscriberId: sub.id } });
    assert.match(row.explanation ?? "", /does not hold the MSA role/);
    assert.equal(row.msaProviderId, ent.id);
  });

  test("403 no_roaming_agreement, then third-party-msp once a mobility agreement is in force", async () => {
    const msa = await m.fx.createProvider("Campus", ["ASA", "MSA"], [{ name: "campus.example" }]);
    const msp = await m.fx.createProvider("HostedHA", ["MSP"], [{ name: "hosted.example" }]);
    await m.fx.createHomeAgent(msp.id, { name: "h", fqdn: "h.hosted.example", address: "2001:db8:70::1", region: "x", prefixes: ["2001:db8:70::/64"] });
    const sub = await m.fx.createSubscriber("prof@campus.example", msa.id);
    const refused = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret });
    assert.equal(!refused.ok && refused.status, 403);
    assert.equal(!refused.ok && refused.error, "no_roaming_agreement");
    await db().agreement.create({
      data: { kind: "mobility", fromProviderId: msp.id, toProviderId: msa.id, status: "active", validFrom: new Date(Date.now() - 86400_000) },
    });
    const r = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret });
    assert.equal(r.ok, true, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.scenario, "third-party-msp");
    assert.equal(r.homeAgent.fqdn, "h.hosted.example");
    assert.equal(r.homePrefix, "2001:db8:70::/64");
  });

  test("local HA assignment: a serving MSP whose agreement allows it provides the HA", async () => {
    const home = await m.fx.createProvider("HomeNet", ["MSP", "MSA"], [{ name: "home.example" }]);
    await m.fx.createHomeAgent(home.id, { name: "far", fqdn: "far.home.example", address: "2001:db8:80::1", region: "x", prefixes: ["2001:db8:80::/64"] });
    const visited = await m.fx.createProvider("Visited", ["ASP", "MSP"], [{ name: "visited.example", region: "y" }]);
    await m.fx.createHomeAgent(visited.id, { name: "near", fqdn: "near.visited.example", address: "2001:db8:81::1", region: "y", prefixes: ["2001:db8:81::/64"] });
    await db().agreement.create({
      data: { kind: "mobility", fromProviderId: visited.id, toProviderId: home.id, status: "active", validFrom: new Date(Date.now() - 86400_000), allowLocalHomeAgent: true },
    });
    const sub = await m.fx.createSubscriber("traveller@home.example", home.id);
    const away = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, servingRealm: "visited.example" });
    assert.equal(away.ok && away.scenario, "split");
    assert.equal(away.ok && away.homeAgent.fqdn, "near.visited.example");
    const elsewhere = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret, servingRealm: "" });
    assert.equal(elsewhere.ok && elsewhere.homeAgent.fqdn, "far.home.example");
  });

  test("503 no_home_agent_available: every HA draining or full", async () => {
    const p = await m.fx.createProvider("Busy", ["MSP", "MSA"], [{ name: "busy.example" }]);
    await m.fx.createHomeAgent(p.id, { name: "d", fqdn: "d.busy.example", address: "2001:db8:30::1", region: "x", state: "draining", prefixes: ["2001:db8:30::/64"] });
    const full = await m.fx.createHomeAgent(p.id, { name: "f", fqdn: "f.busy.example", address: "2001:db8:31::1", region: "x", capacity: 1, prefixes: ["2001:db8:31::/64"] });
    await m.fx.fillLeases(p.id, full.id, full.prefixes[0].id, ["2001:db8:31::5"], "busy");
    const sub = await m.fx.createSubscriber("late@busy.example", p.id);
    const r = await m.mn.bootstrap({ transport: transport(), nai: sub.nai, secret: sub.secret });
    assert.equal(!r.ok && r.status, 503);
    assert.equal(!r.ok && r.error, "no_home_agent_available");
  });

  test("503 home_prefix_exhausted, never handing out the HA's own address or a reserved one", async () => {
    const p = await m.fx.createProvider("Tiny", ["MSP", "MSA"], [{ name: "tiny.example" }]);
    // /120: host 0 and the top 128 are reserved (RFC 2526), ::1 is the HA, so ::2–::7f are usable.
    const ha = await m.fx.createHomeAgent(p.id, { name: "t", fqdn: "t.tiny.example", address: "2001:db8:40::1", region: "x", prefixes: ["2001:db8:40::/120"] });
    const fill = Array.from({ length: 0x7e - 0x2 + 1 }, (_, i) => `2001:db8:40::${(i + 2).toString(16)}`).filter((a) => a !== "2001:db8:40::42");
    await m.fx.fillLeases(p.id, ha.id, ha.prefixes[0].id, fill, "tiny");
    const a = await m.fx.createSubscriber("a@tiny.example", p.id);
    const b = await m.fx.createSubscriber("b@tiny.example", p.id);
    const ra = await m.mn.bootstrap({ transport: transport(), nai: a.nai, secret: a.secret });
    assert.equal(ra.ok, true, JSON.stringify(ra));
    const gotA = ra.ok ? ra.homeAddress : "";
    assert.ok(["2001:db8:40::42", "2001:db8:40::7f"].includes(gotA), gotA);
    const rb = await m.mn.bootstrap({ transport: transport(), nai: b.nai, secret: b.secret, mode: "privacy" });
    assert.equal(rb.ok, true, JSON.stringify(rb));
    const gotB = rb.ok ? rb.homeAddress : "";
    assert.deepEqual([gotA, gotB].sort(), ["2001:db8:40::42", "2001:db8:40::7f"]);
    const c = await m.fx.createSubscriber("c@tiny.example", p.id);
    const rc = await m.mn.bootstrap({ transport: transport(), nai: c.nai, secret: c.secret });
    assert.equal(!rc.ok && rc.status, 503);
    assert.equal(!rc.ok && rc.error, "home_prefix_exhausted");
    // The failed attempt left the subscriber without a half-written lease.
    assert.equal(await db().hoaLease.count({ where: { subscriberId: c.id } }), 0);
  });
});

describe("concurrency", () => {
  test("50 parallel bootstraps of 50 subscribers on one prefix give 50 distinct HoAs", async () => {
    const p = await m.fx.createProvider("Bulk", ["MSP", "MSA"], [{ name: "bulk.example" }]);
    await m.fx.createHomeAgent(p.id, { name: "b", fqdn: "b.bulk.example", address: "2001:db8:50::1", region: "x", prefixes: ["2001:db8:50::/64"] });
    const subs = [];
    for (let i = 0; i < 50; i++) subs.push(await m.fx.createSubscriber(`mn${i}@bulk.example`, p.id));
    const results = await Promise.all(subs.map((s) => m.mn.bootstrap({ transport: transport(), nai: s.nai, secret: s.secret })));
    const failures = results.filter((r) => !r.ok);
    assert.equal(failures.length, 0, JSON.stringify(failures[0]));
    const addrs = new Set(results.map((r) => (r.ok ? r.homeAddress : "")));
    assert.equal(addrs.size, 50);
    assert.equal(await db().hoaLease.count({ where: { subscriber: { msaProviderId: p.id } } }), 50);
  });

  test("50 parallel privacy bootstraps on a small prefix collide and still get distinct HoAs", async () => {
    const p = await m.fx.createProvider("Crowd", ["MSP", "MSA"], [{ name: "crowd.example" }]);
    // /121 + /120 would be too small; a /119 has 512 - 1 - 128 = 383 usable addresses, so random picks collide.
    await m.fx.createHomeAgent(p.id, { name: "c", fqdn: "c.crowd.example", address: "2001:db8:60::1", region: "x", prefixes: ["2001:db8:60::/119"] });
    const subs = [];
    for (let i = 0; i < 50; i++) subs.push(await m.fx.createSubscriber(`mn${i}@crowd.example`, p.id));
    const results = await Promise.all(subs.map((s) => m.mn.bootstrap({ transport: transport(), nai: s.nai, secret: s.secret, mode: "privacy" })));
    assert.equal(results.filter((r) => !r.ok).length, 0);
    assert.equal(new Set(results.map((r) => (r.ok ? r.homeAddress : ""))).size, 50);
    assert.ok(results.every((r) => r.ok && r.homeAddress !== "2001:db8:60::1"));
  });
});

function jsonRequest(body: unknown, url = "http://localhost/api/bootstrap/v1", headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("route modules over a real Request", () => {
  test("POST /api/bootstrap/v1: success, source address from X-Forwarded-For, malformed JSON", async () => {
    const sub = await m.fx.createSubscriber("http@msp.example", cellularId);
    const res = await m.route.POST(jsonRequest(m.fx.signedBootstrapBody(sub.nai, sub.secret), undefined, { "x-forwarded-for": "2001:db8:ffff::9, 10.0.0.1" }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type")?.startsWith("application/json"), true);
    const body = (await res.json()) as { sessionId: string; homeAddress: string };
    const row = await db().bootstrapSession.findUniqueOrThrow({ where: { id: body.sessionId } });
    assert.equal(row.sourceAddress, "2001:db8:ffff::9");
    const bad = await m.route.POST(jsonRequest("{not json"));
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: string }).error, "malformed_request");
  });

  test("POST /api/bootstrap/v1/status", async () => {
    const sub = await m.fx.createSubscriber("httpstatus@msp.example", cellularId);
    const res = await m.statusRoute.POST(jsonRequest(m.fx.signedStatusBody(sub.nai, sub.secret), "http://localhost/api/bootstrap/v1/status"));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { rebootstrapRequired: boolean; reason: null; mac: string };
    assert.equal(body.rebootstrapRequired, false);
    assert.equal(body.reason, null);
    assert.match(body.mac, /^[A-Za-z0-9_-]{43}$/);
  });
});
