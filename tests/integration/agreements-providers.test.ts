// The provider rules the agreements UI relies on, through /api/v1/providers: parseRealm's own message
// for a bad realm (string or { name, region }), one owner per realm, at least one role, and 409s that
// name what still references a provider or still needs one of its roles.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("agreements-providers");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    providers: await import("@/app/api/v1/providers/route"),
    provider: await import("@/app/api/v1/providers/[id]/route"),
    agreements: await import("@/app/api/v1/agreements/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
let token = "";

before(async () => {
  m = await load();
  const u = await m.db.user.create({ data: { email: "admin@providers.test", role: "admin", passwordHash: "x" } });
  token = (await m.createApiToken(m.systemActor("test"), { userId: u.id, name: "t" })).token;
});
after(() => m.env.cleanup());

const create = (body: unknown) => call(m.providers.POST, "POST", "/api/v1/providers", { token, body });

test("a bad realm gets parseRealm's message whether sent as text or as { name, region }", async () => {
  for (const realms of [["single"], [{ name: "single", region: "eu" }]]) {
    const r = await create({ name: "Bad", realms, roles: ["ASP"] });
    assert.equal(r.status, 422);
    assert.match(r.json.fields.realms, /at least two labels/);
  }
  const r = await create({ name: "Bad", realms: ["two..dots.example"], roles: ["ASP"] });
  assert.equal(r.status, 422);
  assert.notEqual(r.json.fields.realms, "Invalid input");
});

test("at least one role; a realm has one owner (409 naming it); an edit may keep its own realms", async () => {
  const none = await create({ name: "NoRole", realms: ["norole.example"], roles: [] });
  assert.equal(none.status, 422);
  assert.match(none.json.fields.roles, /at least one role/);
  const a = await create({ name: "Owner", realms: ["owned.example"], roles: ["ASP"] });
  assert.equal(a.status, 201);
  const b = await create({ name: "Taker", realms: ["OWNED.example"], roles: ["ASP"] });
  assert.equal(b.status, 409);
  assert.match(b.json.fields.realms, /owned\.example already belongs to provider Owner/);
  const keep = await call(m.provider.PATCH, "PATCH", "/x", { token, params: { id: a.json.id }, body: { realms: ["owned.example", { name: "more.owned.example", region: "eu" }] } });
  assert.equal(keep.status, 200);
  assert.deepEqual(keep.json.realmDetails, [{ name: "more.owned.example", region: "eu" }, { name: "owned.example", region: null }]);
});

test("a role an agreement needs cannot be dropped, and a referenced provider cannot be deleted; both 409s say why", async () => {
  const msp = await create({ name: "Msp", realms: ["msp.example"], roles: ["MSP", "ASP"] });
  const msa = await create({ name: "Msa", realms: ["msa.example"], roles: ["MSA"] });
  const ag = await call(m.agreements.POST, "POST", "/api/v1/agreements", {
    token, body: { kind: "mobility", fromProviderId: msp.json.id, toProviderId: msa.json.id, validFrom: "2026-01-01T00:00:00Z" },
  });
  assert.equal(ag.status, 201);
  const drop = await call(m.provider.PATCH, "PATCH", "/x", { token, params: { id: msp.json.id }, body: { roles: ["ASP"] } });
  assert.equal(drop.status, 409);
  assert.match(drop.json.fields.roles, /MSP role is still needed by 1 mobility agreement; terminate it first/);
  // Dropping a role no agreement needs is fine.
  const ok = await call(m.provider.PATCH, "PATCH", "/x", { token, params: { id: msp.json.id }, body: { roles: ["MSP"] } });
  assert.equal(ok.status, 200);
  const del = await call(m.provider.DELETE, "DELETE", "/x", { token, params: { id: msa.json.id } });
  assert.equal(del.status, 409);
  assert.match(del.json.message, /provider Msa is still referenced by 1 agreement/);
});
