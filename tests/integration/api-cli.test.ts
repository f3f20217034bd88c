// `npm run cli` end to end: a user and a token created from the command line work against the API,
// the token is the last line of output, both are audited, and bad arguments exit with status 2.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { call, setupDatabase } from "./api-helpers";

let env: Awaited<ReturnType<typeof setupDatabase>>;
before(async () => {
  env = await setupDatabase("api-cli", { keyFile: true });
});
after(() => env.cleanup());

function cli(...args: string[]) {
  // The child inherits DATABASE_URL and CONSOLE_KEY_FILE from setupDatabase.
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
    cwd: process.cwd(),
    env: process.env,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("user create and token create; the printed token authenticates; both are audited", async () => {
  const u = cli("user", "create", "--email", "Ops.Admin@Example.test", "--role", "admin", "--password", "a long enough passphrase");
  assert.equal(u.status, 0, u.stderr);
  const t = cli("token", "create", "--email", "ops.admin@example.test", "--name", "automation", "--expires-days", "7");
  assert.equal(t.status, 0, t.stderr);
  const lines = t.stdout.trimEnd().split("\n");
  const token = lines[lines.length - 1];
  assert.match(token, /^mip6_[A-Za-z0-9_-]{43}$/);
  assert.ok(t.stdout.endsWith(`${token}\n`), "nothing after the token");

  const { getDb } = await import("@/lib/db/client");
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { email: "ops.admin@example.test" } });
  assert.equal(user.role, "admin");
  assert.match(user.passwordHash, /^\$argon2id\$/);
  const row = await db.apiToken.findFirstOrThrow({ where: { userId: user.id } });
  assert.ok(row.expiresAt && row.expiresAt.getTime() > Date.now() + 6 * 86_400_000);
  assert.equal(await db.auditEntry.count({ where: { action: "user.create", objectId: user.id } }), 1);
  assert.equal(await db.auditEntry.count({ where: { action: "api-token.create", objectId: row.id } }), 1);
  const audit = await db.auditEntry.findMany({ select: { changes: true } });
  assert.ok(audit.every((a) => !a.changes?.includes(token) && !a.changes?.includes("a long enough passphrase")));

  const providers = await import("@/app/api/v1/providers/route");
  const r = await call(providers.GET, "GET", "/api/v1/providers", { token });
  assert.equal(r.status, 200);
});

test("an operator needs a provider, found by id or name; without --password one is generated", async () => {
  const { getDb } = await import("@/lib/db/client");
  const p = await getDb().provider.create({ data: { name: "Cellular One", roles: { create: [{ role: "MSA" }] } } });
  const noScope = cli("user", "create", "--email", "op@example.test", "--role", "operator");
  assert.equal(noScope.status, 2);
  assert.match(noScope.stderr, /--provider/);
  const ok = cli("user", "create", "--email", "op@example.test", "--role", "operator", "--provider", "Cellular One");
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /Initial password/);
  const user = await getDb().user.findUniqueOrThrow({ where: { email: "op@example.test" }, include: { scopes: true } });
  assert.deepEqual(user.scopes.map((s) => s.providerId), [p.id]);
  assert.equal(user.mustChangePassword, true);
});

test("bad arguments exit 2 with a message", () => {
  for (const args of [
    ["token", "create", "--email", "nobody@example.test", "--name", "x"],
    ["token", "create", "--email", "ops.admin@example.test"],
    ["token", "create", "--email", "ops.admin@example.test", "--name", "x", "--expires-days", "zero"],
    ["user", "create", "--email", "x@example.test", "--role", "king"],
    ["user", "create", "--email", "ops.admin@example.test", "--role", "admin", "--password", "another long passphrase"],
    ["frobnicate"],
    ["token", "create", "--unknown"],
  ]) {
    const r = cli(...args);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, /^error: /, args.join(" "));
  }
  const help = cli("help");
  assert.equal(help.status, 0);
  assert.match(help.stdout, /token create --email/);
});
