// Operator authentication against a real database: first admin, argon2id hashes, lockout, password change.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";

let env: Awaited<ReturnType<typeof setupDatabase>>;
delete process.env.CONSOLE_ADMIN_PASSWORD;
delete process.env.CONSOLE_ADMIN_EMAIL;
delete process.env.NEXTAUTH_SECRET;

// Loaded after DATABASE_URL is set (getDb() reads it on first use).
const load = async () => ({
  db: await import("@/lib/db/client"),
  envMod: await import("@/lib/env"),
  password: await import("@/lib/auth/password"),
  firstAdmin: await import("@/lib/auth/first-admin"),
  users: await import("@/lib/services/users"),
  options: await import("@/lib/auth/options"),
  errors: await import("@/lib/errors"),
  box: await import("@/lib/crypto/secret-box"),
});
let m: Awaited<ReturnType<typeof load>>;
const getDb = () => m.db.getDb();
const resetEnvCache = () => m.envMod.resetEnvCache();
const ensureFirstAdmin = () => m.firstAdmin.ensureFirstAdmin();

const WELL_KNOWN = ["admin", "password", "changeme", "admin123", "123456789012", "password1234", "Password1234", ""];

before(async () => {
  env = await setupDatabase("auth", { keyFile: true });
  m = await load();
});

after(async () => {
  await env.cleanup();
});

describe("password hashing", () => {
  test("hashes are argon2id and verify only the right password", async () => {
    const h = await m.password.hashPassword("correct horse battery staple");
    assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await m.password.verifyPassword(h, "correct horse battery staple"), true);
    assert.equal(await m.password.verifyPassword(h, "correct horse battery stapl"), false);
    assert.equal(await m.password.verifyPassword(h, ""), false);
    assert.equal(await m.password.verifyPassword("not-a-hash", "anything"), false);
    const h2 = await m.password.hashPassword("correct horse battery staple");
    assert.notEqual(h2, h, "each hash has its own salt");
  });

  test("policy refuses short and well-known passwords", () => {
    assert.notEqual(m.password.passwordProblem("short"), null);
    assert.notEqual(m.password.passwordProblem("password1234"), null);
    assert.notEqual(m.password.passwordProblem("aaaaaaaaaaaaaaaa"), null);
    assert.equal(m.password.passwordProblem("tangerine-orbit-57"), null);
  });
});

describe("first admin", () => {
  let generated = "";

  test("generates a strong password when none is configured, once", async () => {
    resetEnvCache();
    const r = await ensureFirstAdmin();
    assert.equal(r.created, true);
    assert.ok(r.created);
    assert.equal(r.email, "admin@localhost");
    assert.equal(r.mustChangePassword, true);
    assert.ok(r.generatedPassword && r.generatedPassword.length >= 24);
    generated = r.generatedPassword;

    const row = await getDb().user.findUniqueOrThrow({ where: { email: "admin@localhost" } });
    assert.equal(row.role, "admin");
    assert.equal(row.mustChangePassword, true);
    assert.match(row.passwordHash, /^\$argon2id\$/);
    assert.equal(row.passwordHash.includes(generated), false);

    const again = await ensureFirstAdmin();
    assert.deepEqual(again, { created: false });
    assert.equal(await getDb().user.count(), 1);
    const audit = await getDb().auditEntry.findFirst({ where: { action: "user.create", objectId: row.id } });
    assert.ok(audit, "creation is audited");
    assert.equal(audit.changes?.includes(generated), false, "the password never reaches the audit log");
  });

  test("no well-known password signs the admin in; the generated one does", async () => {
    for (const pw of WELL_KNOWN) {
      assert.equal(await m.users.authenticate("admin@localhost", pw), null, `password ${JSON.stringify(pw)} must fail`);
    }
    // Those failures locked the account; unlock to test the right password.
    await getDb().user.update({ where: { email: "admin@localhost" }, data: { failedLogins: 0, lockedUntil: null } });
    const u = await m.users.authenticate("  Admin@LOCALHOST ", generated);
    assert.ok(u);
    assert.equal(u.role, "admin");
    assert.equal(u.mustChangePassword, true);
  });

  test("two start-ups with different generated passwords never create two admins", async () => {
    await getDb().auditEntry.deleteMany({});
    await getDb().user.deleteMany({});
    resetEnvCache();
    const results = await Promise.all([ensureFirstAdmin(), ensureFirstAdmin(), ensureFirstAdmin()]);
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(await getDb().user.count(), 1);
  });

  test("a configured password is used as is and needs no change; a weak one is refused", async () => {
    await getDb().auditEntry.deleteMany({});
    await getDb().user.deleteMany({});
    process.env.CONSOLE_ADMIN_PASSWORD = "admin";
    resetEnvCache();
    await assert.rejects(ensureFirstAdmin(), /CONSOLE_ADMIN_PASSWORD/);
    assert.equal(await getDb().user.count(), 0);

    process.env.CONSOLE_ADMIN_PASSWORD = "configured-secret-42";
    process.env.CONSOLE_ADMIN_EMAIL = "ops@example.net";
    resetEnvCache();
    const r = await ensureFirstAdmin();
    assert.deepEqual(r, { created: true, email: "ops@example.net", generatedPassword: null, mustChangePassword: false });
    assert.ok(await m.users.authenticate("ops@example.net", "configured-secret-42"));
    delete process.env.CONSOLE_ADMIN_PASSWORD;
    delete process.env.CONSOLE_ADMIN_EMAIL;
    resetEnvCache();
  });
});

describe("sign-in lock and password change", () => {
  test("locks after repeated failures, even for the right password, then unlocks", async () => {
    const u = await getDb().user.findUniqueOrThrow({ where: { email: "ops@example.net" } });
    const t0 = new Date();
    for (let i = 0; i < m.users.MAX_FAILED_LOGINS; i++) assert.equal(await m.users.authenticate(u.email, "wrong-password-x", t0), null);
    const locked = await getDb().user.findUniqueOrThrow({ where: { id: u.id } });
    assert.ok(locked.lockedUntil && locked.lockedUntil > t0);
    assert.equal(await m.users.authenticate(u.email, "configured-secret-42", t0), null, "locked: even the right password fails");
    const later = new Date(t0.getTime() + (m.users.LOCK_MINUTES + 1) * 60_000);
    assert.ok(await m.users.authenticate(u.email, "configured-secret-42", later));
    const cleared = await getDb().user.findUniqueOrThrow({ where: { id: u.id } });
    assert.equal(cleared.failedLogins, 0);
    assert.equal(cleared.lockedUntil, null);
  });

  test("disabled users and unknown emails cannot sign in", async () => {
    assert.equal(await m.users.authenticate("nobody@example.net", "configured-secret-42"), null);
    await getDb().user.update({ where: { email: "ops@example.net" }, data: { disabled: true } });
    assert.equal(await m.users.authenticate("ops@example.net", "configured-secret-42"), null);
    await getDb().user.update({ where: { email: "ops@example.net" }, data: { disabled: false } });
  });

  test("changePassword checks the current one and the policy, with field errors", async () => {
    const u = await getDb().user.findUniqueOrThrow({ where: { email: "ops@example.net" } });
    await getDb().user.update({ where: { id: u.id }, data: { mustChangePassword: true } });
    const actor = { kind: "user" as const, userId: u.id, email: u.email, role: "admin" as const, providerIds: [] };
    const fieldsOf = async (input: unknown) => {
      try {
        await m.users.changePassword(actor, input);
      } catch (e) {
        assert.ok(e instanceof m.errors.ValidationError);
        return Object.keys(e.fields ?? {}).sort();
      }
      assert.fail("expected a ValidationError");
    };
    assert.deepEqual(await fieldsOf({ currentPassword: "configured-secret-42", newPassword: "short", confirmPassword: "short" }), ["newPassword"]);
    assert.deepEqual(
      await fieldsOf({ currentPassword: "configured-secret-42", newPassword: "configured-secret-42", confirmPassword: "configured-secret-42" }),
      ["newPassword"],
    );
    assert.deepEqual(await fieldsOf({ currentPassword: "configured-secret-42", newPassword: "a-brand-new-pass", confirmPassword: "other" }), ["confirmPassword"]);
    assert.deepEqual(await fieldsOf({ currentPassword: "wrong-current-pw", newPassword: "a-brand-new-pass", confirmPassword: "a-brand-new-pass" }), ["currentPassword"]);

    await m.users.changePassword(actor, { currentPassword: "configured-secret-42", newPassword: "a-brand-new-pass", confirmPassword: "a-brand-new-pass" });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: u.id } });
    assert.equal(row.mustChangePassword, false);
    assert.equal(await m.users.authenticate(u.email, "configured-secret-42"), null);
    assert.ok(await m.users.authenticate(u.email, "a-brand-new-pass"));
  });
});

describe("next-auth secret", () => {
  test("derived from the data key when NEXTAUTH_SECRET is unset: stable, 32 bytes, not the key", async () => {
    const a = m.options.nextAuthSecret();
    assert.equal(a, m.options.nextAuthSecret());
    assert.equal(Buffer.from(a, "base64url").length, 32);
    assert.notEqual(a, m.box.dataKey().toString("base64url"));
    process.env.NEXTAUTH_SECRET = "from-the-environment";
    assert.equal(m.options.nextAuthSecret(), "from-the-environment");
    delete process.env.NEXTAUTH_SECRET;
  });
});
