// Runs last (file order): every secret the specs created or used (recorded by e2e/fixtures.ts
// recordSecret: tokens, passwords, subscriber secrets) must be absent from everything the server printed
// during the run (playwright.config.ts tees the server's output into E2E_SERVER_LOG).
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { admin, recordSecret } from "./fixtures";

test("no secret created during the e2e run appears in the server log", async () => {
  recordSecret(admin.password);
  recordSecret(process.env.NEXTAUTH_SECRET);
  const logFile = process.env.E2E_SERVER_LOG ?? "";
  const secretsFile = process.env.E2E_SECRETS_FILE ?? "";
  expect(fs.existsSync(logFile), `server log ${logFile}`).toBe(true);
  // Let the last lines the server wrote reach the file.
  await new Promise((r) => setTimeout(r, 500));
  const log = fs.readFileSync(logFile, "utf8");
  expect(log.length, "the server log captured output").toBeGreaterThan(0);
  const secrets = [...new Set(fs.readFileSync(secretsFile, "utf8").split("\n").map((s) => s.trim()).filter((s) => s.length >= 8))];
  expect(secrets.length, "secrets were recorded").toBeGreaterThanOrEqual(2);
  const leaked = secrets.filter((s) => log.includes(s));
  expect(leaked.map((s) => `${s.slice(0, 4)}…(${s.length} chars)`), "secrets found in the server log").toEqual([]);
});
