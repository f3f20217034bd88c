// The overlap rule holds across processes: four console processes creating overlapping agreements
// between the same pair at once leave exactly one (lib/services/agreements.ts serialises the check).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { setupDatabase } from "./api-helpers";

let env: Awaited<ReturnType<typeof setupDatabase>>;
const ids: Record<string, string> = {};

before(async () => {
  env = await setupDatabase("agreements-race");
  for (const [name, role] of [["RaceMsp", "MSP"], ["RaceMsa", "MSA"]]) {
    ids[name] = (await env.db.provider.create({ data: { name, roles: { create: [{ role }] } }, select: { id: true } })).id;
  }
});
after(() => env.cleanup());

function run(validFrom: string) {
  return new Promise<{ status: number; message?: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/agreements-race-worker.ts", ids.RaceMsp, ids.RaceMsa, validFrom], { env: process.env });
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
}

test("four processes create open-ended agreements for the same pair at once: exactly one wins, the rest are 409", async () => {
  // Every open-ended window overlaps every other, whichever starts first.
  const results = await Promise.all(["2041-01-01T00:00:00Z", "2041-02-01T00:00:00Z", "2041-03-01T00:00:00Z", "2041-04-01T00:00:00Z"].map(run));
  assert.equal(results.filter((r) => r.status === 201).length, 1, JSON.stringify(results));
  assert.ok(results.every((r) => r.status === 201 || r.status === 409), JSON.stringify(results));
  assert.equal(await env.db.agreement.count({ where: { fromProviderId: ids.RaceMsp, toProviderId: ids.RaceMsa } }), 1);
  assert.equal(await env.db.auditEntry.count({ where: { action: "agreement.create" } }), 1);
});
