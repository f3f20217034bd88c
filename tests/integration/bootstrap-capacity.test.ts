// HA capacity is a hard limit under simultaneous bootstraps: selection reads the HA loads outside any
// transaction, so without the in-transaction check every request of a burst saw the last free slot and
// an HA of capacity N ended up with many more bindings.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("bootstrap-capacity");
  return {
    env,
    fx: await import("./bootstrap-fixtures"),
    mn: await import("@/lib/mn/client"),
    inProcess: await import("@/lib/mn/in-process"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
before(async () => {
  m = await load();
});
after(() => m.env.cleanup());

test("24 simultaneous first bootstraps at an HA of capacity 5: exactly 5 succeed, the rest 503 no_home_agent_available", async () => {
  const p = await m.fx.createProvider("Cap", ["MSP", "MSA"], [{ name: "cap.example" }]);
  const ha = await m.fx.createHomeAgent(p.id, { name: "small", fqdn: "small.cap.example", address: "2001:db8:50::1", region: "eu", capacity: 5, prefixes: ["2001:db8:50::/64"] });
  const subs = [];
  for (let i = 0; i < 24; i++) subs.push(await m.fx.createSubscriber(`mn${i}@cap.example`, p.id));
  const transport = m.inProcess.inProcessTransport();
  const results = await Promise.all(subs.map((s) => m.mn.bootstrap({ transport, nai: s.nai, secret: s.secret })));
  const ok = results.filter((r) => r.ok);
  assert.equal(ok.length, 5, JSON.stringify(results.map((r) => (r.ok ? "ok" : r.error))));
  assert.ok(results.every((r) => r.ok || (r.status === 503 && r.error === "no_home_agent_available")), JSON.stringify(results.filter((r) => !r.ok)));
  assert.equal(await m.env.db.hoaLease.count({ where: { homeAgentId: ha.id } }), 5);
  assert.equal(await m.env.db.bootstrapSession.count({ where: { outcome: "success" } }), 5);
  assert.equal(await m.env.db.bootstrapSession.count({ where: { outcome: "no_home_agent_available" } }), 19);

  // A full HA still serves its own MNs again (a re-bootstrap adds no load), in any mode.
  const served = subs.filter((_, i) => results[i].ok);
  const again = await Promise.all(served.map((s, i) => m.mn.bootstrap({ transport, nai: s.nai, secret: s.secret, mode: i % 2 ? "privacy" : "dynamic" })));
  assert.ok(again.every((r) => r.ok), JSON.stringify(again.filter((r) => !r.ok)));
  assert.equal(await m.env.db.hoaLease.count({ where: { homeAgentId: ha.id } }), 5);

  // An operator's pin is honoured whatever the load (lib/domain/ha-selection.ts): not refused here either.
  const pinned = await m.fx.createSubscriber("pinned@cap.example", p.id, { pinnedHomeAgentId: ha.id });
  const r = await m.mn.bootstrap({ transport, nai: pinned.nai, secret: pinned.secret });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(await m.env.db.hoaLease.count({ where: { homeAgentId: ha.id } }), 6);
});
