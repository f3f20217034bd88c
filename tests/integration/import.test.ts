// Subscriber CSV import (POST /api/v1/subscribers/import → job → GET /api/v1/jobs/{id}, /secrets): row
// errors with line and field, imported and generated secrets that really bootstrap, the one-time secrets
// download, operator scope, roles, header checks and CSV quoting. Jobs are run with runJob (JOB_RUNNER=manual).
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { call, setupDatabase } from "./api-helpers";

process.env.JOB_RUNNER = "manual";

async function load() {
  const env = await setupDatabase("import");
  return {
    env,
    db: env.db,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    fx: await import("./bootstrap-fixtures"),
    runner: await import("@/lib/jobs/runner"),
    mn: await import("@/lib/mn/client"),
    inProcess: await import("@/lib/mn/in-process"),
    importRoute: await import("@/app/api/v1/subscribers/import/route"),
    jobRoute: await import("@/app/api/v1/jobs/[id]/route"),
    secretsRoute: await import("@/app/api/v1/jobs/[id]/secrets/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
const tokens: Record<string, string> = {};
let provA = "";
let provB = "";

async function makeUser(email: string, role: string, providerIds: string[] = []) {
  const u = await m.db.user.create({
    data: { email, role, passwordHash: "not-a-usable-hash", scopes: { create: providerIds.map((providerId) => ({ providerId })) } },
  });
  tokens[email] = (await m.createApiToken(m.systemActor("test"), { userId: u.id, name: `${email} token` })).token;
}

type Route = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** call() labels every body JSON and parses every answer as JSON; the CSV routes need neither. */
async function send(handler: unknown, request: Request, params: Record<string, string> = {}) {
  const response = await (handler as Route)(request, { params: Promise.resolve(params) });
  const text = await response.text();
  const isJson = (response.headers.get("content-type") ?? "").includes("json");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json: any = isJson && text ? JSON.parse(text) : null;
  return { status: response.status, json, text, headers: response.headers };
}

function upload(csv: string, token: string, contentType = "text/csv") {
  return send(m.importRoute.POST, new Request("http://console.test/api/v1/subscribers/import", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body: csv,
  }));
}

function secrets(id: string, token: string) {
  return send(m.secretsRoute.GET, new Request(`http://console.test/api/v1/jobs/${id}/secrets`, { headers: { authorization: `Bearer ${token}` } }), { id });
}

/** Upload, run the job to its end, and read it back through the API. */
async function importCsv(csv: string, token: string, batchSize?: number) {
  const res = await upload(csv, token);
  assert.equal(res.status, 202, res.text);
  assert.equal(await m.runner.runJob(res.json.id, { workerId: "test", batchSize }), "succeeded");
  const job = await call(m.jobRoute.GET, "GET", `/api/v1/jobs/${res.json.id}`, { token, params: { id: res.json.id } });
  assert.equal(job.status, 200);
  return job.json;
}


function parseSecretsCsv(text: string): Map<string, string> {
  const lines = text.split("\r\n").filter(Boolean);
  assert.equal(lines[0], "nai,secret");
  return new Map(lines.slice(1).map((l) => l.split(",") as [string, string]));
}

const ADMIN = "admin@import.test";
const OPA = "op-a@import.test";
const AUD = "auditor@import.test";

before(async () => {
  m = await load();
  provA = (await m.fx.createProvider("Home A", ["MSP", "MSA"], [{ name: "a.example", region: "eu-west" }])).id;
  provB = (await m.fx.createProvider("Home B", ["MSP", "MSA"], [{ name: "b.example", region: "eu-west" }])).id;
  await m.fx.createHomeAgent(provA, { name: "ha-a", fqdn: "ha.a.example", address: "2001:db8:a::1", region: "eu-west", prefixes: ["2001:db8:a::/64"] });
  await makeUser(ADMIN, "admin");
  await makeUser(OPA, "operator", [provA]);
  await makeUser(AUD, "auditor");
});
after(() => m.env.cleanup());

describe("subscriber import", () => {
  test("1,000 rows with 3 bad ones: succeeded, done 1000, the 3 errors with their line and field, one requestId", async () => {
    const lines = ["nai,msaProviderId,homeAddressPolicy,status"];
    for (let i = 0; i < 1000; i++) lines.push(`bulk${i}@a.example,${provA},dynamic,active`);
    lines[1 + 10] = `not-an-nai,${provA},dynamic,active`; // line 12
    lines[1 + 500] = `bulk500@a.example,${provA},sometimes,active`; // line 502
    lines[1 + 998] = `bulk998@a.example,${provA},dynamic,asleep`; // line 1000
    const job = await importCsv(lines.join("\n"), tokens[ADMIN]);
    assert.equal(job.state, "succeeded");
    assert.equal(job.total, 1000);
    assert.equal(job.done, 1000);
    assert.deepEqual(job.errors.map((e: { line: number; field: string }) => [e.line, e.field]), [[12, "nai"], [502, "homeAddressPolicy"], [1000, "status"]]);
    assert.equal(await m.db.subscriber.count({ where: { nai: { startsWith: "bulk" } } }), 997);
    const audits = await m.db.auditEntry.findMany({ where: { action: "subscriber.create" }, select: { requestId: true } });
    assert.equal(audits.length, 997);
    assert.equal(new Set(audits.map((a) => a.requestId)).size, 1);
    const got = await secrets(job.id, tokens[ADMIN]);
    assert.equal(got.status, 200);
    assert.equal(parseSecretsCsv(got.text).size, 997);
  });

  test("an imported secret bootstraps; generated secrets come back once and bootstrap; repeated and existing NAIs are row errors", async () => {
    const imported = crypto.randomBytes(20);
    const b64 = imported.toString("base64url");
    const csv = [
      "nai,msaProviderId,secret",
      `imp1@a.example,${provA},${b64}`,
      `gen1@a.example,${provA},`,
      `gen2@a.example,${provA},`,
      `gen1@a.example,${provA},`, // repeated in the file
      `bulk1@a.example,${provA},`, // already in the database
      `short@a.example,${provA},${crypto.randomBytes(8).toString("base64url")}`,
    ].join("\n");
    const job = await importCsv(csv, tokens[OPA], 2);
    assert.equal(job.state, "succeeded");
    assert.equal(job.done, 6);
    assert.deepEqual(job.errors.map((e: { line: number; field: string }) => [e.line, e.field]), [[5, "nai"], [6, "nai"], [7, "secret"]]);
    assert.match(job.errors[0].message, /conflict.*line 3/);
    assert.match(job.errors[1].message, /conflict.*already exists/);

    const transport = m.inProcess.inProcessTransport();
    const boot = await m.mn.bootstrap({ transport, nai: "imp1@a.example", secret: imported, servingRealm: "a.example" });
    assert.equal(boot.ok, true, JSON.stringify(boot));

    // Only the owner or an admin; an auditor never.
    assert.equal((await secrets(job.id, tokens[AUD])).status, 403);
    const first = await secrets(job.id, tokens[OPA]);
    assert.equal(first.status, 200);
    assert.match(first.headers.get("content-type") ?? "", /^text\/csv/);
    const generated = parseSecretsCsv(first.text);
    assert.deepEqual([...generated.keys()].sort(), ["gen1@a.example", "gen2@a.example"]);
    for (const [nai, secret] of generated) {
      const r = await m.mn.bootstrap({ transport, nai, secret, servingRealm: "a.example" });
      assert.equal(r.ok, true, JSON.stringify(r));
    }
    const again = await secrets(job.id, tokens[OPA]);
    assert.equal(again.status, 410);
    assert.equal(again.json.error, "gone");
    // Nothing sealed is left in the job.
    const row = await m.db.job.findUniqueOrThrow({ where: { id: job.id }, select: { payload: true } });
    assert.deepEqual(JSON.parse(row.payload ?? "{}").secrets, []);
  });

  test("operator scope: rows of another provider's MSA are 'not found' and never created; others' jobs are 404", async () => {
    const csv = `nai,msaProviderId\nmine@a.example,${provA}\ntheirs@b.example,${provB}\n`;
    const job = await importCsv(csv, tokens[OPA]);
    assert.equal(job.state, "succeeded");
    assert.deepEqual(job.errors, [{ line: 3, field: "msaProviderId", message: "provider not found" }]);
    assert.equal(await m.db.subscriber.count({ where: { nai: "theirs@b.example" } }), 0);
    assert.equal(await m.db.subscriber.count({ where: { nai: "mine@a.example" } }), 1);
    const adminJob = await importCsv(`nai,msaProviderId\nadm@b.example,${provB}\n`, tokens[ADMIN]);
    assert.equal((await call(m.jobRoute.GET, "GET", "/x", { token: tokens[OPA], params: { id: adminJob.id } })).status, 404);
    assert.equal((await secrets(adminJob.id, tokens[OPA])).status, 404);
  });

  test("auditor 403; unknown header, missing nai header, wrong content type and oversize are refused before any job", async () => {
    const before = await m.db.job.count();
    const aud = await upload(`nai,msaProviderId\nx@a.example,${provA}\n`, tokens[AUD]);
    assert.equal(aud.status, 403);
    const unknown = await upload(`nai,msaProviderId,colour\nx@a.example,${provA},red\n`, tokens[ADMIN]);
    assert.equal(unknown.status, 422);
    assert.match(unknown.json.message, /colour/);
    assert.ok(unknown.json.fields.colour);
    const noNai = await upload(`msaProviderId\n${provA}\n`, tokens[ADMIN]);
    assert.equal(noNai.status, 422);
    assert.ok(noNai.json.fields.nai);
    assert.equal((await upload(`nai\nx@a.example\n`, tokens[ADMIN], "application/json")).status, 415);
    const huge = await upload("nai\n" + "x".repeat(10 * 1024 * 1024 + 1), tokens[ADMIN]);
    assert.equal(huge.status, 413);
    assert.equal(huge.json.error, "payload_too_large");
    assert.equal(await m.db.job.count(), before);
  });

  test("quoted fields, CRLF line ends and a UTF-8 BOM parse; a quoted comma in a cell is one value", async () => {
    const csv = `\ufeff"nai","msaProviderId","status"\r\n"q1@a.example","${provA}","active"\r\nq2@a.example,${provA},"sus""pended"\r\n"q,3@a.example",${provA},active\r\n`;
    const job = await importCsv(csv, tokens[ADMIN]);
    assert.equal(job.state, "succeeded");
    assert.equal(job.total, 3);
    assert.deepEqual(job.errors.map((e: { line: number; field: string }) => [e.line, e.field]), [[3, "status"], [4, "nai"]]);
    assert.equal(await m.db.subscriber.count({ where: { nai: "q1@a.example" } }), 1);
  });

  test("a job stopped between batches resumes with the next runner and creates every row once", async () => {
    const lines = ["nai,msaProviderId"];
    for (let i = 0; i < 25; i++) lines.push(`resume${i}@a.example,${provA}`);
    const res = await upload(lines.join("\n"), tokens[ADMIN]);
    assert.equal(await m.runner.runJob(res.json.id, { workerId: "w1", batchSize: 10, maxBatches: 1 }), "stopped");
    assert.equal(await m.runner.runJob(res.json.id, { workerId: "w2", batchSize: 10 }), "not-claimed");
    assert.equal(await m.runner.runJob(res.json.id, { workerId: "w2", batchSize: 10, staleMs: 0 }), "succeeded");
    const job = await m.db.job.findUniqueOrThrow({ where: { id: res.json.id } });
    assert.equal(job.done, 25);
    assert.equal(job.errors, "[]");
    assert.equal(await m.db.subscriber.count({ where: { nai: { startsWith: "resume" } } }), 25);
    assert.equal(parseSecretsCsv((await secrets(res.json.id, tokens[ADMIN])).text).size, 25);
  });
});
