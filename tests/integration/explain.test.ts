// GET /api/v1/explain agrees with what the bootstrap endpoint actually does (issue 3: "the explain view
// agrees with what the bootstrap endpoint does"): for each case the explanation is asked first, then a
// real bootstrap runs through the MN client and lib/bootstrap/handle-bootstrap.ts (in-process transport),
// and the scenario, the outcome and the HA must match. Explaining records nothing.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("explain");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    fx: await import("./bootstrap-fixtures"),
    mn: await import("@/lib/mn/client"),
    inProcess: await import("@/lib/mn/in-process"),
    explain: await import("@/app/api/v1/explain/route"),
    agreements: await import("@/app/api/v1/agreements/route"),
    agreement: await import("@/app/api/v1/agreements/[id]/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
const tokens: Record<string, string> = {};
const P: Record<string, string> = {};
const HA: Record<string, string> = {}; // name → address
const S: Record<string, { id: string; secretText: string; nai: string }> = {};

const ADMIN = "admin@explain.test";
const OP_HOME = "op-home@explain.test";

async function makeUser(email: string, role: string, providerIds: string[] = []) {
  const u = await m.db.user.create({
    data: { email, role, passwordHash: "not-a-usable-hash", scopes: { create: providerIds.map((providerId) => ({ providerId })) } },
  });
  tokens[email] = (await m.createApiToken(m.systemActor("test"), { userId: u.id, name: `${email} token` })).token;
}

async function provider(name: string, roles: string[], realm: string, region: string) {
  P[name] = (await m.fx.createProvider(name, roles, [{ name: realm, region }])).id;
}
async function homeAgent(providerName: string, name: string, n: number, region: string) {
  const ha = await m.fx.createHomeAgent(P[providerName], {
    name, fqdn: `${name}.example`, address: `2001:db8:${n}::1`, region, prefixes: [`2001:db8:${n}::/64`],
  });
  HA[name] = ha.address;
}

async function agreement(body: Record<string, unknown>) {
  const r = await call(m.agreements.POST, "POST", "/api/v1/agreements", { token: tokens[ADMIN], body: { status: "active", validFrom: new Date(Date.now() - 3600_000).toISOString(), ...body } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.id as string;
}

const explain = (subscriberId: string, servingRealm: string, token = tokens[ADMIN]) =>
  call(m.explain.GET, "GET", "/api/v1/explain", { token, query: { subscriberId, servingRealm } });

const bootstrap = (name: string, servingRealm: string) =>
  m.mn.bootstrap({ transport: m.inProcess.inProcessTransport(), nai: S[name].nai, secret: S[name].secretText, servingRealm });

/** Explain, then bootstrap for real, and check they agree; returns both. */
async function explainThenBootstrap(name: string, servingRealm: string) {
  const e = await explain(S[name].id, servingRealm);
  assert.equal(e.status, 200, JSON.stringify(e.json));
  const r = await bootstrap(name, servingRealm);
  if (r.ok) {
    assert.equal(e.json.outcome, "success", `explain said ${e.json.outcome}: ${e.json.because.join(" | ")}`);
    assert.equal(e.json.decision.kind, r.scenario);
    assert.equal(e.json.homeAgent.ok, true);
    assert.equal(e.json.homeAgent.homeAgent.address, r.homeAgent.address);
    assert.equal(e.json.homeAgent.homeAgent.fqdn, r.homeAgent.fqdn);
  } else {
    assert.equal(e.json.outcome, r.error, `bootstrap said ${r.error}: ${r.message}`);
  }
  // The recorded session starts with the same reasons, word for word (a suspended subscriber is refused
  // before any scenario is resolved, so its session has no scenario reasons to compare).
  if (e.json.outcome !== "subscriber_suspended") {
    const session = r.ok
      ? await m.db.bootstrapSession.findUniqueOrThrow({ where: { id: r.sessionId } })
      : await m.db.bootstrapSession.findFirstOrThrow({ where: { subscriberId: S[name].id }, orderBy: { createdAt: "desc" } });
    const recorded = JSON.parse(session.explanation ?? "[]") as string[];
    assert.deepEqual(recorded.slice(0, e.json.because.length), e.json.because);
  }
  return { e: e.json, r };
}

before(async () => {
  m = await load();
  await makeUser(ADMIN, "admin");
  await provider("Home", ["MSA", "MSP"], "home.example", "eu-west");
  await provider("Airport", ["ASP"], "airport.example", "us-east");
  await provider("Enterprise", ["MSA"], "corp.example", "eu-west");
  await provider("HostCo", ["MSP"], "hostco.example", "eu-west");
  await provider("Cellular", ["ASP", "ASA", "MSP", "MSA"], "cell.example", "eu-west");
  await provider("Hotspot", ["ASP"], "hotspot.example", "us-east");
  await provider("Campus", ["ASP", "MSP"], "campus.example", "eu-west");
  await homeAgent("Home", "ha-home-eu", 1, "eu-west");
  await homeAgent("Home", "ha-home-us", 2, "us-east");
  await homeAgent("HostCo", "ha-hostco", 3, "eu-west");
  await homeAgent("Cellular", "ha-cell", 4, "eu-west");
  await homeAgent("Campus", "ha-campus", 5, "eu-west");
  for (const [name, nai, msa] of [["alice", "alice@home.example", "Home"], ["bob", "bob@corp.example", "Enterprise"], ["carol", "carol@cell.example", "Cellular"], ["dave", "dave@home.example", "Home"], ["erin", "erin@home.example", "Home"]] as const) {
    S[name] = { ...(await m.fx.createSubscriber(nai, P[msa])), nai };
  }
  await m.db.subscriber.update({ where: { id: S.carol.id }, data: { accessNai: "carol@cell.example", asaProviderId: P.Cellular } });
  await makeUser(OP_HOME, "operator", [P.Home]);
});
after(() => m.env.cleanup());

describe("explain agrees with a real bootstrap", () => {
  test("split from a known foreign network: the home MSP's HA in the serving region; the explanation is what the session records", async () => {
    const { e, r } = await explainThenBootstrap("alice", "airport.example");
    assert.equal(e.decision.kind, "split");
    assert.equal(e.decision.mspProvider.name, "Home");
    assert.equal(e.servingProvider.name, "Airport");
    assert.equal(e.homeAgent.homeAgent.address, HA["ha-home-us"]); // tie broken by the serving region
    assert.equal(e.homeAgent.rule, "least-loaded");
    assert.ok(r.ok);
  });

  test("local HA assignment: at a serving MSP whose mobility agreement allows it, that MSP's HA serves", async () => {
    const id = await agreement({ kind: "mobility", fromProviderId: P.Campus, toProviderId: P.Home, allowLocalHomeAgent: true });
    const { e } = await explainThenBootstrap("erin", "campus.example");
    assert.equal(e.decision.kind, "split");
    assert.equal(e.decision.localMspProvider.name, "Campus");
    assert.ok(e.decision.agreementIds.includes(id));
    assert.equal(e.homeAgent.rule, "local");
    assert.equal(e.homeAgent.homeAgent.address, HA["ha-campus"]);
    // Elsewhere the home MSP serves as before.
    const away = await explainThenBootstrap("erin", "airport.example");
    assert.equal(away.e.decision.localMspProvider, null);
    assert.notEqual(away.e.homeAgent.homeAgent.address, HA["ha-campus"]);
  });

  test("split from an unknown network", async () => {
    const { e } = await explainThenBootstrap("dave", "");
    assert.equal(e.decision.kind, "split");
    assert.equal(e.servingProvider, null);
  });

  test("third-party MSP under a mobility agreement in force, then refused once the agreement is suspended", async () => {
    const refusedFirst = await explainThenBootstrap("bob", "hotspot.example");
    assert.equal(refusedFirst.e.outcome, "no_roaming_agreement");
    assert.equal(refusedFirst.e.decision.kind, "refused");
    assert.equal(refusedFirst.e.homeAgent, null);

    const id = await agreement({ kind: "mobility", fromProviderId: P.HostCo, toProviderId: P.Enterprise });
    const ok = await explainThenBootstrap("bob", "hotspot.example");
    assert.equal(ok.e.decision.kind, "third-party-msp");
    assert.equal(ok.e.decision.mspProvider.name, "HostCo");
    assert.deepEqual(ok.e.decision.agreementIds, [id]);
    assert.equal(ok.e.homeAgent.homeAgent.address, HA["ha-hostco"]);
    const considered = ok.e.agreements.find((a: { id: string }) => a.id === id);
    assert.equal(considered.inForce, true);
    assert.equal(considered.used, true);
    assert.equal(considered.fromProviderName, "HostCo");

    const s = await call(m.agreement.PATCH, "PATCH", `/api/v1/agreements/${id}`, { token: tokens[ADMIN], body: { status: "suspended" }, params: { id } });
    assert.equal(s.status, 200);
    const refused = await explainThenBootstrap("bob", "hotspot.example");
    assert.equal(refused.e.outcome, "no_roaming_agreement");
    assert.equal(refused.r.ok, false);
    assert.equal(refused.e.agreements.find((a: { id: string }) => a.id === id).state, "suspended");
    assert.ok(refused.e.because.some((b: string) => /no mobility agreement with an MSP is in force/.test(b)));
  });

  test("integrated ASP: at its own access network, and roaming in through a network-access agreement; an expired one does not count", async () => {
    const home = await explainThenBootstrap("carol", "cell.example");
    assert.equal(home.e.decision.kind, "integrated-asp");
    assert.equal(home.e.homeAgent.homeAgent.address, HA["ha-cell"]);
    // Roaming into the airport without a network-access agreement: split, not integrated.
    const split = await explainThenBootstrap("carol", "airport.example");
    assert.equal(split.e.decision.kind, "split");
    await agreement({ kind: "network-access", fromProviderId: P.Airport, toProviderId: P.Cellular, validFrom: new Date(Date.now() - 7200_000).toISOString(), validUntil: new Date(Date.now() - 3600_000).toISOString() });
    assert.equal((await explainThenBootstrap("carol", "airport.example")).e.decision.kind, "split");
    const na = await agreement({ kind: "network-access", fromProviderId: P.Airport, toProviderId: P.Cellular });
    const roaming = await explainThenBootstrap("carol", "airport.example");
    assert.equal(roaming.e.decision.kind, "integrated-asp");
    assert.ok(roaming.e.decision.agreementIds.includes(na));
  });

  test("a suspended subscriber: explain says subscriber_suspended, and so does the bootstrap", async () => {
    await m.db.subscriber.update({ where: { id: S.dave.id }, data: { status: "suspended", suspendedReason: "abuse report" } });
    const { e } = await explainThenBootstrap("dave", "airport.example");
    assert.equal(e.outcome, "subscriber_suspended");
    assert.match(e.because[0], /suspended \(abuse report\)/);
  });
});

describe("explain is read-only, scoped and validated", () => {
  test("explaining records no session, takes no nonce and assigns no home address", async () => {
    const before = {
      sessions: await m.db.bootstrapSession.count(),
      nonces: await m.db.replayNonce.count(),
      leases: await m.db.hoaLease.count(),
      audit: await m.db.auditEntry.count(),
    };
    for (const realm of ["airport.example", "", "hotspot.example"]) assert.equal((await explain(S.bob.id, realm)).status, 200);
    assert.equal((await explain(S.alice.id, "airport.example")).status, 200);
    assert.deepEqual(
      {
        sessions: await m.db.bootstrapSession.count(),
        nonces: await m.db.replayNonce.count(),
        leases: await m.db.hoaLease.count(),
        audit: await m.db.auditEntry.count(),
      },
      before,
    );
  });

  test("an operator can explain its own subscribers; others are 404", async () => {
    assert.equal((await explain(S.alice.id, "airport.example", tokens[OP_HOME])).status, 200);
    const r = await explain(S.bob.id, "airport.example", tokens[OP_HOME]);
    assert.equal(r.status, 404);
    assert.equal(r.json.error, "not_found");
    assert.equal((await explain("no-such-subscriber", "")).status, 404);
    // By NAI (realm in any ASCII case), with the same scope rule.
    const byNai = (nai: string, token: string) => call(m.explain.GET, "GET", "/api/v1/explain", { token, query: { nai, servingRealm: "airport.example" } });
    const mine = await byNai("alice@HOME.example", tokens[OP_HOME]);
    assert.equal(mine.status, 200);
    assert.equal(mine.json.subscriber.id, S.alice.id);
    assert.equal((await byNai("bob@corp.example", tokens[OP_HOME])).status, 404);
    assert.equal((await byNai("alic@home.example", tokens[ADMIN])).status, 404); // a prefix of a NAI is not that NAI
  });

  test("a malformed realm or a missing subscriberId is 422; no token is 401", async () => {
    const bad = await explain(S.alice.id, "not a realm");
    assert.equal(bad.status, 422);
    assert.ok(bad.json.fields.servingRealm);
    const missing = await call(m.explain.GET, "GET", "/api/v1/explain", { token: tokens[ADMIN], query: { servingRealm: "airport.example" } });
    assert.equal(missing.status, 422);
    assert.ok(missing.json.fields.subscriberId);
    assert.equal((await call(m.explain.GET, "GET", "/api/v1/explain", { query: { subscriberId: S.alice.id } })).status, 401);
  });
});
