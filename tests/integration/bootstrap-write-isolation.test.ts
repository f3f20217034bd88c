// On SQLite all requests of a process share one connection. A bare write issued while another request's
// interactive transaction is open ran inside that transaction, and vanished when it rolled back (an
// allocation that found no address, a retried unique violation): a lost replay-cache row lets the same
// request be replayed, a lost session hides an attempt. The bootstrap's own writes are transactions of
// their own, which queue for the connection instead.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("bootstrap-write-isolation");
  return {
    env,
    tx: await import("@/lib/db/tx"),
    auth: await import("@/lib/bootstrap/authenticate"),
    record: await import("@/lib/bootstrap/record"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
before(async () => {
  m = await load();
});
after(() => m.env.cleanup());

/** Run `write` while another transaction is open and then rolls back; resolves with what `write` returned. */
async function duringRolledBackTx<T>(write: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let opened!: () => void;
  const isOpen = new Promise<void>((r) => (opened = r));
  const other = m.tx
    .withTx(async (tx) => {
      await tx.setting.upsert({ where: { key: "isolation-probe" }, create: { key: "isolation-probe", value: "1" }, update: { value: "2" } });
      opened();
      await gate;
      throw new Error("the other request's transaction fails");
    })
    .then(() => assert.fail("expected a rollback"), (e: Error) => assert.match(e.message, /fails/));
  await isOpen;
  const result = write();
  await new Promise((r) => setTimeout(r, 30));
  release();
  await other;
  return result;
}

test("a nonce remembered while another transaction is open survives that transaction's rollback", async () => {
  const now = new Date();
  const nonce = crypto.randomBytes(16).toString("base64url");
  assert.equal(await duringRolledBackTx(() => m.auth.rememberNonce(m.env.db, "mn@iso.example", nonce, now, now, 300)), true);
  assert.equal(await m.env.db.setting.count({ where: { key: "isolation-probe" } }), 0);
  assert.equal(await m.env.db.replayNonce.count({ where: { nai: "mn@iso.example", nonce } }), 1);
  // And so the replay is refused.
  assert.equal(await m.auth.rememberNonce(m.env.db, "mn@iso.example", nonce, now, now, 300), false);
});

test("a session recorded while another transaction is open survives that transaction's rollback", async () => {
  const id = crypto.randomUUID();
  const ok = await duringRolledBackTx(() =>
    m.record.recordSession(m.env.db, {
      id, subscriberId: null, nai: "mn@iso.example", servingRealm: "", trigger: "boot", homeAddressMode: "dynamic",
      outcome: "authentication_failed", httpStatus: 401, latencyMs: 1, explanation: [], steps: [], createdAt: new Date(),
    }),
  );
  assert.equal(ok, true);
  assert.equal(await m.env.db.bootstrapSession.count({ where: { id } }), 1);
});
