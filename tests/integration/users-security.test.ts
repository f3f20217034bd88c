// User administration through /api/v1/users, the TOTP second factor at sign-in, and the sign-in rate
// limits (per source and per email, shared through the RateCounter table).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { call, setupDatabase } from "./api-helpers";
import { buildWorld, type World } from "./security-world";

let env: Awaited<ReturnType<typeof setupDatabase>>;
let w: World;

before(async () => {
  env = await setupDatabase("users-security");
  w = await buildWorld();
});
after(() => env.cleanup());

test("POST /users: generated initial password shown once, argon2id stored, forced change, never audited", async () => {
  const users = await import("@/app/api/v1/users/route");
  const one = await import("@/app/api/v1/users/[id]/route");
  const reset = await import("@/app/api/v1/users/[id]/reset-password/route");
  const { authenticate } = await import("@/lib/services/users");
  const created = await call(users.POST, "POST", "/api/v1/users", { token: w.users.admin.token, body: { email: "New.Op@Sec.Test", role: "operator", providerIds: [w.a.provider] } });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.email, "new.op@sec.test");
  assert.equal(created.json.mustChangePassword, true);
  assert.deepEqual(created.json.providerIds, [w.a.provider]);
  assert.match(created.json.password, /^[A-Za-z0-9_-]{24}$/);
  assert.equal(created.json.passwordHash, undefined);
  const row = await env.db.user.findUniqueOrThrow({ where: { id: created.json.id } });
  assert.match(row.passwordHash, /^\$argon2id\$/);
  const signedIn = await authenticate("new.op@sec.test", created.json.password);
  assert.equal(signedIn?.mustChangePassword, true);
  const got = await call(one.GET, "GET", "/x", { token: w.users.admin.token, params: { id: created.json.id } });
  assert.equal(got.json.password, undefined);

  const noProvider = await call(users.POST, "POST", "/api/v1/users", { token: w.users.admin.token, body: { email: "x@sec.test", role: "operator", providerIds: [] } });
  assert.equal(noProvider.status, 422);
  assert.ok(noProvider.json.fields.providerIds);
  const weak = await call(users.POST, "POST", "/api/v1/users", { token: w.users.admin.token, body: { email: "y@sec.test", role: "auditor", password: "password" } });
  assert.equal(weak.status, 422);
  const dup = await call(users.POST, "POST", "/api/v1/users", { token: w.users.admin.token, body: { email: "new.op@sec.test", role: "auditor" } });
  assert.equal(dup.status, 409);

  const r = await call(reset.POST, "POST", "/x", { token: w.users.admin.token, params: { id: created.json.id } });
  assert.equal(r.status, 200);
  assert.notEqual(r.json.password, created.json.password);
  assert.equal(await authenticate("new.op@sec.test", created.json.password), null, "the old password stops working");
  assert.ok(await authenticate("new.op@sec.test", r.json.password));

  const audit = await env.db.auditEntry.findMany({ where: { objectId: created.json.id } });
  assert.deepEqual(audit.map((a) => a.action).sort(), ["user.create", "user.password-reset"]);
  for (const a of audit) {
    assert.ok(!(a.changes ?? "").includes(created.json.password));
    assert.ok(!(a.changes ?? "").includes(r.json.password));
  }

  const disabled = await call(one.PATCH, "PATCH", "/x", { token: w.users.admin.token, params: { id: created.json.id }, body: { disabled: true } });
  assert.equal(disabled.json.disabled, true);
  assert.equal(await authenticate("new.op@sec.test", r.json.password), null, "a disabled user cannot sign in");
  assert.equal((await env.db.auditEntry.findFirstOrThrow({ where: { objectId: created.json.id }, orderBy: { seq: "desc" } })).action, "user.disable");
  const bad = await call(one.PATCH, "PATCH", "/x", { token: w.users.admin.token, params: { id: created.json.id }, body: { role: "root", extra: 1 } });
  assert.equal(bad.status, 422);
});

test("TOTP: enrolment needs the password and a valid code; then sign-in needs the code", async () => {
  const { startTotpEnrolment, confirmTotpEnrolment, removeTotp } = await import("@/lib/services/totp");
  const { openPendingTotp, totpAt } = await import("@/lib/auth/totp");
  const { authenticate } = await import("@/lib/services/users");
  const actor = w.users.opB.actor;
  const pw = "correct horse battery staple";
  const { pending, uri } = startTotpEnrolment(actor);
  assert.match(uri, /^otpauth:\/\/totp\//);
  const secret = openPendingTotp(pending, actor.userId);
  const now = new Date();
  await assert.rejects(confirmTotpEnrolment(actor, { pending, code: totpAt(secret, now), currentPassword: "wrong password!!" }), { status: 422 });
  await assert.rejects(confirmTotpEnrolment(actor, { pending, code: "000000" === totpAt(secret, now) ? "111111" : "000000", currentPassword: pw }), { status: 422 });
  await assert.rejects(confirmTotpEnrolment(w.users.opA.actor, { pending, code: totpAt(secret, now), currentPassword: pw }), { status: 422 }, "another user's enrolment does not open");
  await confirmTotpEnrolment(actor, { pending, code: totpAt(secret, now), currentPassword: pw });
  const stored = await env.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  assert.ok(stored.totpSecretEnc && !stored.totpSecretEnc.includes(secret.toString("hex")));

  assert.equal(await authenticate(actor.email, pw, now), null, "no code");
  assert.equal(await authenticate(actor.email, pw, now, "123456" === totpAt(secret, now) ? "654321" : "123456"), null, "wrong code");
  // A code is good once (tests/integration/totp-replay.test.ts): the enrolment spent this step's code.
  assert.equal(await authenticate(actor.email, pw, now, totpAt(secret, now)), null, "the enrolment's code is spent");
  const next = new Date(now.getTime() + 30_000);
  const later = new Date(now.getTime() + 60_000);
  assert.equal((await authenticate(actor.email, pw, next, totpAt(secret, next)))?.id, actor.userId);
  await removeTotp(actor, { code: totpAt(secret, later) }, later);
  assert.equal((await authenticate(actor.email, pw, now))?.id, actor.userId);
  // A lost device: an admin removes the factor (PATCH totpEnabled:false); enrolling through PATCH is refused.
  const again = startTotpEnrolment(actor);
  const secret2 = openPendingTotp(again.pending, actor.userId);
  await confirmTotpEnrolment(actor, { pending: again.pending, code: totpAt(secret2, now), currentPassword: pw });
  assert.equal(await authenticate(actor.email, pw, now), null);
  const one = await import("@/app/api/v1/users/[id]/route");
  assert.equal((await call(one.PATCH, "PATCH", "/x", { token: w.users.admin.token, params: { id: actor.userId }, body: { totpEnabled: true } })).status, 422);
  const removed = await call(one.PATCH, "PATCH", "/x", { token: w.users.admin.token, params: { id: actor.userId }, body: { totpEnabled: false } });
  assert.equal(removed.json.totpEnabled, false);
  assert.equal((await authenticate(actor.email, pw, now))?.id, actor.userId);
  const actions = (await env.db.auditEntry.findMany({ where: { objectId: actor.userId }, select: { action: true } })).map((a) => a.action);
  assert.ok(actions.includes("user.totp-enrol") && actions.includes("user.totp-remove"));
});

test("sign-in rate limits: per email and per source, counted in RateCounter, with a retry time", async () => {
  process.env.SIGNIN_RATE_PER_EMAIL = "3";
  process.env.SIGNIN_RATE_PER_SOURCE = "5";
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { checkSignInRate } = await import("@/lib/auth/sign-in-rate-limit");
  const now = new Date("2030-01-01T00:00:10Z");
  const results = [];
  for (let i = 0; i < 4; i++) results.push(await checkSignInRate({ email: "victim@sec.test", sourceAddress: `198.51.100.${i}`, now }));
  assert.deepEqual(results.map((r) => r.limited), [false, false, false, true]);
  assert.deepEqual(results[3], { limited: true, retryAfterSeconds: 50, by: "email" });
  const fromOne = [];
  for (let i = 0; i < 6; i++) fromOne.push(await checkSignInRate({ email: `u${i}@sec.test`, sourceAddress: "203.0.113.9", now }));
  assert.deepEqual(fromOne.map((r) => r.limited), [false, false, false, false, false, true]);
  // the next window starts afresh
  assert.equal((await checkSignInRate({ email: "victim@sec.test", sourceAddress: "198.51.100.77", now: new Date("2030-01-01T00:01:00Z") })).limited, false);
  delete process.env.SIGNIN_RATE_PER_EMAIL;
  delete process.env.SIGNIN_RATE_PER_SOURCE;
  resetEnvCache();
});

test("bootstrap rate limit answers 429 rate_limited + Retry-After before parsing or any key work", async () => {
  process.env.BOOTSTRAP_RATE_PER_NAI = "2";
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  try {
    const { handleBootstrap } = await import("@/lib/bootstrap/handle-bootstrap");
    // A body that names a NAI but is otherwise garbage: without the limit it is refused as malformed
    // (and an unknown NAI never reaches the credentials); over the limit the answer is 429 instead,
    // so the limit runs first and costs one counter upsert.
    const junk = { nai: "flood@a.example.net", mac: "not-a-mac", timestamp: "never" };
    const statuses = [];
    let last: Awaited<ReturnType<typeof handleBootstrap>> | null = null;
    for (let i = 0; i < 3; i++) {
      last = await handleBootstrap(junk, { sourceAddress: `2001:db8:99::${i}` });
      statuses.push(last.status);
    }
    assert.notEqual(statuses[0], 429);
    assert.notEqual(statuses[1], 429);
    assert.equal(statuses[2], 429);
    assert.equal(last?.body.error, "rate_limited");
    assert.match(last?.headers?.["Retry-After"] ?? "", /^\d+$/);
  } finally {
    delete process.env.BOOTSTRAP_RATE_PER_NAI;
    resetEnvCache();
  }
});

test("the per-NAI bootstrap limit counts every spelling of the realm as the same NAI (status endpoint too)", async () => {
  process.env.BOOTSTRAP_RATE_PER_NAI = "2";
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  try {
    const { handleBootstrap, handleStatus } = await import("@/lib/bootstrap/handle-bootstrap");
    const spellings = ["spell@a.example.net", "spell@A.Example.NET", "spell@a.EXAMPLE.net"];
    const statuses = [];
    for (const nai of spellings) statuses.push((await handleBootstrap({ nai, mac: "x" }, { sourceAddress: "2001:db8:98::1" })).status);
    assert.deepEqual(statuses.map((s) => s === 429), [false, false, true], `statuses ${statuses}`);
    const st = [];
    for (const nai of spellings) st.push((await handleStatus({ nai, mac: "x" }, { sourceAddress: "2001:db8:98::2" })).status);
    assert.deepEqual(st.map((s) => s === 429), [false, false, true], `status endpoint ${st}`);
    // The user part stays case-sensitive (RFC 7542): another user is another count.
    assert.notEqual((await handleBootstrap({ nai: "SPELL@a.example.net", mac: "x" }, { sourceAddress: "2001:db8:98::3" })).status, 429);
  } finally {
    delete process.env.BOOTSTRAP_RATE_PER_NAI;
    resetEnvCache();
  }
});

test("a password reset revokes the user's API tokens (a stolen token must not outlive it, nor mint new ones)", async () => {
  const { systemActor } = await import("@/lib/auth/actor");
  const { createUser, resetUserPassword } = await import("@/lib/services/user-admin");
  const { createApiToken, authenticateBearer } = await import("@/lib/auth/api-token");
  const sys = systemActor("test");
  const u = await createUser(sys, { email: "reset-tokens@sec.test", role: "auditor", password: "correct horse battery staple" });
  const other = await createUser(sys, { email: "keeps-tokens@sec.test", role: "auditor", password: "correct horse battery staple" });
  const t1 = await createApiToken(sys, { userId: u.id, name: "one" });
  const t2 = await createApiToken(sys, { userId: u.id, name: "two" });
  const t3 = await createApiToken(sys, { userId: other.id, name: "other" });
  const req = (token: string) => new Request("http://console.test/api/v1/subscribers", { headers: { authorization: `Bearer ${token}` } });
  assert.equal((await authenticateBearer(req(t1.token)))?.userId, u.id);
  await resetUserPassword(sys, u.id);
  assert.equal(await authenticateBearer(req(t1.token)), null);
  assert.equal(await authenticateBearer(req(t2.token)), null);
  assert.equal((await authenticateBearer(req(t3.token)))?.userId, other.id, "other users' tokens untouched");
});
