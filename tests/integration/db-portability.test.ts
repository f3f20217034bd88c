// What must behave the same on SQLite and PostgreSQL (`npm test` runs this file on both): text with a NUL
// character (PostgreSQL cannot store it and fails the whole statement), and case in name searches
// (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";
import { buildWorld, type World } from "./security-world";

let env: Awaited<ReturnType<typeof setupDatabase>>;
let w: World;

before(async () => {
  env = await setupDatabase("db-portability");
  w = await buildWorld();
});
after(() => env.cleanup());

async function typed4xx(what: string, run: () => Promise<unknown>): Promise<number> {
  const { isAppError } = await import("@/lib/errors");
  try {
    await run();
  } catch (e) {
    assert.ok(isAppError(e) && e.status >= 400 && e.status < 500, `${what} threw ${String(e).slice(0, 300)}`);
    return e.status;
  }
  assert.fail(`${what} was accepted`);
}

test("a NUL character in an id or a value is a typed 4xx on reads and writes, never a database error", async () => {
  const { getSubscriber } = await import("@/lib/data/subscribers");
  const { getProvider } = await import("@/lib/data/providers");
  const { createProvider, updateProvider } = await import("@/lib/services/providers");
  const admin = w.users.admin.actor;
  for (const id of ["\u0000", "a\u0000b", `${w.a.subscriber}\u0000`]) {
    assert.ok([404, 422].includes(await typed4xx(`getSubscriber(${JSON.stringify(id)})`, () => getSubscriber(admin, id))));
    assert.ok([404, 422].includes(await typed4xx(`getProvider(${JSON.stringify(id)})`, () => getProvider(admin, id))));
  }
  assert.equal(await typed4xx("create with NUL in the name", () => createProvider(admin, { name: "Nul\u0000Co", realms: ["nul.example"], roles: ["ASP"] })), 422);
  assert.equal(await typed4xx("update with NUL in the name", () => updateProvider(admin, w.a.provider, { name: "A\u0000" })), 422);
  assert.equal(await env.db.provider.count({ where: { name: { startsWith: "Nul" } } }), 0);
  assert.equal((await getProvider(admin, w.a.provider)).name, "Provider A");
});

test("a bootstrap attempt whose NAI holds a NUL is answered 4xx and still recorded; sign-in with one fails quietly", async () => {
  const { handleBootstrap } = await import("@/lib/bootstrap/handle-bootstrap");
  const { authenticate } = await import("@/lib/services/users");
  const { checkSignInRate } = await import("@/lib/auth/sign-in-rate-limit");
  const before = await env.db.bootstrapSession.count();
  const r = await handleBootstrap({ nai: "mallory\u0000@a.example.net", servingRealm: "a.example.net" }, { sourceAddress: "192.0.2.1" });
  assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${JSON.stringify(r.body)}`);
  assert.equal(await env.db.bootstrapSession.count(), before + 1, "the failed attempt is in the history");
  assert.equal(await authenticate("admin\u0000@sec.test", "correct horse battery staple"), null);
  assert.deepEqual(await checkSignInRate({ email: "admin\u0000@sec.test", sourceAddress: "192.0.2.\u00001" }), { limited: false });
});

test("name searches ignore case on every database", async () => {
  const { listProviders } = await import("@/lib/data/providers");
  const { listHomeAgents } = await import("@/lib/data/home-agents");
  const { listAgreements } = await import("@/lib/data/agreements");
  const { listUsers } = await import("@/lib/data/users");
  const { createAgreement } = await import("@/lib/services/agreements");
  const { updateUser } = await import("@/lib/services/user-admin");
  const admin = w.users.admin.actor;
  await createAgreement(admin, { kind: "mobility", fromProviderId: w.a.provider, toProviderId: w.b.provider, validFrom: "2030-01-01T00:00:00Z" });
  await updateUser(admin, w.users.opA.id, { name: "Olga Operator" });
  for (const q of ["provider a", "PROVIDER A", "Provider A"]) {
    assert.deepEqual((await listProviders(admin, { q })).items.map((p) => p.name), ["Provider A"], `providers q=${q}`);
    assert.equal((await listAgreements(admin, { q })).items.length, 1, `agreements q=${q}`);
  }
  for (const q of ["HA-A", "ha-a", "Ha-A"]) assert.deepEqual((await listHomeAgents(admin, { q })).items.map((h) => h.name), ["ha-a"], `home agents q=${q}`);
  for (const q of ["olga", "OLGA OP", "Olga"]) assert.deepEqual((await listUsers(admin, { q })).items.map((u) => u.email), ["op-a@sec.test"], `users q=${q}`);
});

test("NAI searches (sessions, leases) match the NAI exactly, case included, on every database", async () => {
  const { handleBootstrap } = await import("@/lib/bootstrap/handle-bootstrap");
  const { listSessions } = await import("@/lib/data/sessions");
  const { listLeases } = await import("@/lib/data/leases");
  const admin = w.users.admin.actor;
  // A failed attempt is recorded under the claimed NAI; a lease row for the same subscriber.
  await handleBootstrap({ nai: "alice@a.example.net", servingRealm: "a.example.net" }, { sourceAddress: "192.0.2.2" });
  await env.db.hoaLease.create({
    data: { subscriberId: w.a.subscriber, prefixId: w.a.prefix, homeAgentId: w.a.ha, address: "2001:db8:10:1::a11c", addressHex: "20010db80010000100000000000a11c".padStart(32, "0"), kind: "dynamic" },
  });
  for (const q of ["alice", "alice@a.ex"]) {
    assert.ok((await listSessions(admin, { q })).items.some((s) => s.nai === "alice@a.example.net"), `sessions q=${q}`);
    assert.deepEqual((await listLeases(admin, { q })).items.map((l) => l.address), ["2001:db8:10:1::a11c"], `leases q=${q}`);
  }
  for (const q of ["ALICE", "Alice@a"]) {
    assert.equal((await listSessions(admin, { q })).items.length, 0, `sessions q=${q}`);
    assert.equal((await listLeases(admin, { q })).items.length, 0, `leases q=${q}`);
  }
});
