// Unit tests (lib/**/*.test.ts and scripts/**/*.test.ts) and integration tests (tests/integration/**/*.test.ts) with node's own
// test runner through tsx. Each file runs in its own process; integration files two at a time (each
// makes its own database, and SQLite writers on 2 cores gain nothing from more).
// `tsx scripts/test/run-node-tests.ts unit|integration` runs one kind alone; `integration --postgresql`
// runs the integration files against a throw-away PostgreSQL cluster (`npm run test:integration:pg`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTapCounts, runLive, type Counts } from "./exec";
import { ensurePgBin, startPgCluster, type PgCluster } from "./postgres";

export type NodeTestKind = "unit" | "integration";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "generated" || entry.name === "node_modules") continue;
      walk(p, out);
    } else if (entry.isFile() && entry.name.endsWith(".test.ts")) {
      out.push(p);
    }
  }
}

export function findTests(kind: NodeTestKind): string[] {
  const files: string[] = [];
  const dirs = kind === "unit" ? ["lib", "scripts"] : ["tests/integration"];
  for (const d of dirs) walk(path.join(root, d), files);
  return files.map((f) => path.relative(root, f)).sort();
}

/** Generate the Prisma client for a database URL's provider (a no-op when it is already that one). */
export function generateClient(databaseUrl: string | undefined): boolean {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [path.join(root, "scripts/db/generate.mjs")], { cwd: root, env, stdio: "inherit" });
  return r.status === 0;
}

/**
 * Run the test files of one kind. Integration files get their own database each from setupDatabase
 * (tests/integration/api-helpers.ts): a SQLite file, or with `postgresUrl` a database on that server.
 */
export async function runNodeTests(kind: NodeTestKind, opts: { postgresUrl?: string } = {}): Promise<Counts> {
  if (kind === "integration" && !generateClient(opts.postgresUrl)) {
    console.error(`[test] could not generate the Prisma client for ${opts.postgresUrl ? "PostgreSQL" : "SQLite"}`);
    return { passed: 0, failed: 1 };
  }
  const files = findTests(kind);
  if (files.length === 0) {
    console.log(`[test] no ${kind} test files found`);
    return { passed: 0, failed: 0 };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `mip6-${kind}-`));
  const tapFile = path.join(tmp, "report.tap");
  const args = [
    "--import",
    "tsx",
    "--test",
    `--test-concurrency=${kind === "unit" ? os.availableParallelism() : 2}`,
    // A hung test fails on its own instead of holding the whole run (and CI) until its deadline.
    // PostgreSQL costs a socket round trip per statement where SQLite is a function call: more time there.
    `--test-timeout=${kind === "unit" ? 60_000 : opts.postgresUrl ? 600_000 : 300_000}`,
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    NEXT_TELEMETRY_DISABLED: "1",
    // Tests that need the data key get a throw-away key file instead of ./data/console.key.
    CONSOLE_KEY_FILE: path.join(tmp, "console.key"),
  };
  delete env.DATABASE_URL;
  if (opts.postgresUrl) env.TEST_POSTGRES_URL = opts.postgresUrl;
  else delete env.TEST_POSTGRES_URL;
  const { code } = await runLive(process.execPath, args, env);
  const counts = parseTapCounts(fs.existsSync(tapFile) ? fs.readFileSync(tapFile, "utf8") : "");
  fs.rmSync(tmp, { recursive: true, force: true });
  if (!counts) return { passed: 0, failed: 1 };
  // A non-zero exit with nothing counted as failed (a file that crashed before its first test) is a failure.
  if (code !== 0 && counts.failed === 0) return { passed: counts.passed, failed: 1 };
  return counts;
}

/**
 * The integration files again, on PostgreSQL: a throw-away cluster, the PostgreSQL client, the run, then
 * the cluster stopped and removed and the client generated back for `restoreUrl`'s provider (SQLite by
 * default). No server binary, or a server that does not start, is a failed run with the reason — never a skip.
 */
export async function runIntegrationOnPostgres(restoreUrl?: string): Promise<Counts> {
  const bin = ensurePgBin();
  if (!bin.ok) {
    console.error(`[test] PostgreSQL integration pass FAILED: ${bin.message}`);
    return { passed: 0, failed: 1 };
  }
  let cluster: PgCluster;
  try {
    cluster = await startPgCluster(bin.bin);
  } catch (e) {
    console.error(`[test] PostgreSQL integration pass FAILED: ${e instanceof Error ? e.message : e}`);
    return { passed: 0, failed: 1 };
  }
  console.log(`[test] PostgreSQL test cluster (${bin.bin}) on ${cluster.url}`);
  const onSignal = (sig: NodeJS.Signals) => {
    cluster.stop();
    generateClient(restoreUrl);
    process.kill(process.pid, sig);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await runNodeTests("integration", { postgresUrl: cluster.url });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    cluster.stop();
    if (!generateClient(restoreUrl)) console.error("[test] could not generate the Prisma client back after the PostgreSQL pass");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kind = process.argv[2];
  const pg = process.argv.includes("--postgresql");
  if ((kind !== "unit" && kind !== "integration") || (pg && kind !== "integration")) {
    console.error("usage: tsx scripts/test/run-node-tests.ts unit|integration [--postgresql]");
    process.exit(2);
  }
  (pg ? runIntegrationOnPostgres(process.env.DATABASE_URL) : runNodeTests(kind)).then((c) => {
    console.log(`${c.passed} passed, ${c.failed} failed`);
    process.exit(c.failed ? 1 : 0);
  });
}
