// The audit trail's hash chain detects an edited entry and a deleted one, through verifyAuditChain, the
// API's /audit/verify, and `npm run cli -- audit verify` (exit 0 intact, 1 broken, naming the entry).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { call, setupDatabase } from "./api-helpers";

let env: Awaited<ReturnType<typeof setupDatabase>>;

before(async () => {
  env = await setupDatabase("audit-tamper");
});
after(() => env.cleanup());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts/cli.ts"), ...args], {
    env: { ...process.env },
    encoding: "utf8",
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test("an intact chain verifies; an edited `changes` and a deleted entry are each reported by seq", async () => {
  const { systemActor } = await import("@/lib/auth/actor");
  const { createProvider, updateProvider } = await import("@/lib/services/providers");
  const { verifyAuditChain } = await import("@/lib/audit/audit");
  const { createUser } = await import("@/lib/services/user-admin");
  const { createApiToken } = await import("@/lib/auth/api-token");
  const sys = systemActor("test");
  const p = await createProvider(sys, { name: "Tamper Co", realms: ["tamper.example.net"], roles: ["MSA"] });
  for (let i = 0; i < 4; i++) await updateProvider(sys, p.id, { name: `Tamper Co ${i}` });
  const auditor = await createUser(sys, { email: "aud@tamper.test", role: "auditor", password: "correct horse battery staple" });
  const { token } = await createApiToken(sys, { userId: auditor.id, name: "verify" });
  const total = await env.db.auditEntry.count();
  assert.ok(total >= 7);

  assert.deepEqual(await verifyAuditChain(env.db), { ok: true, checked: total, firstBadSeq: null, problem: null });
  const intact = cli("audit", "verify");
  assert.equal(intact.code, 0, intact.out);
  assert.match(intact.out, new RegExp(`chain intact \\(${total} entries\\)`));
  const verifyRoute = await import("@/app/api/v1/audit/verify/route");
  assert.deepEqual((await call(verifyRoute.GET, "GET", "/api/v1/audit/verify", { token })).json, { ok: true, checked: total, firstBadSeq: null, problem: null });

  // Edit entry 3's changes with raw SQL, the way someone with database access would.
  const original = await env.db.auditEntry.findUniqueOrThrow({ where: { seq: 3 } });
  await env.db.$executeRaw`UPDATE "AuditEntry" SET changes = ${'{"before":null,"after":{"name":"nothing to see"}}'} WHERE seq = 3`;
  const edited = await verifyAuditChain(env.db);
  assert.equal(edited.ok, false);
  assert.equal(edited.firstBadSeq, 3);
  assert.equal(edited.checked, 2);
  assert.match(edited.problem ?? "", /entry 3 was altered/);
  const cliEdited = cli("audit", "verify");
  assert.equal(cliEdited.code, 1, cliEdited.out);
  assert.match(cliEdited.out, /BROKEN at entry 3/);
  const apiEdited = await call(verifyRoute.GET, "GET", "/api/v1/audit/verify", { token });
  assert.equal(apiEdited.json.firstBadSeq, 3);

  // Restore it: the chain is intact again (the hash covers exactly the stored content).
  await env.db.$executeRaw`UPDATE "AuditEntry" SET changes = ${original.changes} WHERE seq = 3`;
  assert.equal((await verifyAuditChain(env.db)).ok, true);

  // Delete entry 5.
  await env.db.$executeRaw`DELETE FROM "AuditEntry" WHERE seq = 5`;
  const deleted = await verifyAuditChain(env.db);
  assert.equal(deleted.ok, false);
  assert.equal(deleted.firstBadSeq, 5);
  assert.match(deleted.problem ?? "", /entry 5 is missing/);
  const cliDeleted = cli("audit", "verify");
  assert.equal(cliDeleted.code, 1);
  assert.match(cliDeleted.out, /BROKEN at entry 5/);

  // Deleting the newest entry cannot be seen from the chain alone; re-numbering the tail to hide a gap
  // breaks the prevHash links instead.
  await env.db.$executeRaw`UPDATE "AuditEntry" SET seq = seq - 1 WHERE seq > 5`;
  const renumbered = await verifyAuditChain(env.db);
  assert.equal(renumbered.ok, false);
  assert.equal(renumbered.firstBadSeq, 5);
});
