// Unit tests (lib/**/*.test.ts and scripts/**/*.test.ts) and integration tests (tests/integration/**/*.test.ts) with node's own
// test runner through tsx. Each file runs in its own process; integration files two at a time (each
// makes its own SQLite file, and SQLite writers on 2 cores gain nothing from more).
// `tsx scripts/test/run-node-tests.ts unit|integration` runs one kind alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTapCounts, runLive, type Counts } from "./exec";

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

export async function runNodeTests(kind: NodeTestKind): Promise<Counts> {
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
    `--test-timeout=${kind === "unit" ? 60_000 : 300_000}`,
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
  const { code } = await runLive(process.execPath, args, env);
  const counts = parseTapCounts(fs.existsSync(tapFile) ? fs.readFileSync(tapFile, "utf8") : "");
  fs.rmSync(tmp, { recursive: true, force: true });
  if (!counts) return { passed: 0, failed: 1 };
  // A non-zero exit with nothing counted as failed (a file that crashed before its first test) is a failure.
  if (code !== 0 && counts.failed === 0) return { passed: counts.passed, failed: 1 };
  return counts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kind = process.argv[2];
  if (kind !== "unit" && kind !== "integration") {
    console.error("usage: tsx scripts/test/run-node-tests.ts unit|integration");
    process.exit(2);
  }
  runNodeTests(kind).then((c) => {
    console.log(`${c.passed} passed, ${c.failed} failed`);
    process.exit(c.failed ? 1 : 0);
  });
}
