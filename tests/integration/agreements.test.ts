// Roaming agreements through /api/v1/agreements (spec/api-v1.md, DOMAIN.md): CRUD, every 422 and 409,
// the status lifecycle with terminated final, operator scope (404), audit, list filters and in-force
// state computed at request time. Real route modules, real SQLite file, real tokens.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("agreements");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    providers: await import("@/app/api/v1/providers/route"),
    provider: await import("@/app/api/v1/providers/[id]/route"),
    agreements: await import("@/app/api/v1/agreements/route"),
    agreement: await import("@/app/api/v1/agreements/[id]/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
const tokens: Record<string, string> = {};
const P: Record<string, string> = {};

const ADMIN = "admin@agreements.test";
const OP = "op@agreements.test";
const AUD = "aud@agreements.test";

async function makeUser(email: string, role: string, providerIds: string[] = []) {
  const u = await m.db.user.create({
    data: { email, role, passwordHash: "not-a-usable-hash", scopes: { create: providerIds.map((providerId) => ({ providerId })) } },
  });
  tokens[email] = (await m.createApiToken(m.systemActor("test"), { userId: u.id, name: `${email} token` })).token;
}

async function provider(name: string, roles: string[], realms: string[]) {
  const r = await call(m.providers.POST, "POST", "/api/v1/providers", { token: tokens[ADMIN], body: { name, roles, realms } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  P[name] = r.json.id;
  return r.json.id as string;
}

const post = (body: unknown, token = tokens[ADMIN]) => call(m.agreements.POST, "POST", "/api/v1/agreements", { token, body });
const get = (id: string, token = tokens[ADMIN]) => call(m.agreement.GET, "GET", `/api/v1/agreements/${id}`, { token, params: { id } });
const patch = (id: string, body: unknown, token = tokens[ADMIN]) =>
  call(m.agreement.PATCH, "PATCH", `/api/v1/agreements/${id}`, { token, body, params: { id } });
const del = (id: string, token = tokens[ADMIN]) => call(m.agreement.DELETE, "DELETE", `/api/v1/agreements/${id}`, { token, params: { id } });
const list = (query: Record<string, string> = {}, token = tokens[ADMIN]) => call(m.agreements.GET, "GET", "/api/v1/agreements", { token, query });

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

before(async () => {
  m = await load();
  await makeUser(ADMIN, "admin");
  await makeUser(AUD, "auditor");
  await provider("Airport", ["ASP"], ["airport.example"]);
  await provider("Cellular", ["ASP", "ASA", "MSP", "MSA"], ["cell.example"]);
  await provider("Enterprise", ["MSA"], ["corp.example"]);
  await provider("HostCo", ["MSP"], ["hostco.example"]);
  await provider("Campus", ["ASP", "MSP"], ["campus.example"]);
  await makeUser(OP, "operator", [P.Enterprise]);
});
after(() => m.env.cleanup());

describe("create and read", () => {
  test("POST creates a draft by default, with names, computed state and an audit entry; GET returns it", async () => {
    const r = await post({ kind: "network-access", fromProviderId: P.Airport, toProviderId: P.Cellular, validFrom: hoursFromNow(-1), validUntil: hoursFromNow(24) });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.status, "draft");
    assert.equal(r.json.fromProviderName, "Airport");
    assert.equal(r.json.toProviderName, "Cellular");
    assert.equal(r.json.allowLocalHomeAgent, false);
    assert.equal(r.json.inForce, false);
    assert.equal(r.json.state, "draft");
    const g = await get(r.json.id);
    assert.equal(g.status, 200);
    assert.deepEqual(g.json, r.json);
    assert.equal(await m.db.auditEntry.count({ where: { action: "agreement.create", objectId: r.json.id } }), 1);
  });

  test("created active with a window that started: in force now", async () => {
    const r = await post({ kind: "mobility", fromProviderId: P.HostCo, toProviderId: P.Enterprise, status: "active", validFrom: hoursFromNow(-2), allowLocalHomeAgent: true });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.inForce, true);
    assert.equal(r.json.state, "in force");
    assert.equal(r.json.allowLocalHomeAgent, true);
  });

  test("a new agreement cannot start suspended or terminated (422 on status)", async () => {
    const r = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Enterprise, status: "terminated", validFrom: hoursFromNow(0) });
    assert.equal(r.status, 422);
    assert.ok(r.json.fields.status);
  });
});

describe("422 field errors", () => {
  test("kind not matching the providers' roles names the provider and the missing role", async () => {
    const r = await post({ kind: "mobility", fromProviderId: P.Airport, toProviderId: P.Enterprise, validFrom: hoursFromNow(0) });
    assert.equal(r.status, 422);
    assert.equal(r.json.error, "validation_failed");
    assert.match(r.json.fields.fromProviderId, /Airport does not hold the MSP role/);
    const r2 = await post({ kind: "network-access", fromProviderId: P.Airport, toProviderId: P.Enterprise, validFrom: hoursFromNow(0) });
    assert.equal(r2.status, 422);
    assert.match(r2.json.fields.toProviderId, /Enterprise does not hold the ASA role/);
  });

  test("an agreement with itself", async () => {
    const r = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Cellular, validFrom: hoursFromNow(0) });
    assert.equal(r.status, 422);
    assert.match(r.json.fields.toProviderId, /two different providers/);
  });

  test("validUntil equal to or before validFrom", async () => {
    const from = hoursFromNow(0);
    for (const until of [from, hoursFromNow(-5)]) {
      const r = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Enterprise, validFrom: from, validUntil: until });
      assert.equal(r.status, 422);
      assert.match(r.json.fields.validUntil, /must be after its start/);
    }
  });

  test("local HA assignment on a network-access agreement", async () => {
    const r = await post({ kind: "network-access", fromProviderId: P.Campus, toProviderId: P.Cellular, validFrom: hoursFromNow(0), allowLocalHomeAgent: true });
    assert.equal(r.status, 422);
    assert.match(r.json.fields.allowLocalHomeAgent, /mobility agreements only/);
  });

  test("bad kind, missing providers, a non-RFC 3339 validFrom and an unknown provider", async () => {
    const r = await post({ kind: "roaming", validFrom: "yesterday" });
    assert.equal(r.status, 422);
    assert.deepEqual(Object.keys(r.json.fields).sort(), ["fromProviderId", "kind", "toProviderId", "validFrom"]);
    const noZone = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Enterprise, validFrom: "2026-12-03T10:00:00" });
    assert.equal(noZone.status, 422);
    assert.ok(noZone.json.fields.validFrom);
    const unknown = await post({ kind: "mobility", fromProviderId: "nope", toProviderId: P.Enterprise, validFrom: hoursFromNow(0) });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.fields.fromProviderId, "no such provider");
  });
});

describe("409 overlap", () => {
  test("same kind, same pair, overlapping window is refused naming the other agreement; touching windows are fine", async () => {
    const a = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Enterprise, validFrom: "2030-01-01T00:00:00Z", validUntil: "2030-02-01T00:00:00Z" });
    assert.equal(a.status, 201);
    const overlap = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Enterprise, validFrom: "2030-01-15T00:00:00Z" });
    assert.equal(overlap.status, 409);
    assert.equal(overlap.json.error, "conflict");
    assert.ok(overlap.json.message.includes(a.json.id));
    assert.ok(overlap.json.fields.validFrom);
    const touching = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Enterprise, validFrom: "2030-02-01T00:00:00Z", validUntil: "2030-03-01T00:00:00Z" });
    assert.equal(touching.status, 201, JSON.stringify(touching.json));
    // A PATCH that stretches a window into its neighbour is refused the same way.
    const stretch = await patch(a.json.id, { validUntil: "2030-02-15T00:00:00Z" });
    assert.equal(stretch.status, 409);
    // The other kind, or the reverse direction, is a different agreement.
    const na = await post({ kind: "network-access", fromProviderId: P.Cellular, toProviderId: P.Cellular, validFrom: "2030-01-15T00:00:00Z" });
    assert.equal(na.status, 422); // (self) — shows kind is checked before overlap
    // Terminated agreements do not block a new one.
    assert.equal((await patch(a.json.id, { status: "terminated" })).status, 200);
    const again = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Enterprise, validFrom: "2030-01-10T00:00:00Z", validUntil: "2030-01-20T00:00:00Z" });
    assert.equal(again.status, 201, JSON.stringify(again.json));
  });
});

describe("concurrency", () => {
  test("eight parallel creates of the same overlapping agreement: exactly one is created, the rest are 409", async () => {
    const body = { kind: "mobility", fromProviderId: P.HostCo, toProviderId: P.Cellular, validFrom: "2040-01-01T00:00:00Z" };
    const results = await Promise.all(Array.from({ length: 8 }, () => post(body)));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409], JSON.stringify(results.map((r) => r.json)));
    assert.equal(await m.db.agreement.count({ where: { fromProviderId: P.HostCo, toProviderId: P.Cellular, validFrom: new Date("2040-01-01T00:00:00Z") } }), 1);
    const created = results.find((r) => r.status === 201)!;
    assert.equal((await patch(created.json.id, { status: "terminated" })).status, 200);
  });
});

describe("lifecycle", () => {
  test("draft → active → suspended → active → terminated, each audited; terminated is final", async () => {
    const c = await post({ kind: "network-access", fromProviderId: P.Campus, toProviderId: P.Cellular, validFrom: hoursFromNow(-1) });
    const id = c.json.id;
    const steps: [string, string, boolean][] = [
      ["active", "agreement.activate", true],
      ["suspended", "agreement.suspend", false],
      ["active", "agreement.resume", true],
      ["terminated", "agreement.terminate", false],
    ];
    for (const [status, action, inForce] of steps) {
      const r = await patch(id, { status });
      assert.equal(r.status, 200, `${status}: ${JSON.stringify(r.json)}`);
      assert.equal(r.json.status, status);
      assert.equal(r.json.inForce, inForce);
      assert.equal(await m.db.auditEntry.count({ where: { action, objectId: id } }), 1, action);
    }
    for (const body of [{ status: "active" }, { status: "suspended" }, { status: "draft" }, { status: "terminated" }, { validUntil: hoursFromNow(48) }]) {
      const r = await patch(id, body);
      assert.equal(r.status, 409, JSON.stringify(body));
      assert.match(r.json.message, /terminated is final/);
    }
    assert.equal((await get(id)).json.status, "terminated");
  });

  test("transitions outside the lifecycle are 409: draft → suspended, suspended → draft, active → draft", async () => {
    const c = await post({ kind: "network-access", fromProviderId: P.Airport, toProviderId: P.Cellular, validFrom: "2031-01-01T00:00:00Z", validUntil: "2031-06-01T00:00:00Z" });
    assert.equal(c.status, 201, JSON.stringify(c.json));
    const id = c.json.id;
    const r1 = await patch(id, { status: "suspended" });
    assert.equal(r1.status, 409);
    assert.match(r1.json.message, /only an active agreement can be suspended/);
    assert.equal((await patch(id, { status: "active" })).status, 200);
    assert.equal((await patch(id, { status: "draft" })).status, 409);
    assert.equal((await patch(id, { status: "suspended" })).status, 200);
    assert.equal((await patch(id, { status: "draft" })).status, 409);
    assert.equal((await get(id)).json.status, "suspended");
  });

  test("kind and providers are fixed once the agreement left draft; a draft may change them", async () => {
    const c = await post({ kind: "network-access", fromProviderId: P.Airport, toProviderId: P.Cellular, validFrom: "2032-01-01T00:00:00Z" });
    assert.equal(c.status, 201, JSON.stringify(c.json));
    const moved = await patch(c.json.id, { fromProviderId: P.Campus });
    assert.equal(moved.status, 200);
    assert.equal(moved.json.fromProviderName, "Campus");
    await patch(c.json.id, { status: "active" });
    assert.equal((await patch(c.json.id, { fromProviderId: P.Airport })).status, 409);
    assert.equal((await patch(c.json.id, { kind: "mobility" })).status, 409);
  });

  test("an active agreement outside its window is not in force: not yet valid, expired", async () => {
    const future = await post({ kind: "mobility", fromProviderId: P.Campus, toProviderId: P.Enterprise, status: "active", validFrom: hoursFromNow(24), validUntil: hoursFromNow(48) });
    assert.equal(future.json.state, "not yet valid");
    assert.equal(future.json.inForce, false);
    const past = await post({ kind: "mobility", fromProviderId: P.Campus, toProviderId: P.Enterprise, status: "active", validFrom: hoursFromNow(-48), validUntil: hoursFromNow(-24) });
    assert.equal(past.json.state, "expired");
    assert.equal(past.json.inForce, false);
  });

  test("DELETE: draft and terminated go (204, audited), active and suspended are 409 saying to terminate first", async () => {
    const d = await post({ kind: "mobility", fromProviderId: P.HostCo, toProviderId: P.Cellular, validFrom: "2033-01-01T00:00:00Z", validUntil: "2033-02-01T00:00:00Z" });
    assert.equal((await del(d.json.id)).status, 204);
    assert.equal((await get(d.json.id)).status, 404);
    assert.equal(await m.db.auditEntry.count({ where: { action: "agreement.delete", objectId: d.json.id } }), 1);
    const a = await post({ kind: "mobility", fromProviderId: P.HostCo, toProviderId: P.Cellular, status: "active", validFrom: "2033-03-01T00:00:00Z" });
    const r = await del(a.json.id);
    assert.equal(r.status, 409);
    assert.match(r.json.message, /only a draft or terminated agreement can be deleted; this one is active: terminate it first/);
    await patch(a.json.id, { status: "suspended" });
    assert.equal((await del(a.json.id)).status, 409);
    await patch(a.json.id, { status: "terminated" });
    assert.equal((await del(a.json.id)).status, 204);
  });

  test("activating re-checks roles: a provider that lost the needed role cannot bring a draft into force", async () => {
    const tmp = await provider("Tempnet", ["ASP"], ["tempnet.example"]);
    const c = await post({ kind: "network-access", fromProviderId: tmp, toProviderId: P.Cellular, validFrom: hoursFromNow(-1) });
    assert.equal(c.status, 201);
    // The provider service refuses to drop a role an agreement still needs…
    const drop = await call(m.provider.PATCH, "PATCH", `/api/v1/providers/${tmp}`, { token: tokens[ADMIN], body: { roles: ["MSP"] }, params: { id: tmp } });
    assert.equal(drop.status, 409);
    assert.match(drop.json.message, /ASP role is still needed by 1 network-access agreement/);
    // …and deleting the provider names the agreement that references it.
    const gone = await call(m.provider.DELETE, "DELETE", `/api/v1/providers/${tmp}`, { token: tokens[ADMIN], params: { id: tmp } });
    assert.equal(gone.status, 409);
    assert.match(gone.json.message, /1 agreement/);
  });
});

describe("scope, roles and lists", () => {
  test("an operator sees only agreements with one side in scope; others are 404 for read, write and delete", async () => {
    const mine = await post({ kind: "mobility", fromProviderId: P.Campus, toProviderId: P.Enterprise, validFrom: "2034-01-01T00:00:00Z" });
    const theirs = await post({ kind: "network-access", fromProviderId: P.Airport, toProviderId: P.Cellular, validFrom: "2034-01-01T00:00:00Z" });
    assert.equal(mine.status, 201, JSON.stringify(mine.json));
    assert.equal(theirs.status, 201, JSON.stringify(theirs.json));
    assert.equal((await get(mine.json.id, tokens[OP])).status, 200);
    for (const r of [await get(theirs.json.id, tokens[OP]), await patch(theirs.json.id, { status: "active" }, tokens[OP]), await del(theirs.json.id, tokens[OP])]) {
      assert.equal(r.status, 404);
      assert.equal(r.json.error, "not_found");
    }
    const l = await list({ limit: "500" }, tokens[OP]);
    assert.ok(l.json.items.length > 0);
    assert.ok(l.json.items.every((a: { fromProviderId: string; toProviderId: string }) => a.fromProviderId === P.Enterprise || a.toProviderId === P.Enterprise));
    // An operator may create an agreement for its own provider, not between two others.
    const own = await post({ kind: "mobility", fromProviderId: P.Cellular, toProviderId: P.Enterprise, validFrom: "2035-01-01T00:00:00Z" }, tokens[OP]);
    assert.equal(own.status, 201, JSON.stringify(own.json));
    const foreign = await post({ kind: "mobility", fromProviderId: P.HostCo, toProviderId: P.Cellular, validFrom: "2035-01-01T00:00:00Z" }, tokens[OP]);
    assert.equal(foreign.status, 422);
    assert.match(foreign.json.fields.fromProviderId, /in your scope/);
  });

  // Found by a penetration test: the MSA's operator made another provider its active mobility provider.
  // An agreement comes into force only with the consent of the provider that grants the service (the
  // serving ASP or the MSP, `from`): the other side may propose a draft, suspend or terminate, nothing more.
  test("only the granting side (or an admin) brings an agreement into force or changes one in force", async () => {
    await provider("Roamer", ["MSP"], ["roamer.example"]);
    const proposal = { kind: "mobility", fromProviderId: P.Roamer, toProviderId: P.Enterprise, validFrom: "2037-01-01T00:00:00Z" };
    const forced = await post({ ...proposal, status: "active", allowLocalHomeAgent: true }, tokens[OP]);
    assert.equal(forced.status, 403, JSON.stringify(forced.json));
    assert.match(forced.json.message, /only Roamer/);
    const draft = await post(proposal, tokens[OP]);
    assert.equal(draft.status, 201, JSON.stringify(draft.json));
    assert.equal(draft.json.status, "draft");
    const activate = await patch(draft.json.id, { status: "active" }, tokens[OP]);
    assert.equal(activate.status, 403);
    assert.equal((await get(draft.json.id)).json.status, "draft", "nothing changed");
    assert.equal((await patch(draft.json.id, { status: "active" })).status, 200, "an admin (or Roamer's operator) activates it");
    const widen = await patch(draft.json.id, { allowLocalHomeAgent: true, validUntil: null }, tokens[OP]);
    assert.equal(widen.status, 403, "terms of an agreement in force are the grantor's");
    assert.equal((await patch(draft.json.id, { status: "suspended" }, tokens[OP])).status, 200, "the receiving side may suspend");
    assert.equal((await patch(draft.json.id, { status: "active" }, tokens[OP])).status, 403, "but not resume");
    assert.equal((await patch(draft.json.id, { status: "terminated" }, tokens[OP])).status, 200, "and may terminate");
  });

  test("an auditor reads but cannot write (403)", async () => {
    assert.equal((await list({}, tokens[AUD])).status, 200);
    const r = await post({ kind: "mobility", fromProviderId: P.HostCo, toProviderId: P.Enterprise, validFrom: "2036-01-01T00:00:00Z" }, tokens[AUD]);
    assert.equal(r.status, 403);
  });

  test("filters kind, status, providerId and inForce; bad filter is 422; cursor pages cover everything once", async () => {
    const all = (await list({ limit: "500" })).json.items as { id: string; kind: string; status: string; inForce: boolean; fromProviderId: string; toProviderId: string }[];
    const byKind = (await list({ kind: "mobility", limit: "500" })).json.items;
    assert.deepEqual(byKind.map((a: { id: string }) => a.id), all.filter((a) => a.kind === "mobility").map((a) => a.id));
    const active = (await list({ status: "active", limit: "500" })).json.items;
    assert.deepEqual(active.map((a: { id: string }) => a.id), all.filter((a) => a.status === "active").map((a) => a.id));
    const hostco = (await list({ providerId: P.HostCo, limit: "500" })).json.items;
    assert.deepEqual(hostco.map((a: { id: string }) => a.id), all.filter((a) => a.fromProviderId === P.HostCo || a.toProviderId === P.HostCo).map((a) => a.id));
    const inForce = (await list({ inForce: "true", limit: "500" })).json.items;
    assert.ok(inForce.length > 0);
    assert.deepEqual(inForce.map((a: { id: string }) => a.id), all.filter((a) => a.inForce).map((a) => a.id));
    const notInForce = (await list({ inForce: "false", limit: "500" })).json.items;
    assert.equal(inForce.length + notInForce.length, all.length);
    assert.equal((await list({ status: "paused" })).status, 422);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { items: { id: string }[]; nextCursor: string | null } } = await list(cursor ? { limit: "3", cursor } : { limit: "3" });
      seen.push(...page.json.items.map((a) => a.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, all.map((a) => a.id));
  });
});
