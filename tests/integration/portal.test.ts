// The subscriber self-service portal against a real SQLite database: invites (single use, expiry, scope),
// sign-in with the NAI and a portal password (generic failure, per-NAI lock), the portal session (its
// cookie is refused by every operator gate), isolation (every portal read shows only the session's own
// subscriber), and the subscriber's own actions (rotate: the new secret bootstraps and the old is refused;
// re-bootstrap request), each audited as subscriber:<nai>.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("portal");
  return {
    env,
    db: env.db,
    actor: await import("@/lib/auth/actor"),
    apiToken: await import("@/lib/auth/api-token"),
    options: await import("@/lib/auth/options"),
    cookie: await import("@/lib/auth/portal-cookie"),
    portal: await import("@/lib/services/portal"),
    data: await import("@/lib/data/portal"),
    fx: await import("./bootstrap-fixtures"),
    mn: await import("@/lib/mn/client"),
    inProcess: await import("@/lib/mn/in-process"),
    errors: await import("@/lib/errors"),
    inviteRoute: await import("@/app/api/v1/subscribers/[id]/portal-invite/route"),
    subscribersRoute: await import("@/app/api/v1/subscribers/route"),
    proxy: await import("@/proxy"),
    nextServer: await import("next/server"),
    jwt: await import("next-auth/jwt"),
  };
}

let m: Awaited<ReturnType<typeof load>>;
type Sub = { id: string; nai: string; secret: Buffer; secretText: string };
let home: { id: string };
let other: { id: string };
let alice: Sub; // the portal user under test
let bob: Sub; // another subscriber of the same provider: must never show through alice's session
let carol: Sub; // a subscriber of another provider
let adminToken: string;
const PASSWORD = "alice portal password 1";

const adminActor = () => ({ kind: "user" as const, userId: "admin-id", email: "admin@portal.test", role: "admin" as const, providerIds: [] });
const operatorOf = (providerId: string) => ({ kind: "user" as const, userId: `op-${providerId}`, email: `op@${providerId}.test`, role: "operator" as const, providerIds: [providerId] });
const auditor = () => ({ kind: "user" as const, userId: "aud", email: "aud@portal.test", role: "auditor" as const, providerIds: [] });

async function bootstrapWith(nai: string, secret: Buffer | string) {
  return m.mn.bootstrap({ transport: m.inProcess.inProcessTransport(), nai, secret, servingRealm: "home.example" });
}

async function invitedAndSet(sub: Sub, password: string): Promise<string> {
  const { token } = await m.portal.createPortalInvite(adminActor(), sub.id);
  await m.portal.acceptPortalInvite(token, { password, confirmPassword: password });
  const signed = await m.portal.authenticateSubscriber(sub.nai, password);
  assert.ok(signed);
  return m.portal.portalSessionValue(signed);
}

before(async () => {
  m = await load();
  home = await m.fx.createProvider("Home Mobility", ["ASP", "ASA", "MSP", "MSA"], [{ name: "home.example" }]);
  other = await m.fx.createProvider("Other Mobility", ["ASP", "ASA", "MSP", "MSA"], [{ name: "other.example" }]);
  const visited = await m.fx.createProvider("Visited Access", ["ASP"], [{ name: "visited.example" }, { name: "airport.visited.example" }]);
  const expired = await m.fx.createProvider("Expired Access", ["ASP"], [{ name: "expired.example" }]);
  const thirdMsp = await m.fx.createProvider("Third MSP", ["MSP"], [{ name: "third.example" }]);
  await m.fx.createHomeAgent(home.id, { name: "ha1", fqdn: "ha1.home.example", address: "2001:db8:10::1", region: "eu", prefixes: ["2001:db8:10::/64"] });
  await m.fx.createHomeAgent(other.id, { name: "ha-o", fqdn: "ha.other.example", address: "2001:db8:20::1", region: "eu", prefixes: ["2001:db8:20::/64"] });
  alice = await m.fx.createSubscriber("alice@home.example", home.id);
  bob = await m.fx.createSubscriber("bob@home.example", home.id);
  carol = await m.fx.createSubscriber("carol@other.example", other.id);
  await m.db.subscriber.updateMany({ where: { id: { in: [alice.id, bob.id] } }, data: { asaProviderId: home.id } });
  await m.db.subscriber.update({ where: { id: carol.id }, data: { asaProviderId: other.id } });
  const now = Date.now();
  const agreements = [
    { kind: "network-access", fromProviderId: visited.id, toProviderId: home.id, status: "active", validFrom: new Date(now - 86400_000), validUntil: null },
    { kind: "network-access", fromProviderId: expired.id, toProviderId: home.id, status: "active", validFrom: new Date(now - 10 * 86400_000), validUntil: new Date(now - 86400_000) },
    { kind: "mobility", fromProviderId: thirdMsp.id, toProviderId: home.id, status: "suspended", validFrom: new Date(now - 86400_000), validUntil: null },
    { kind: "network-access", fromProviderId: visited.id, toProviderId: other.id, status: "active", validFrom: new Date(now - 86400_000), validUntil: null },
  ];
  for (const a of agreements) await m.db.agreement.create({ data: a });
  for (const s of [alice, bob, carol]) {
    const r = await m.mn.bootstrap({ transport: m.inProcess.inProcessTransport(), nai: s.nai, secret: s.secret, servingRealm: s === carol ? "other.example" : "home.example" });
    assert.equal(r.ok, true, JSON.stringify(r));
  }
  const user = await m.db.user.create({ data: { email: "admin@portal.test", passwordHash: "x", role: "admin" }, select: { id: true } });
  adminToken = (await m.apiToken.createApiToken(m.actor.systemActor("test"), { userId: user.id, name: "t" })).token;
});

after(async () => {
  await m.env.cleanup();
});

describe("invites", () => {
  test("an invite sets the password once; the link is then dead", async () => {
    const { token, path, expiresAt } = await m.portal.createPortalInvite(adminActor(), alice.id);
    assert.equal(path, `/portal/invite/${token}`);
    const days = (Date.parse(expiresAt) - Date.now()) / 86400_000;
    assert.ok(days > 6.99 && days <= 7, `expires in 7 days, got ${days}`);
    const stored = await m.db.portalInvite.findMany({ where: { subscriberId: alice.id }, select: { tokenHash: true } });
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0].tokenHash, token, "only the hash is stored");
    assert.deepEqual(await m.portal.describePortalInvite(token), { nai: alice.nai, expiresAt });

    await assert.rejects(m.portal.acceptPortalInvite(token, { password: "short", confirmPassword: "short" }), (e: unknown) => {
      assert.ok(e instanceof m.errors.ValidationError);
      assert.ok(e.fields?.password);
      return true;
    });
    await assert.rejects(m.portal.acceptPortalInvite(token, { password: PASSWORD, confirmPassword: PASSWORD + "x" }), m.errors.ValidationError);
    assert.deepEqual(await m.portal.acceptPortalInvite(token, { password: PASSWORD, confirmPassword: PASSWORD }), { subscriberId: alice.id, nai: alice.nai });
    await assert.rejects(m.portal.acceptPortalInvite(token, { password: "another password 22", confirmPassword: "another password 22" }), (e: unknown) => m.errors.isAppError(e) && e.status === 404);
    assert.equal(await m.portal.describePortalInvite(token), null);
    assert.ok(await m.portal.authenticateSubscriber(alice.nai, PASSWORD), "the first password stands");
    assert.equal(await m.portal.authenticateSubscriber(alice.nai, "another password 22"), null);
    const audit = await m.db.auditEntry.findMany({ where: { objectId: alice.id, action: { in: ["subscriber.portal-invite", "subscriber.portal-password-set"] } }, orderBy: { seq: "asc" } });
    assert.deepEqual(audit.map((a) => [a.action, a.actor]), [["subscriber.portal-invite", "admin@portal.test"], ["subscriber.portal-password-set", `subscriber:${alice.nai}`]]);
    assert.ok(!audit.some((a) => (a.changes ?? "").includes(token) || (a.changes ?? "").includes(PASSWORD)));
  });

  test("an expired invite is refused; a new invite replaces an unused older one", async () => {
    const old = await m.portal.createPortalInvite(adminActor(), bob.id, new Date(Date.now() - 8 * 86400_000));
    assert.equal(await m.portal.describePortalInvite(old.token), null);
    await assert.rejects(m.portal.acceptPortalInvite(old.token, { password: "bob portal password", confirmPassword: "bob portal password" }), (e: unknown) => m.errors.isAppError(e) && e.status === 404);
    const first = await m.portal.createPortalInvite(adminActor(), bob.id);
    const second = await m.portal.createPortalInvite(adminActor(), bob.id);
    assert.equal(await m.portal.describePortalInvite(first.token), null);
    assert.ok(await m.portal.describePortalInvite(second.token));
    assert.equal(await m.db.subscriber.findUnique({ where: { id: bob.id }, select: { portalPasswordHash: true } }).then((s) => s?.portalPasswordHash), null);
  });

  test("two racing uses of one invite: exactly one succeeds", async () => {
    const { token } = await m.portal.createPortalInvite(adminActor(), carol.id);
    const results = await Promise.allSettled(["carol password one", "carol password two"].map((p) => m.portal.acceptPortalInvite(token, { password: p, confirmPassword: p })));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
  });

  test("operators invite only in their scope; auditors not at all; the API answers 201 once per token", async () => {
    await assert.rejects(m.portal.createPortalInvite(operatorOf(other.id), alice.id), m.errors.NotFoundError);
    await assert.rejects(m.portal.createPortalInvite(auditor(), alice.id), m.errors.ForbiddenError);
    assert.ok((await m.portal.createPortalInvite(operatorOf(home.id), bob.id)).token.startsWith("pi_"));
    const res = await call(m.inviteRoute.POST, "POST", `/api/v1/subscribers/${bob.id}/portal-invite`, { token: adminToken, params: { id: bob.id } });
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.token, /^pi_[A-Za-z0-9_-]{43}$/);
    assert.equal(res.json.path, `/portal/invite/${res.json.token}`);
    const unauth = await call(m.inviteRoute.POST, "POST", `/api/v1/subscribers/${bob.id}/portal-invite`, { params: { id: bob.id } });
    assert.equal(unauth.status, 401);
  });
});

describe("sign-in", () => {
  test("the NAI in any realm case signs in; wrong or unknown details get the same null", async () => {
    const ok = await m.portal.authenticateSubscriber("alice@HOME.Example", PASSWORD);
    assert.equal(ok?.id, alice.id);
    assert.equal(await m.portal.authenticateSubscriber("ALICE@home.example", PASSWORD), null, "the user part is case-sensitive");
    assert.equal(await m.portal.authenticateSubscriber(alice.nai, PASSWORD + "!"), null);
    assert.equal(await m.portal.authenticateSubscriber("nobody@home.example", PASSWORD), null);
    assert.equal(await m.portal.authenticateSubscriber("not an nai", PASSWORD), null);
    assert.equal(await m.portal.authenticateSubscriber(bob.nai, ""), null, "no portal password set yet");
  });

  test("five failures lock the NAI, even against the right password, then it unlocks", async () => {
    const sub = await m.fx.createSubscriber("locky@home.example", home.id);
    await invitedAndSet(sub, "locky portal password");
    const t0 = new Date();
    for (let i = 0; i < m.portal.PORTAL_MAX_FAILED_LOGINS; i++) assert.equal(await m.portal.authenticateSubscriber(sub.nai, "wrong password here", t0), null);
    assert.equal(await m.portal.authenticateSubscriber(sub.nai, "locky portal password", t0), null, "locked");
    const lockAudit = await m.db.auditEntry.findFirst({ where: { objectId: sub.id, action: "subscriber.portal-lock" } });
    assert.ok(lockAudit);
    const later = new Date(t0.getTime() + (m.portal.PORTAL_LOCK_MINUTES + 1) * 60_000);
    assert.equal((await m.portal.authenticateSubscriber(sub.nai, "locky portal password", later))?.id, sub.id);
  });
});

describe("portal session", () => {
  test("a session names its subscriber; forged, expired or pre-password-change sessions do not", async () => {
    const signed = await m.portal.authenticateSubscriber(alice.nai, PASSWORD);
    assert.ok(signed);
    const value = m.portal.portalSessionValue(signed);
    assert.equal((await m.portal.subscriberOfSession(value))?.id, alice.id);
    const [payload, sig] = value.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sid: bob.id })).toString("base64url");
    assert.equal(await m.portal.subscriberOfSession(`${forged}.${sig}`), null);
    assert.equal(await m.portal.subscriberOfSession(value, new Date(Date.now() + (m.cookie.PORTAL_SESSION_SECONDS + 5) * 1000)), null);
    // A new password (through a new invite) ends older sessions.
    const sub = await m.fx.createSubscriber("rotating-pw@home.example", home.id);
    const before = await invitedAndSet(sub, "first portal password");
    assert.equal((await m.portal.subscriberOfSession(before))?.id, sub.id);
    await invitedAndSet(sub, "second portal password");
    assert.equal(await m.portal.subscriberOfSession(before), null);
  });

  test("the operator side refuses a subscriber session: next-auth, bearer auth, /api/v1 and the page gate", async () => {
    const signed = await m.portal.authenticateSubscriber(alice.nai, PASSWORD);
    const value = m.portal.portalSessionValue(signed!);
    // requireUser reads only next-auth's session token: the portal value is not one.
    assert.equal(await m.jwt.decode({ token: value, secret: m.options.nextAuthSecret() }).catch(() => null), null);
    // Bearer auth and the API wrapper: 401 with the portal cookie, and with the value as a bearer token.
    const cookie = `${m.cookie.PORTAL_COOKIE}=${value}`;
    assert.equal(await m.apiToken.authenticateBearer(new Request("http://console.test/api/v1/subscribers", { headers: { cookie, authorization: `Bearer ${value}` } })), null);
    const list = await call(m.subscribersRoute.GET, "GET", "/api/v1/subscribers", { headers: { cookie } });
    assert.equal(list.status, 401);
    const asBearer = await call(m.subscribersRoute.GET, "GET", "/api/v1/subscribers", { headers: { authorization: `Bearer ${value}` } });
    assert.equal(asBearer.status, 401);
    // The page gate sends a portal-only browser to the operator sign-in.
    const res = await m.proxy.proxy(new m.nextServer.NextRequest("http://console.test/subscribers", { headers: { cookie } }));
    assert.equal(res.status, 307);
    assert.equal(new URL(res.headers.get("location")!).pathname, "/signin");
  });
});

describe("isolation", () => {
  test("every portal read with alice's session shows alice and nothing of bob or carol", async () => {
    const session = await m.portal.subscriberOfSession(m.portal.portalSessionValue((await m.portal.authenticateSubscriber(alice.nai, PASSWORD))!));
    assert.ok(session);
    const overview = await m.data.getPortalOverview(session.id);
    const sessions = await m.data.listPortalSessions(session.id);
    const roaming = await m.data.listPortalRoaming(session.id);
    const config = await m.data.getPortalMnConfig(session.id, "https://console.example");
    const lease = (id: string) => m.db.hoaLease.findUnique({ where: { subscriberId: id }, select: { address: true } }).then((l) => l!.address);
    assert.equal(overview.nai, alice.nai);
    assert.equal(overview.homeAddress, await lease(alice.id));
    assert.deepEqual(overview.homeAgent, { name: "ha1", address: "2001:db8:10::1", fqdn: "ha1.home.example" });
    assert.equal(overview.homePrefix, "2001:db8:10::/64");
    assert.ok(sessions.items.length >= 1);
    assert.ok(sessions.items.every((s) => s.homeAddress === null || s.homeAddress === overview.homeAddress));
    const rows = await m.db.bootstrapSession.findMany({ where: { subscriberId: alice.id }, select: { id: true } });
    assert.deepEqual(sessions.items.map((s) => s.id).sort(), rows.map((r) => r.id).sort());
    const everything = JSON.stringify({ overview, sessions, roaming, config });
    for (const s of [bob, carol]) {
      assert.ok(!everything.includes(s.nai), `${s.nai} leaked`);
      assert.ok(!everything.includes(await lease(s.id)), `${s.nai}'s HoA leaked`);
    }
    for (const secret of [alice.secretText, bob.secretText, carol.secretText]) assert.ok(!everything.includes(secret));
    assert.ok(!/secret"\s*:/.test(JSON.stringify(config)));
    assert.deepEqual(config, {
      nai: alice.nai,
      bootstrapUrl: "https://console.example/api/bootstrap/v1",
      homeAgent: { address: "2001:db8:10::1", fqdn: "ha1.home.example" },
      homePrefix: "2001:db8:10::/64",
      homeAddress: overview.homeAddress,
      homeAddressMode: "dynamic",
      ike: { idi: alice.nai, idr: "ha1.home.example" },
      note: config.note,
    });
  });

  test("roaming lists only agreements in force that apply: network-access into its ASA, mobility with its MSA", async () => {
    const roaming = await m.data.listPortalRoaming(alice.id);
    assert.deepEqual(roaming.map((r) => [r.kind, r.providerName, r.realms]), [["network-access", "Visited Access", ["airport.visited.example", "visited.example"]]]);
    // A mobility agreement that comes into force shows up at once (judged at request time).
    const third = await m.db.provider.findUnique({ where: { name: "Third MSP" }, select: { id: true } });
    await m.db.agreement.updateMany({ where: { fromProviderId: third!.id }, data: { status: "active" } });
    assert.deepEqual((await m.data.listPortalRoaming(alice.id)).map((r) => r.kind).sort(), ["mobility", "network-access"]);
    assert.deepEqual((await m.data.listPortalRoaming(carol.id)).map((r) => r.providerName), ["Visited Access"], "carol sees her own ASA's agreement only");
  });

  test("sessions page through the subscriber's own rows only", async () => {
    for (let i = 0; i < 11; i++) assert.equal((await bootstrapWith(bob.nai, bob.secret)).ok, true);
    const p1 = await m.data.listPortalSessions(bob.id);
    assert.equal(p1.items.length, m.data.PORTAL_SESSIONS_PAGE);
    assert.ok(p1.nextCursor);
    const p2 = await m.data.listPortalSessions(bob.id, p1.nextCursor!);
    assert.equal(p1.items.length + p2.items.length, 12);
    assert.equal(p2.nextCursor, null);
    assert.equal(new Set([...p1.items, ...p2.items].map((s) => s.id)).size, 12);
    // A cursor taken from bob's list does not open anything of bob's through alice's id.
    const viaAlice = await m.data.listPortalSessions(alice.id, p1.nextCursor!);
    const bobIds = new Set((await m.db.bootstrapSession.findMany({ where: { subscriberId: bob.id }, select: { id: true } })).map((r) => r.id));
    assert.ok(viaAlice.items.every((s) => !bobIds.has(s.id)));
  });
});

describe("subscriber actions", () => {
  test("rotating the secret: the new one bootstraps, the old one is refused, the audit names the subscriber", async () => {
    const s = (await m.portal.subscriberOfSession(m.portal.portalSessionValue((await m.portal.authenticateSubscriber(alice.nai, PASSWORD))!)))!;
    const { secret } = await m.portal.portalRotateSecret(s);
    assert.notEqual(secret, alice.secretText);
    const old = await bootstrapWith(alice.nai, alice.secret);
    assert.equal(old.ok, false);
    assert.equal(!old.ok && old.error, "authentication_failed");
    assert.equal((await bootstrapWith(alice.nai, secret)).ok, true);
    assert.equal((await bootstrapWith(bob.nai, bob.secret)).ok, true, "bob's secret is untouched");
    const entry = await m.db.auditEntry.findFirst({ where: { objectId: alice.id, action: "subscriber.rotate-secret" }, orderBy: { seq: "desc" } });
    assert.equal(entry?.actor, `subscriber:${alice.nai}`);
    assert.ok(!(entry?.changes ?? "").includes(secret));
  });

  test("asking for a re-bootstrap flags only itself (reason admin), audited as the subscriber", async () => {
    const s = (await m.portal.subscriberOfSession(m.portal.portalSessionValue((await m.portal.authenticateSubscriber(alice.nai, PASSWORD))!)))!;
    await m.portal.portalRequestRebootstrap(s);
    const flags = await m.db.subscriber.findMany({ where: { id: { in: [alice.id, bob.id, carol.id] } }, select: { id: true, rebootstrapRequired: true, rebootstrapReason: true } });
    assert.deepEqual(flags.find((f) => f.id === alice.id), { id: alice.id, rebootstrapRequired: true, rebootstrapReason: "admin" });
    assert.ok(flags.filter((f) => f.id !== alice.id).every((f) => !f.rebootstrapRequired));
    const entry = await m.db.auditEntry.findFirst({ where: { objectId: alice.id, action: "subscriber.rebootstrap" }, orderBy: { seq: "desc" } });
    assert.equal(entry?.actor, `subscriber:${alice.nai}`);
  });

  test("a suspended subscriber signs in and sees why, but cannot rotate or ask for a re-bootstrap", async () => {
    const sub = await m.fx.createSubscriber("paused@home.example", home.id);
    await invitedAndSet(sub, "paused portal password");
    await m.db.subscriber.update({ where: { id: sub.id }, data: { status: "suspended", suspendedReason: "unpaid invoice" } });
    const signed = await m.portal.authenticateSubscriber(sub.nai, "paused portal password");
    assert.ok(signed);
    const s = (await m.portal.subscriberOfSession(m.portal.portalSessionValue(signed)))!;
    assert.equal(s.suspendedReason, "unpaid invoice");
    assert.equal((await m.data.getPortalOverview(s.id)).suspendedReason, "unpaid invoice");
    await assert.rejects(m.portal.portalRotateSecret(s), m.errors.ForbiddenError);
    await assert.rejects(m.portal.portalRequestRebootstrap(s), m.errors.ForbiddenError);
    assert.equal((await bootstrapWith(sub.nai, sub.secret)).ok, false, "suspended (the bootstrap refuses it anyway)");
    assert.equal((await m.db.credential.findFirst({ where: { subscriberId: sub.id }, select: { rotatedAt: true } }))?.rotatedAt, null);
  });
});
