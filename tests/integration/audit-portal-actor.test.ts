// A subscriber acting through the portal is its own kind of actor in the audit trail: actorType
// "subscriber", actorId the subscriber's id, label subscriber:<nai>. It can be filtered for (list, API,
// CSV), operators' "own entries" never include it, and the hash chain still verifies across entries
// written the old way (actorType "system", no actorId) before this change.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { call, setupDatabase } from "./api-helpers";

let env: Awaited<ReturnType<typeof setupDatabase>>;
const PASSWORD = "alice portal password 1";

before(async () => {
  env = await setupDatabase("audit-portal-actor");
});
after(() => env.cleanup());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts/cli.ts"), ...args], { env: { ...process.env }, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/**
 * Append an entry the way the code before this change wrote a portal action (actorType "system", no
 * actorId), hashed by the chain's documented rule: sha256(prevHash "\n" JSON[seq, at, actorType, actorId,
 * actor, action, objectType, objectId, changes, requestId]).
 */
async function appendLegacyPortalEntry(subscriber: { id: string; nai: string }) {
  const last = await env.db.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const row = {
    seq: (last?.seq ?? 0) + 1, at: new Date(), actorType: "system", actorId: null, actor: `subscriber:${subscriber.nai}`,
    action: "subscriber.rebootstrap", objectType: "subscriber", objectId: subscriber.id, changes: null, requestId: null,
  };
  const prevHash = last?.hash ?? "0".repeat(64);
  const canonical = JSON.stringify([row.seq, row.at.toISOString(), row.actorType, row.actorId, row.actor, row.action, row.objectType, row.objectId, row.changes, row.requestId]);
  const hash = crypto.createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
  await env.db.auditEntry.create({ data: { ...row, prevHash, hash } });
  return row.seq;
}

test("portal actions are audited as actorType subscriber with the subscriber's id; filters, CSV, API and the chain", async () => {
  const fx = await import("./bootstrap-fixtures");
  const portal = await import("@/lib/services/portal");
  const { systemActor } = await import("@/lib/auth/actor");
  const { createUser } = await import("@/lib/services/user-admin");
  const { createApiToken } = await import("@/lib/auth/api-token");
  const { listAudit, exportAuditCsv } = await import("@/lib/data/audit");
  const { verifyAuditChain } = await import("@/lib/audit/audit");
  const auditRoute = await import("@/app/api/v1/audit/route");
  const sys = systemActor("test");

  const home = await fx.createProvider("Home Mobility", ["ASP", "ASA", "MSP", "MSA"], [{ name: "home.example" }]);
  await fx.createHomeAgent(home.id, { name: "ha1", fqdn: "ha1.home.example", address: "2001:db8:10::1", region: "eu", prefixes: ["2001:db8:10::/64"] });
  const alice = await fx.createSubscriber("alice@home.example", home.id);
  const admin = await createUser(sys, { email: "admin@audit.test", role: "admin", password: "correct horse battery staple" });
  const auditor = await createUser(sys, { email: "aud@audit.test", role: "auditor", password: "correct horse battery staple" });
  const operator = await createUser(sys, { email: "op@audit.test", role: "operator", providerIds: [home.id], password: "correct horse battery staple" });
  const adminActor = { kind: "user" as const, userId: admin.id, email: "admin@audit.test", role: "admin" as const, providerIds: [] };
  const auditorActor = { kind: "user" as const, userId: auditor.id, email: "aud@audit.test", role: "auditor" as const, providerIds: [] };
  const operatorActor = { kind: "user" as const, userId: operator.id, email: "op@audit.test", role: "operator" as const, providerIds: [home.id] };

  const legacySeq = await appendLegacyPortalEntry(alice);

  const { token } = await portal.createPortalInvite(adminActor, alice.id);
  await portal.acceptPortalInvite(token, { password: PASSWORD, confirmPassword: PASSWORD });
  const signed = await portal.authenticateSubscriber(alice.nai, PASSWORD);
  const s = (await portal.subscriberOfSession(portal.portalSessionValue(signed!)))!;
  await portal.portalRotateSecret(s);
  await portal.portalRequestRebootstrap(s);
  // An operator's own change, and the operator's own entries must stay its own.
  await portal.createPortalInvite(operatorActor, alice.id);

  const bySubscriber = await env.db.auditEntry.findMany({ where: { actor: `subscriber:${alice.nai}`, seq: { gt: legacySeq } }, orderBy: { seq: "asc" } });
  assert.deepEqual(
    bySubscriber.map((e) => [e.action, e.actorType, e.actorId, e.objectId]),
    [
      ["subscriber.portal-password-set", "subscriber", alice.id, alice.id],
      ["subscriber.rotate-secret", "subscriber", alice.id, alice.id],
      ["subscriber.rebootstrap", "subscriber", alice.id, alice.id],
    ],
  );
  const invite = await env.db.auditEntry.findFirstOrThrow({ where: { action: "subscriber.portal-invite", actorId: admin.id } });
  assert.deepEqual([invite.actorType, invite.actor], ["user", "admin@audit.test"]);
  const seeded = await env.db.auditEntry.findFirstOrThrow({ where: { action: "user.create" } });
  assert.deepEqual([seeded.actorType, seeded.actorId, seeded.actor], ["system", null, "system:test"], "system actors are unchanged");

  // The chain verifies across the legacy entry and the new ones: in process and through the CLI.
  const total = await env.db.auditEntry.count();
  assert.deepEqual(await verifyAuditChain(env.db), { ok: true, checked: total, firstBadSeq: null, problem: null });
  const verified = cli("audit", "verify");
  assert.equal(verified.code, 0, verified.out);
  assert.match(verified.out, new RegExp(`intact \\(${total} entries\\)`));
  // ...and an entry's actorType is covered by its hash: rewriting the legacy entry's type is detected.
  await env.db.auditEntry.update({ where: { seq: legacySeq }, data: { actorType: "subscriber", actorId: alice.id } });
  const broken = await verifyAuditChain(env.db);
  assert.deepEqual([broken.ok, broken.firstBadSeq], [false, legacySeq]);
  await env.db.auditEntry.update({ where: { seq: legacySeq }, data: { actorType: "system", actorId: null } });
  assert.equal((await verifyAuditChain(env.db)).ok, true);

  // Filters: by type and by the subscriber's id.
  const listed = await listAudit(auditorActor, { actorType: "subscriber" });
  assert.deepEqual(listed.items.map((e) => e.action), ["subscriber.rebootstrap", "subscriber.rotate-secret", "subscriber.portal-password-set"]);
  assert.ok(listed.items.every((e) => e.actorType === "subscriber" && e.actorId === alice.id));
  assert.equal((await listAudit(auditorActor, { actorId: alice.id })).items.length, 3);
  assert.ok((await listAudit(auditorActor, { actorType: "system" })).items.every((e) => e.actorType === "system"));
  assert.ok((await listAudit(auditorActor, { actorType: "system" })).items.some((e) => e.seq === legacySeq), "legacy entries keep their stored type");
  await assert.rejects(listAudit(auditorActor, { actorType: "robot" }), { status: 422 });

  // An operator reads only its own (user) entries, never a subscriber's.
  const own = await listAudit(operatorActor, {});
  assert.deepEqual(own.items.map((e) => [e.actorType, e.actorId, e.action]), [["user", operator.id, "subscriber.portal-invite"]]);
  assert.equal((await listAudit(operatorActor, { actorType: "subscriber" })).items.length, 0);

  // CSV: the type and the subscriber's id are columns.
  const text = await new Response(exportAuditCsv(auditorActor, { actorType: "subscriber" })).text();
  const lines = text.trim().split("\r\n");
  const head = lines[0].split(",");
  assert.equal(lines.length, 4, text);
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    assert.equal(cells[head.indexOf("actorType")], "subscriber");
    assert.equal(cells[head.indexOf("actorId")], alice.id);
    assert.equal(cells[head.indexOf("actor")], `subscriber:${alice.nai}`);
  }

  // The API takes the same filter (and refuses an unknown type with 422).
  const { token: apiToken } = await createApiToken(sys, { userId: auditor.id, name: "audit" });
  const viaApi = await call(auditRoute.GET, "GET", "/api/v1/audit", { token: apiToken, query: { actorType: "subscriber" } });
  assert.equal(viaApi.status, 200, viaApi.text);
  assert.deepEqual(viaApi.json.items.map((e: { actorType: string; actorId: string }) => [e.actorType, e.actorId]), Array(3).fill(["subscriber", alice.id]));
  const bad = await call(auditRoute.GET, "GET", "/api/v1/audit", { token: apiToken, query: { actorType: "robot" } });
  assert.equal(bad.status, 422, bad.text);
  assert.ok(bad.json.fields?.actorType);
});
