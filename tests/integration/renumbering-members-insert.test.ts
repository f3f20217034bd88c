// insertMembers (lib/services/renumbering-batches.ts) writes renumbering members with multi-row SQL
// instead of Prisma's createMany (see docs/performance.md): the rows must read back exactly as
// createMany wrote them — booleans, the "pending" default, no migratedAt — across several statements,
// and the (renumberingId, subscriberId) unique constraint must still refuse a duplicate.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("renumbering-members-insert");
  return {
    env,
    fx: await import("./bootstrap-fixtures"),
    rfx: await import("./renumbering-fixtures"),
    batches: await import("@/lib/services/renumbering-batches"),
    tx: await import("@/lib/db/tx"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
before(async () => {
  m = await load();
});
after(() => m.env.cleanup());

test("members inserted in chunks read back like createMany rows; the unique constraint still refuses a duplicate member", async () => {
  const p = await m.fx.createProvider("Cellular", ["MSP", "MSA"], [{ name: "msp.example" }]);
  const ha = await m.fx.createHomeAgent(p.id, { name: "ha1", fqdn: "ha1.msp.example", address: "2001:db8:1::1", region: "eu", prefixes: ["2001:db8:1::/64", "2001:db8:2::/64"] });
  const N = 1203; // three statements of at most 500 rows
  await m.rfx.populatePrefix({ providerId: p.id, homeAgentId: ha.id, prefixId: ha.prefixes[0].id, prefix: "2001:db8:1::/64", count: N, tag: "u", lastBootstrapAt: new Date() });
  const db = m.env.db;
  const r = await db.renumbering.create({
    data: { oldPrefixId: ha.prefixes[0].id, newPrefixId: ha.prefixes[1].id, oldPrefix: "2001:db8:1::/64", newPrefix: "2001:db8:2::/64", state: "planned" },
  });
  const id = (i: number) => `u-${String(i).padStart(6, "0")}`;
  const rows = Array.from({ length: N }, (_, i) => ({
    renumberingId: r.id, subscriberId: id(i), oldAddress: `2001:db8:1::${(0x1000 + i).toString(16)}`, newAddress: i === 7 ? "" : `2001:db8:2::${(0x1000 + i).toString(16)}`, isStatic: i % 100 === 0,
  }));
  await m.tx.withTx((tx) => m.batches.insertMembers(tx, rows));

  assert.equal(await db.renumberingMember.count({ where: { renumberingId: r.id } }), N);
  assert.equal(await db.renumberingMember.count({ where: { renumberingId: r.id, isStatic: true } }), 13);
  assert.equal(await db.renumberingMember.count({ where: { renumberingId: r.id, state: "pending", migratedAt: null } }), N);
  const one = await db.renumberingMember.findUniqueOrThrow({ where: { renumberingId_subscriberId: { renumberingId: r.id, subscriberId: id(100) } } });
  assert.deepEqual(
    { oldAddress: one.oldAddress, newAddress: one.newAddress, isStatic: one.isStatic, state: one.state, migratedAt: one.migratedAt },
    { oldAddress: "2001:db8:1::1064", newAddress: "2001:db8:2::1064", isStatic: true, state: "pending", migratedAt: null },
  );
  const plain = await db.renumberingMember.findUniqueOrThrow({ where: { renumberingId_subscriberId: { renumberingId: r.id, subscriberId: id(7) } } });
  assert.equal(plain.isStatic, false);
  assert.equal(plain.newAddress, "");
  assert.equal(new Set((await db.renumberingMember.findMany({ select: { id: true } })).map((x) => x.id)).size, N);
  // Relations work on the inserted rows (the foreign keys were written as given).
  const withSub = await db.renumberingMember.findFirstOrThrow({ where: { renumberingId: r.id, subscriber: { nai: "u5@msp.example" } }, select: { subscriberId: true } });
  assert.equal(withSub.subscriberId, id(5));

  await assert.rejects(
    m.tx.withTx((tx) => m.batches.insertMembers(tx, [rows[3]])),
    // A raw statement reports the driver's error (P2010), not P2002: the constraint still holds.
    (e: unknown) => /UNIQUE constraint failed|duplicate key value violates unique constraint/i.test(String((e as Error).message)),
  );
  assert.equal(await db.renumberingMember.count({ where: { renumberingId: r.id } }), N);
  // Nothing to insert is no statement at all.
  await m.tx.withTx((tx) => m.batches.insertMembers(tx, []));
});
