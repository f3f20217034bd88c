// `npm test`: lint, typecheck, unit, integration (SQLite), integration again on a throw-away PostgreSQL
// cluster, end-to-end (SQLite) — in that order, every suite runs even when
// an earlier one failed — then one closing line `N passed, N failed` over all of them (lint and typecheck
// count as one test each). Exits non-zero on any failure.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";
import { freePort, runLive, type Counts } from "./exec";
import { runIntegrationOnPostgres, runNodeTests } from "./run-node-tests";
import { ensureChromium } from "./chromium";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

type Suite = { name: string; counts: Counts; ms: number };
const suites: Suite[] = [];

function header(name: string): void {
  console.log(`\n[test] ==================== ${name} ====================`);
}

async function single(name: string, cmd: string, args: string[]): Promise<void> {
  header(name);
  const r = await runLive(cmd, args, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  suites.push({ name, counts: r.code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }, ms: r.ms });
  console.log(`[test] ${name}: ${r.code === 0 ? "ok" : `FAILED (exit ${r.code})`}`);
}

async function nodeSuite(kind: "unit" | "integration"): Promise<void> {
  header(`${kind} tests`);
  const t0 = Date.now();
  const counts = await runNodeTests(kind);
  suites.push({ name: kind === "integration" ? "integration (sqlite)" : kind, counts, ms: Date.now() - t0 });
}

async function postgresSuite(): Promise<void> {
  header("integration tests on PostgreSQL");
  const t0 = Date.now();
  // Afterwards the client is generated back for SQLite (no URL), which the end-to-end tests use.
  const counts = await runIntegrationOnPostgres(undefined);
  suites.push({ name: "integration (postgresql)", counts, ms: Date.now() - t0 });
}

type PlaywrightStats = { expected?: number; unexpected?: number; flaky?: number; skipped?: number };

async function e2eSuite(): Promise<void> {
  header("end-to-end tests (Playwright, Chromium)");
  const t0 = Date.now();
  const chromium = ensureChromium();
  if (!chromium.ok) {
    console.error(`[test] ${chromium.message}`);
    suites.push({ name: "e2e", counts: { passed: 0, failed: 1 }, ms: Date.now() - t0 });
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mip6-e2e-"));
  const jsonFile = path.join(tmp, "report.json");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    E2E_PORT: String(port),
    E2E_TMP_DIR: tmp,
    E2E_ADMIN_PASSWORD: `e2e-${crypto.randomBytes(12).toString("base64url")}`,
    PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile,
  };
  const r = await runLive(process.execPath, [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--reporter=line,json"], env);
  let counts: Counts = { passed: 0, failed: 0 };
  try {
    const stats = (JSON.parse(fs.readFileSync(jsonFile, "utf8")) as { stats?: PlaywrightStats }).stats ?? {};
    counts = { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0 };
  } catch {
    console.error("[test] Playwright wrote no JSON report");
  }
  // The web server failing to start, or a config error, fails the run with no test counted.
  if (r.code !== 0 && counts.failed === 0) counts.failed = 1;
  fs.rmSync(tmp, { recursive: true, force: true });
  suites.push({ name: "e2e", counts, ms: r.ms });
}

async function main(): Promise<void> {
  const t0 = Date.now();
  await single("lint", bin("eslint"), ["."]);
  await single("typecheck", bin("tsc"), ["--noEmit"]);
  await nodeSuite("unit");
  await nodeSuite("integration");
  await postgresSuite();
  await e2eSuite();

  console.log("\n[test] summary");
  for (const s of suites) {
    console.log(`[test]   ${s.name.padEnd(24)} ${String(s.counts.passed).padStart(4)} passed ${String(s.counts.failed).padStart(3)} failed  ${(s.ms / 1000).toFixed(1)} s`);
  }
  console.log(`[test]   total time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const passed = suites.reduce((n, s) => n + s.counts.passed, 0);
  const failed = suites.reduce((n, s) => n + s.counts.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
