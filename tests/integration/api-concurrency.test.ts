// Racing writers: the database constraints and the in-transaction checks settle duplicates, so a burst
// of identical requests yields one success and clean 409s, never a 500 or a duplicate row.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { call, setupDatabase } from "./api-helpers";

async function load() {
  const env = await setupDatabase("api-concurrency");
  return {
    env,
    ...(await import("@/lib/auth/api-token")),
    ...(await import("@/lib/auth/actor")),
    providers: await import("@/app/api/v1/providers/route"),
    homeAgents: await import("@/app/api/v1/home-agents/route"),
    prefixes: await import("@/app/api/v1/prefixes/route"),
    subscribers: await import("@/app/api/v1/subscribers/route"),
  };
}
let m: Awaited<ReturnType<typeof load>>;
let token = "";
let providerId = "";
let homeAgentId = "";

before(async () => {
  m = await load();
  const u = await m.env.db.user.create({ data: { email: "admin@example.test", role: "admin", passwordHash: "x" } });
  token = (await m.createApiToken(m.systemActor("test"), { userId: u.id, name: "t" })).token;
  const p = await call(m.providers.POST, "POST", "/x", { token, body: { name: "Op", realms: ["op.example.net"], roles: ["MSA", "MSP"] } });
  providerId = p.json.id;
  const ha = await call(m.homeAgents.POST, "POST", "/x", {
    token,
    body: { providerId, name: "ha", fqdn: "ha.op.example.net", address: "2001:db8:ff::1", region: "eu", capacity: 10 },
  });
  homeAgentId = ha.json.id;
});
after(() => m.env.cleanup());

test("10 concurrent creates of one NAI: one 201, nine 409, one row, one credential", async () => {
  const results = await Promise.all(
    Array.from({ length: 10 }, () => call(m.subscribers.POST, "POST", "/x", { token, body: { nai: "race@op.example.net", msaProviderId: providerId } })),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), [201, ...Array(9).fill(409)]);
  assert.ok(results.filter((r) => r.status === 409).every((r) => r.json.fields?.nai));
  assert.equal(await m.env.db.subscriber.count({ where: { nai: "race@op.example.net" } }), 1);
  assert.equal(await m.env.db.credential.count(), 1);
  assert.equal(await m.env.db.auditEntry.count({ where: { action: "subscriber.create" } }), 1);
});

// Every candidate contains 2001:db8:5::/64, so any two overlap and exactly one can win whatever the order.
test("8 concurrent pairwise-overlapping prefixes: exactly one is created", async () => {
  const candidates = ["2001:db8:5::/48", "2001:db8:5::/64", "2001:db8:5::/63", "2001:db8::/32", "2001:db8:5::/62", "2001:db8:5::/56", "2001:db8:5::/60", "2001:db8:4::/46"];
  const results = await Promise.all(candidates.map((prefix) => call(m.prefixes.POST, "POST", "/x", { token, body: { homeAgentId, prefix } })));
  const statuses = results.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
  assert.ok(statuses.every((s) => s === 201 || s === 409), JSON.stringify(statuses));
  assert.equal(await m.env.db.homePrefix.count(), 1);
});

test("overlapping prefixes created by 4 separate processes at once: exactly one wins, the rest are 409", async () => {
  // Pairwise overlapping (all contain 2001:db8:6::/64): exactly one can win whichever process is first.
  const candidates = ["2001:db8:6::/48", "2001:db8:6::/64", "2001:db8:6::/56", "2001:db8:6::/60"];
  const run = (prefix: string) =>
    new Promise<{ status: number; message?: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/api-prefix-race-worker.ts", homeAgentId, prefix], { env: process.env });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("close", () => {
        try {
          resolve(JSON.parse(out.trim().split("\n").pop() ?? ""));
        } catch {
          reject(new Error(`worker printed: ${out}`));
        }
      });
    });
  const results = await Promise.all(candidates.map(run));
  assert.equal(results.filter((r) => r.status === 201).length, 1, JSON.stringify(results));
  assert.ok(results.every((r) => r.status === 201 || r.status === 409), JSON.stringify(results));
  assert.equal(await m.env.db.homePrefix.count({ where: { startHex: { startsWith: "20010db80006" } } }), 1);
});

test("a body over 1 MiB is refused with 413 before it is parsed", async () => {
  const big = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10), roles: ["ASP"] });
  const r = await call(m.providers.POST, "POST", "/x", { token, rawBody: big });
  assert.equal(r.status, 413);
  assert.equal(r.json.error, "payload_too_large");
});
