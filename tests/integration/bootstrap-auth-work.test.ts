// spec/bootstrap-v1.md: an unknown NAI and a wrong MAC must be indistinguishable "in body and in timing".
// Timing tests are flaky on a shared machine, so this asserts the cause instead: both failures run the
// same database operations (same models, same operations, same order) against the real database, and
// both carry what session recording needs, so recording costs the same too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { setupDatabase } from "./api-helpers";

let env: Awaited<ReturnType<typeof setupDatabase>>;
const load = async () => ({
  db: await import("@/lib/db/client"),
  fx: await import("./bootstrap-fixtures"),
  auth: await import("@/lib/bootstrap/authenticate"),
});
let m: Awaited<ReturnType<typeof load>>;

/** The real client, with every model operation it performs written down. */
function recording(ops: string[]) {
  const db = m.db.getDb();
  return new Proxy(db, {
    get(target, model: string) {
      const delegate = (target as unknown as Record<string, unknown>)[model];
      if (!delegate || typeof delegate !== "object") return delegate;
      return new Proxy(delegate as object, {
        get(d, op: string) {
          const fn = (d as Record<string, unknown>)[op];
          if (typeof fn !== "function") return fn;
          return (...args: unknown[]) => {
            ops.push(`${model}.${op}`);
            return (fn as (...a: unknown[]) => unknown).apply(d, args);
          };
        },
      });
    },
  }) as typeof db;
}

before(async () => {
  env = await setupDatabase("auth-work", { keyFile: true });
  m = await load();
});
after(async () => {
  await env.cleanup();
});

test("unknown NAI and wrong MAC do the same database work and both fail", async () => {
  const p = await m.fx.createProvider("Cellular", ["MSP", "MSA"], [{ name: "msp.example" }]);
  const sub = await m.fx.createSubscriber("alice@msp.example", p.id);
  const badMac = crypto.randomBytes(32).toString("base64url");

  const knownOps: string[] = [];
  const known = await m.auth.authenticate(recording(knownOps), sub.nai, "canonical", badMac);
  const unknownOps: string[] = [];
  const unknown = await m.auth.authenticate(recording(unknownOps), "nobody@msp.example", "canonical", badMac);

  assert.equal(known.ok, false);
  assert.equal(unknown.ok, false);
  assert.deepEqual(unknownOps, knownOps);
  assert.deepEqual(knownOps, ["subscriber.findUnique", "credential.findUnique"]);
  // What recording the session needs is already in hand in both cases (no extra query later).
  if (!known.ok && !unknown.ok) {
    assert.equal(known.subscriberId, sub.id);
    assert.equal(known.msaProviderId, p.id);
    assert.equal(unknown.subscriberId, null);
    assert.equal(unknown.msaProviderId, null);
  }
});
