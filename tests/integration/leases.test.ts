// HoA leases (list/search/release through the API), static HoA conflict checks on create and on every
// change, and dynamic allocation that never hands out a statically held or reserved address.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("leases");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    subs: await import("@/lib/services/subscribers"),
    fx: await import("./bootstrap-fixtures"),
    mn: await import("@/lib/mn/client"),
    inProcess: await import("@/lib/mn/in-process"),
    ipv6: await import("@/lib/domain/ipv6"),
    hoa: await import("@/lib/domain/home-address"),
    leases: await import("@/app/api/v1/leases/route"),
    lease: await import("@/app/api/v1/leases/[id]/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
let token = "";
let opToken = "";
let cellular = { id: "" };
let ha1: { id: string; prefixes: { id: string }[] };
let ha2: { id: string; prefixes: { id: string }[] };
const sys = () => m.systemActor("test");

before(async () => {
  m = await load();
  cellular = await m.fx.createProvider("Cellular", ["ASP", "MSP", "MSA"], [{ name: "msp.example" }]);
  const other = await m.fx.createProvider("Other", ["MSP", "MSA"], [{ name: "other.example" }]);
  ha1 = await m.fx.createHomeAgent(cellular.id, { name: "ha1", fqdn: "ha1.msp.example", address: "2001:db8:1::1", region: "eu", prefixes: ["2001:db8:1::/64"] });
  ha2 = await m.fx.createHomeAgent(cellular.id, { name: "ha2", fqdn: "ha2.msp.example", address: "2001:db8:2::1", region: "eu", prefixes: ["2001:db8:2::/64"] });
  const admin = await m.db.user.create({ data: { email: "a@x.test", role: "admin", passwordHash: "x" } });
  token = (await m.createApiToken(sys(), { userId: admin.id, name: "t" })).token;
  const op = await m.db.user.create({ data: { email: "op@x.test", role: "operator", passwordHash: "x", scopes: { create: [{ providerId: other.id }] } } });
  opToken = (await m.createApiToken(sys(), { userId: op.id, name: "t" })).token;
});
after(() => m.env.cleanup());

async function expectStatus(p: Promise<unknown>, status: number, field?: RegExp) {
  await assert.rejects(p, (e: { status?: number; fields?: Record<string, string> }) => {
    assert.equal(e.status, status);
    if (field) assert.match(e.fields?.staticHomeAddress ?? "", field);
    return true;
  });
}

describe("static home address conflict checks", () => {
  const base = (nai: string, extra: Record<string, unknown>) => ({ nai, msaProviderId: cellular.id, homeAddressPolicy: "static", ...extra });

  test("on create: outside every prefix, reserved, an HA address, held by another subscriber", async () => {
    await expectStatus(m.subs.createSubscriber(sys(), base("s1@msp.example", { staticHomeAddress: "2001:db8:9::5" })), 422, /not inside any home link prefix/);
    await expectStatus(m.subs.createSubscriber(sys(), base("s2@msp.example", { staticHomeAddress: "2001:db8:1::" })), 422, /anycast/);
    await expectStatus(m.subs.createSubscriber(sys(), base("s3@msp.example", { staticHomeAddress: "2001:db8:1:0:fdff:ffff:ffff:fffe" })), 422, /home-agents anycast/);
    await expectStatus(m.subs.createSubscriber(sys(), base("s4@msp.example", { staticHomeAddress: "2001:DB8:1:0::1" })), 422, /home agent's address/);
    const ok = await m.subs.createSubscriber(sys(), base("s5@msp.example", { staticHomeAddress: "2001:0db8:0001::00aa" }));
    assert.equal(ok.subscriber.staticHomeAddress, "2001:db8:1::aa");
    await expectStatus(m.subs.createSubscriber(sys(), base("s6@msp.example", { staticHomeAddress: "2001:db8:1:0:0:0:0:aa" })), 409);
  });

  test("a pinned HA fixes the home link; changing the pin later re-checks the address", async () => {
    await expectStatus(
      m.subs.createSubscriber(sys(), base("p1@msp.example", { staticHomeAddress: "2001:db8:2::10", pinnedHomeAgentId: ha1.id })),
      422, /not by the subscriber's pinned home agent/,
    );
    const p2 = await m.subs.createSubscriber(sys(), base("p2@msp.example", { staticHomeAddress: "2001:db8:2::10", pinnedHomeAgentId: ha2.id }));
    await expectStatus(m.subs.updateSubscriber(sys(), p2.subscriber.id, { pinnedHomeAgentId: ha1.id }), 422, /pinned home agent/);
    // an address held as a dynamic lease by someone else is in use
    const holder = await m.db.subscriber.create({ data: { nai: "holder@msp.example", msaProviderId: cellular.id }, select: { id: true } });
    const a = m.ipv6.parseAddress("2001:db8:2::20");
    assert.ok(a.ok);
    await m.db.hoaLease.create({ data: { subscriberId: holder.id, prefixId: ha2.prefixes[0].id, homeAgentId: ha2.id, address: a.canonical, addressHex: a.hex, kind: "dynamic" } });
    await expectStatus(m.subs.updateSubscriber(sys(), p2.subscriber.id, { staticHomeAddress: "2001:db8:2:0::20" }), 409);
    const moved = await m.subs.updateSubscriber(sys(), p2.subscriber.id, { staticHomeAddress: "2001:db8:2::21" });
    assert.equal(moved.staticHomeAddress, "2001:db8:2::21");
  });

  test("a draining prefix gives its addresses to no one new", async () => {
    await m.db.homePrefix.update({ where: { id: ha2.prefixes[0].id }, data: { state: "draining" } });
    try {
      await expectStatus(m.subs.createSubscriber(sys(), base("d1@msp.example", { staticHomeAddress: "2001:db8:2::30" })), 422, /draining/);
    } finally {
      await m.db.homePrefix.update({ where: { id: ha2.prefixes[0].id }, data: { state: "active" } });
    }
  });
});

describe("dynamic allocation", () => {
  test("never hands out a statically provisioned or reserved address, even when it is the last one", async () => {
    const small = await m.fx.createHomeAgent(cellular.id, { name: "ha3", fqdn: "ha3.msp.example", address: "2001:db8:3::1", region: "eu", prefixes: ["2001:db8:3::/120"] });
    const p = m.ipv6.parsePrefix("2001:db8:3::/120");
    assert.ok(p.ok);
    const usable: bigint[] = [];
    for (let h = 0n; h < 256n; h++) {
      const v = p.network + h;
      if (!m.hoa.isReservedHomeAddress(v, p) && v !== p.network + 1n) usable.push(v);
    }
    assert.equal(usable.length, 126);
    // Every usable address but two is statically provisioned to a subscriber with no lease yet; one of
    // the two is leased: the dynamic MN must get exactly the remaining one.
    const free = usable[77];
    const leased = usable[3];
    const statics = usable.filter((v) => v !== free && v !== leased);
    await m.db.subscriber.createMany({
      data: statics.map((v, i) => ({ nai: `st${i}@msp.example`, msaProviderId: cellular.id, homeAddressPolicy: "static", staticHomeAddress: m.ipv6.valueToAddress(v) })),
    });
    await m.fx.fillLeases(cellular.id, small.id, small.prefixes[0].id, [m.ipv6.valueToAddress(leased)], "fill3");
    const dyn = await m.fx.createSubscriber("dyn@msp.example", cellular.id, { pinnedHomeAgentId: small.id });
    const r = await m.mn.bootstrap({ transport: m.inProcess.inProcessTransport(), nai: "dyn@msp.example", secret: dyn.secretText });
    assert.equal(r.ok, true, JSON.stringify(r));
    if (r.ok) assert.equal(r.homeAddress, m.ipv6.valueToAddress(free));
    // and the next one finds nothing
    const dyn2 = await m.fx.createSubscriber("dyn2@msp.example", cellular.id, { pinnedHomeAgentId: small.id });
    const r2 = await m.mn.bootstrap({ transport: m.inProcess.inProcessTransport(), nai: "dyn2@msp.example", secret: dyn2.secretText });
    assert.equal(r2.ok, false);
    if (!r2.ok) assert.equal(r2.error, "home_prefix_exhausted");
  });
});

describe("lease API", () => {
  test("search by address in any spelling, by prefix, by subscriber and by prefixId; release flags the MN", async () => {
    const sub = await m.fx.createSubscriber("leaser@msp.example", cellular.id, { pinnedHomeAgentId: ha1.id });
    const r = await m.mn.bootstrap({ transport: m.inProcess.inProcessTransport(), nai: "leaser@msp.example", secret: sub.secretText });
    assert.ok(r.ok);
    if (!r.ok) return;
    const a = m.ipv6.parseAddress(r.homeAddress);
    assert.ok(a.ok);
    const longForm = a.hex.match(/.{4}/g)!.join(":").toUpperCase();
    for (const q of [r.homeAddress, longForm]) {
      const l = await call(m.leases.GET, "GET", "/api/v1/leases", { token, query: { q } });
      assert.equal(l.status, 200, l.text);
      assert.deepEqual(l.json.items.map((x: { address: string }) => x.address), [r.homeAddress], q);
      assert.equal(l.json.items[0].nai, "leaser@msp.example");
    }
    const byPrefix = await call(m.leases.GET, "GET", "/api/v1/leases", { token, query: { q: "2001:0db8:0001::/64" } });
    assert.ok(byPrefix.json.items.some((x: { address: string }) => x.address === r.homeAddress));
    const bySub = await call(m.leases.GET, "GET", "/api/v1/leases", { token, query: { subscriberId: sub.id } });
    assert.equal(bySub.json.items.length, 1);
    const byPrefixId = await call(m.leases.GET, "GET", "/api/v1/leases", { token, query: { prefixId: ha1.prefixes[0].id } });
    assert.ok(byPrefixId.json.items.every((x: { prefixId: string }) => x.prefixId === ha1.prefixes[0].id));
    const id = bySub.json.items[0].id;
    // out of scope is 404 for the operator, for reading and for releasing
    assert.equal((await call(m.lease.GET, "GET", `/api/v1/leases/${id}`, { token: opToken, params: { id } })).status, 404);
    assert.equal((await call(m.lease.DELETE, "DELETE", `/api/v1/leases/${id}`, { token: opToken, params: { id } })).status, 404);
    assert.equal((await call(m.leases.GET, "GET", "/api/v1/leases", { token: opToken, query: { q: r.homeAddress } })).json.items.length, 0);
    const del = await call(m.lease.DELETE, "DELETE", `/api/v1/leases/${id}`, { token, params: { id } });
    assert.equal(del.status, 204);
    assert.equal(await m.db.hoaLease.count({ where: { id } }), 0);
    const after = await m.db.subscriber.findUniqueOrThrow({ where: { id: sub.id } });
    assert.equal(after.rebootstrapRequired, true);
    assert.equal(await m.db.auditEntry.count({ where: { action: "lease.release", objectId: id } }), 1);
  });
});
