// Renumbering lifecycle with 10,000 subscribers (DOMAIN.md "Home prefix renumbering", spec/api-v1.md):
// plan with preview → announce → MNs re-bootstrap through the MN client → counts and chart move →
// complete is refused while MNs remain → forced completion lists them; dormant CSV; dormant MN returns.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

process.env.JOB_RUNNER = "manual";

async function load() {
  const env = await setupDatabase("renumbering");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    fx: await import("./bootstrap-fixtures"),
    rfx: await import("./renumbering-fixtures"),
    jobs: await import("@/lib/jobs/runner"),
    svc: await import("@/lib/services/renumbering"),
    prefixes: await import("@/lib/services/prefixes"),
    creds: await import("@/lib/services/credentials"),
    mn: await import("@/lib/mn/client"),
    inProcess: await import("@/lib/mn/in-process"),
    ipv6: await import("@/lib/domain/ipv6"),
    list: await import("@/app/api/v1/renumberings/route"),
    one: await import("@/app/api/v1/renumberings/[id]/route"),
    announce: await import("@/app/api/v1/renumberings/[id]/announce/route"),
    complete: await import("@/app/api/v1/renumberings/[id]/complete/route"),
    members: await import("@/app/api/v1/renumberings/[id]/members/route"),
    events: await import("@/app/api/v1/renumberings/[id]/events/route"),
    csv: await import("@/app/api/v1/renumberings/[id]/dormant.csv/route"),
    job: await import("@/app/api/v1/jobs/[id]/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
let token = "";
const N = 10_000;
const SAMPLE = 40;

before(async () => {
  m = await load();
  const admin = await m.db.user.create({ data: { email: "a@x.test", role: "admin", passwordHash: "x" } });
  token = (await m.createApiToken(m.systemActor("t"), { userId: admin.id, name: "t" })).token;
});
after(() => m.env.cleanup());

test("lifecycle of a renumbering with 10,000 subscribers", async () => {
  const started = Date.now();
  const cellular = await m.fx.createProvider("Cellular", ["ASP", "MSP", "MSA"], [{ name: "msp.example" }]);
  const ha = await m.fx.createHomeAgent(cellular.id, { name: "ha1", fqdn: "ha1.msp.example", address: "2001:db8:1::1", region: "eu", capacity: 100_000, prefixes: ["2001:db8:1::/64"] });
  const oldPrefixId = ha.prefixes[0].id;
  const monthAgo = new Date(Date.now() - 30 * 86400_000);
  await m.rfx.populatePrefix({ providerId: cellular.id, homeAgentId: ha.id, prefixId: oldPrefixId, prefix: "2001:db8:1::/64", count: N, tag: "u", staticEvery: 500, lastBootstrapAt: monthAgo });
  // Root secrets for the MNs that will speak the bootstrap protocol.
  const secrets = new Map<number, string>();
  for (const i of [...Array(SAMPLE).keys()].map((k) => k * 250 + 1).concat([0, 500])) {
    const s = m.creds.generateRootSecret();
    await m.creds.storeRootSecret(m.db, `u-${String(i).padStart(6, "0")}`, s);
    secrets.set(i, m.creds.encodeSecret(s));
  }

  // ---- plan (any spelling of the new prefix; stored RFC 5952)
  const planned = await call(m.list.POST, "POST", "/api/v1/renumberings", { token, body: { prefixId: oldPrefixId, newPrefix: "2001:0DB8:00FF:0000::/64", dormantAfterSeconds: 3600 } });
  assert.equal(planned.status, 201, planned.text);
  const id = planned.json.id;
  assert.equal(planned.json.state, "planned");
  assert.equal(planned.json.newPrefix, "2001:db8:ff::/64");
  assert.equal(planned.json.oldPrefix, "2001:db8:1::/64");
  assert.equal(planned.json.job.total, N);
  await m.jobs.runPendingJobs({ workerId: "test" });
  const afterPlan = await call(m.one.GET, "GET", `/api/v1/renumberings/${id}`, { token, params: { id } });
  assert.deepEqual(afterPlan.json.counts, { pending: N, migrated: 0, dormant: 0 });
  assert.equal(afterPlan.json.job.state, "succeeded");
  assert.equal(afterPlan.json.job.done, N);
  const newPrefix = await m.db.homePrefix.findUniqueOrThrow({ where: { prefix: "2001:db8:ff::/64" } });
  assert.equal(newPrefix.homeAgentId, ha.id);
  // The preview: IID kept, statics marked, paginated.
  const page1 = await call(m.members.GET, "GET", `/api/v1/renumberings/${id}/members`, { token, params: { id }, query: { limit: 500 } });
  assert.equal(page1.json.items.length, 500);
  assert.ok(page1.json.nextCursor);
  const page2 = await call(m.members.GET, "GET", `/api/v1/renumberings/${id}/members`, { token, params: { id }, query: { limit: 500, cursor: page1.json.nextCursor } });
  assert.equal(page2.json.items[0].subscriberId > page1.json.items[499].subscriberId, true);
  const u7 = (await call(m.members.GET, "GET", `/api/v1/renumberings/${id}/members`, { token, params: { id }, query: { q: "2001:DB8:1:0:0:0:0:1007" } })).json.items;
  assert.deepEqual(u7.map((x: { nai: string; newAddress: string; keptIid: boolean; isStatic: boolean }) => [x.nai, x.newAddress, x.keptIid, x.isStatic]), [["u7@msp.example", "2001:db8:ff::1007", true, false]]);
  const statics = (await call(m.members.GET, "GET", `/api/v1/renumberings/${id}/members`, { token, params: { id }, query: { q: "2001:db8:1::11f4" } })).json.items;
  assert.equal(statics[0].isStatic, true); // u500 is static (every 500th)
  // A second plan on the same prefix is a conflict.
  const dup = await call(m.list.POST, "POST", "/api/v1/renumberings", { token, body: { prefixId: oldPrefixId, newPrefix: "2001:db8:fe::/64" } });
  assert.equal(dup.status, 409);

  // ---- announce
  const ann = await call(m.announce.POST, "POST", `/api/v1/renumberings/${id}/announce`, { token, params: { id } });
  assert.equal(ann.status, 202, ann.text);
  assert.equal(ann.json.state, "planned");
  const jobId = ann.json.job.id;
  await m.jobs.runPendingJobs({ workerId: "test" });
  const polled = await call(m.job.GET, "GET", `/api/v1/jobs/${jobId}`, { token, params: { id: jobId } });
  assert.equal(polled.json.state, "succeeded");
  assert.equal(polled.json.done, polled.json.total);
  const announced = await call(m.one.GET, "GET", `/api/v1/renumberings/${id}`, { token, params: { id } });
  assert.equal(announced.json.state, "announced");
  assert.equal(await m.db.subscriber.count({ where: { rebootstrapRequired: true, rebootstrapReason: "renumbering" } }), N);
  assert.equal((await m.db.homePrefix.findUniqueOrThrow({ where: { id: oldPrefixId } })).state, "draining");
  assert.equal((await m.db.subscriber.findUniqueOrThrow({ where: { id: "u-000500" } })).staticHomeAddress, "2001:db8:ff::11f4");
  assert.equal((await call(m.announce.POST, "POST", `/api/v1/renumberings/${id}/announce`, { token, params: { id } })).status, 409);
  // The renumbering owns the old prefix's state: putting it back in service by hand is refused.
  await assert.rejects(m.prefixes.updatePrefix(m.systemActor("t"), oldPrefixId, { state: "active" }), (e: { status?: number }) => e.status === 409);

  // A newcomer gets an address in the new prefix: the draining old prefix gives nothing to anyone new.
  const newcomer = await m.fx.createSubscriber("newcomer@msp.example", cellular.id);
  const nb = await m.mn.bootstrap({ transport: m.inProcess.inProcessTransport(), nai: "newcomer@msp.example", secret: newcomer.secretText });
  assert.ok(nb.ok, JSON.stringify(nb));
  if (nb.ok) assert.equal(nb.homePrefix, "2001:db8:ff::/64");

  // ---- MNs learn of it from the status call and re-bootstrap through the MN client
  const transport = m.inProcess.inProcessTransport();
  for (const [i, secret] of secrets) {
    const nai = `u${i}@msp.example`;
    const st = await m.mn.status({ transport, nai, secret });
    assert.ok(st.ok && st.rebootstrapRequired && st.reason === "renumbering", JSON.stringify(st));
    const r = await m.mn.bootstrap({ transport, nai, secret, mode: i % 500 === 0 ? "static" : "dynamic", trigger: "prefix-change" });
    assert.ok(r.ok, JSON.stringify(r));
    if (r.ok) {
      assert.equal(r.homePrefix, "2001:db8:ff::/64");
      // the interface identifier is kept: 2001:db8:1::<iid> → 2001:db8:ff::<iid>
      assert.equal(r.homeAddress, m.ipv6.valueToAddress((0x20010db800ff0000n << 64n) | m.rfx.iidOf(i)), nai);
    }
  }
  const moved = secrets.size;
  let counts = (await call(m.one.GET, "GET", `/api/v1/renumberings/${id}`, { token, params: { id } })).json.counts;
  assert.deepEqual(counts, { pending: N - moved, migrated: moved, dormant: 0 });
  assert.equal(await m.db.hoaLease.count({ where: { prefixId: oldPrefixId } }), N - moved);

  // ---- time passes: MNs unseen for dormantAfterSeconds become dormant; 100 were seen recently
  await m.db.renumbering.update({ where: { id }, data: { announcedAt: new Date(Date.now() - 2 * 3600_000) } });
  const recent = await m.db.renumberingMember.findMany({ where: { renumberingId: id, state: "pending" }, take: 100, select: { subscriberId: true } });
  await m.db.subscriber.updateMany({ where: { id: { in: recent.map((r) => r.subscriberId) } }, data: { lastBootstrapAt: new Date(Date.now() - 600_000) } });
  await m.svc.sweepRenumbering(id);
  counts = (await call(m.one.GET, "GET", `/api/v1/renumberings/${id}`, { token, params: { id } })).json.counts;
  assert.deepEqual(counts, { pending: 100, migrated: moved, dormant: N - moved - 100 });
  const events = (await call(m.events.GET, "GET", `/api/v1/renumberings/${id}/events`, { token, params: { id } })).json.items;
  assert.ok(events.length >= 2);
  assert.deepEqual(events[0], { at: events[0].at, pending: N, migrated: 0, dormant: 0 });
  assert.deepEqual({ ...events[events.length - 1], at: 0 }, { at: 0, ...counts });

  // ---- dormant CSV
  const csv = await m.csv.GET(
    new Request(`http://console.test/api/v1/renumberings/${id}/dormant.csv`, { headers: { authorization: `Bearer ${token}` } }),
    { params: Promise.resolve({ id }) },
  );
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type") ?? "", /text\/csv/);
  const lines = (await csv.text()).trim().split("\r\n");
  assert.equal(lines[0], "nai,subscriberId,oldAddress,newAddress,static,lastBootstrapAt");
  assert.equal(lines.length - 1, counts.dormant);

  // ---- complete: refused while MNs remain, forced completion lists them
  const refused = await call(m.complete.POST, "POST", `/api/v1/renumberings/${id}/complete`, { token, params: { id } });
  assert.equal(refused.status, 409);
  assert.match(refused.json.message, /100 subscribers are still pending/);
  const forced = await call(m.complete.POST, "POST", `/api/v1/renumberings/${id}/complete`, { token, params: { id }, query: { force: "true" } });
  assert.equal(forced.status, 200, forced.text);
  assert.equal(forced.json.state, "completed");
  assert.equal(forced.json.leftBehindCount, N - moved);
  assert.equal(forced.json.leftBehind.length, 1000);
  assert.ok(forced.json.leftBehind.every((x: { state: string; nai: string }) => ["pending", "dormant"].includes(x.state) && x.nai.endsWith("@msp.example")));
  assert.equal((await m.db.homePrefix.findUniqueOrThrow({ where: { id: oldPrefixId } })).state, "retired");
  assert.equal(await m.db.auditEntry.count({ where: { objectType: "renumbering", objectId: id, action: { in: ["renumbering.plan", "renumbering.announce", "renumbering.complete"] } } }), 3);

  // ---- a dormant MN wakes up after completion: still flagged, it moves to its planned address
  const sleeper = (await m.db.renumberingMember.findFirstOrThrow({ where: { renumberingId: id, state: "dormant" }, select: { subscriberId: true, newAddress: true, subscriber: { select: { nai: true } } } }));
  const sleeperSecret = m.creds.generateRootSecret();
  await m.creds.storeRootSecret(m.db, sleeper.subscriberId, sleeperSecret);
  const st = await m.mn.status({ transport, nai: sleeper.subscriber.nai, secret: sleeperSecret });
  assert.ok(st.ok && st.rebootstrapRequired);
  const woke = await m.mn.bootstrap({ transport, nai: sleeper.subscriber.nai, secret: sleeperSecret });
  assert.ok(woke.ok, JSON.stringify(woke));
  if (woke.ok) assert.equal(woke.homeAddress, sleeper.newAddress);
  assert.equal((await m.db.renumberingMember.findFirstOrThrow({ where: { renumberingId: id, subscriberId: sleeper.subscriberId } })).state, "migrated");
  console.log(`# lifecycle with ${N} subscribers took ${Date.now() - started} ms`);
});

test("a provisioned static HoA whose MN never bootstrapped moves with the prefix; small plans finish inside the request", async () => {
  const provider = (await m.db.provider.findFirst({ where: { name: "Cellular" } })) ?? (await m.fx.createProvider("Cellular", ["ASP", "MSP", "MSA"], [{ name: "msp.example" }]));
  const ha = await m.fx.createHomeAgent(provider.id, { name: "ha-s", fqdn: "ha-s.msp.example", address: "2001:db8:5::1", region: "eu", prefixes: ["2001:db8:5::/64"] });
  const sleeper = await m.fx.createSubscriber("static-sleeper@msp.example", provider.id, { homeAddressPolicy: "static", staticHomeAddress: "2001:db8:5::beef" });
  const awake = await m.fx.createSubscriber("awake@msp.example", provider.id, { pinnedHomeAgentId: ha.id });
  const transport = m.inProcess.inProcessTransport();
  const first = await m.mn.bootstrap({ transport, nai: "awake@msp.example", secret: awake.secretText });
  assert.ok(first.ok);
  const sys = m.systemActor("t");
  const planned = await m.svc.planRenumbering(sys, { prefixId: ha.prefixes[0].id, newPrefix: "2001:db8:55::/64" });
  assert.equal(planned.job?.state, "succeeded");
  assert.deepEqual(planned.counts, { pending: 2, migrated: 0, dormant: 0 });
  const members = await call(m.members.GET, "GET", `/api/v1/renumberings/${planned.id}/members`, { token, params: { id: planned.id } });
  const s = members.json.items.find((x: { nai: string }) => x.nai === "static-sleeper@msp.example");
  assert.deepEqual([s.oldAddress, s.newAddress, s.isStatic], ["2001:db8:5::beef", "2001:db8:55::beef", true]);
  const announced = await m.svc.announceRenumbering(sys, planned.id);
  assert.equal(announced.state, "announced");
  assert.equal((await m.db.subscriber.findUniqueOrThrow({ where: { id: sleeper.id } })).staticHomeAddress, "2001:db8:55::beef");
  const r = await m.mn.bootstrap({ transport, nai: "static-sleeper@msp.example", secret: sleeper.secretText, mode: "static" });
  assert.ok(r.ok, JSON.stringify(r));
  if (r.ok) assert.equal(r.homeAddress, "2001:db8:55::beef");
  const after = await m.svc.completeRenumbering(sys, planned.id).catch((e) => e);
  assert.equal(after.status, 409, "the awake MN has not re-bootstrapped yet");
  const again = await m.mn.bootstrap({ transport, nai: "awake@msp.example", secret: awake.secretText });
  assert.ok(again.ok);
  const iid = (t: string) => {
    const a = m.ipv6.parseAddress(t);
    assert.ok(a.ok);
    return m.ipv6.interfaceId(a.value);
  };
  // the dynamic MN keeps its interface identifier in the new prefix
  if (again.ok && first.ok) {
    assert.equal(again.homePrefix, "2001:db8:55::/64");
    assert.notEqual(again.homeAddress, first.homeAddress);
    assert.equal(iid(again.homeAddress), iid(first.homeAddress));
  }
  const done = await m.svc.completeRenumbering(sys, planned.id);
  assert.equal(done.state, "completed");
  assert.equal(done.leftBehindCount, 0);
});

test("a planned renumbering can be cancelled (not once announced); the prefix can then be renumbered again", async () => {
  const provider = (await m.db.provider.findFirst({ where: { name: "Cellular" } })) ?? (await m.fx.createProvider("Cellular", ["ASP", "MSP", "MSA"], [{ name: "msp.example" }]));
  const ha = await m.fx.createHomeAgent(provider.id, { name: "ha-c", fqdn: "ha-c.msp.example", address: "2001:db8:6::1", region: "eu", prefixes: ["2001:db8:6::/64"] });
  const cancel = await import("@/app/api/v1/renumberings/[id]/cancel/route");
  const p1 = await call(m.list.POST, "POST", "/api/v1/renumberings", { token, body: { prefixId: ha.prefixes[0].id, newPrefix: "2001:db8:66::/64" } });
  assert.equal(p1.status, 201, p1.text);
  const c = await call(cancel.POST, "POST", `/api/v1/renumberings/${p1.json.id}/cancel`, { token, params: { id: p1.json.id } });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.state, "cancelled");
  assert.equal((await m.db.homePrefix.findUniqueOrThrow({ where: { id: ha.prefixes[0].id } })).state, "active");
  assert.equal((await call(m.announce.POST, "POST", `/api/v1/renumberings/${p1.json.id}/announce`, { token, params: { id: p1.json.id } })).status, 409);
  const p2 = await call(m.list.POST, "POST", "/api/v1/renumberings", { token, body: { prefixId: ha.prefixes[0].id, newPrefix: "2001:db8:66::/64" } });
  assert.equal(p2.status, 201, p2.text);
  assert.equal((await call(m.announce.POST, "POST", `/api/v1/renumberings/${p2.json.id}/announce`, { token, params: { id: p2.json.id } })).status, 200);
  assert.equal((await call(cancel.POST, "POST", `/api/v1/renumberings/${p2.json.id}/cancel`, { token, params: { id: p2.json.id } })).status, 409);
  assert.equal(await m.db.auditEntry.count({ where: { action: "renumbering.cancel", objectId: p1.json.id } }), 1);
});

test("renumberings, their members, CSV and jobs are invisible (404) to an operator of another provider", async () => {
  const other = await m.fx.createProvider("Elsewhere", ["MSP", "MSA"], [{ name: "elsewhere.example" }]);
  const op = await m.db.user.create({ data: { email: "op@x.test", role: "operator", passwordHash: "x", scopes: { create: [{ providerId: other.id }] } } });
  const opToken = (await m.createApiToken(m.systemActor("t"), { userId: op.id, name: "t" })).token;
  const r = await m.db.renumbering.findFirstOrThrow({ where: { jobId: { not: null } }, select: { id: true, jobId: true } });
  for (const [handler, path, params] of [
    [m.one.GET, `/api/v1/renumberings/${r.id}`, { id: r.id }],
    [m.members.GET, `/api/v1/renumberings/${r.id}/members`, { id: r.id }],
    [m.events.GET, `/api/v1/renumberings/${r.id}/events`, { id: r.id }],
    [m.job.GET, `/api/v1/jobs/${r.jobId}`, { id: r.jobId! }],
  ] as const) {
    assert.equal((await call(handler, "GET", path, { token: opToken, params })).status, 404, path);
  }
  assert.equal((await call(m.announce.POST, "POST", `/api/v1/renumberings/${r.id}/announce`, { token: opToken, params: { id: r.id } })).status, 404);
  assert.equal((await call(m.complete.POST, "POST", `/api/v1/renumberings/${r.id}/complete`, { token: opToken, params: { id: r.id } })).status, 404);
  const list = await call(m.list.GET, "GET", "/api/v1/renumberings", { token: opToken });
  assert.deepEqual(list.json.items, []);
  // and the old prefix of another provider cannot be planned from
  const someone = await m.db.homePrefix.findFirstOrThrow({ select: { id: true } });
  const plan = await call(m.list.POST, "POST", "/api/v1/renumberings", { token: opToken, body: { prefixId: someone.id, newPrefix: "2001:db8:77::/64" } });
  assert.equal(plan.status, 422);
});
