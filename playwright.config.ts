// End-to-end tests: Debian's Chromium against a production build of the console.
// The web server is `npm start`'s own path (scripts/start.ts): it builds into .next-e2e when sources
// changed, applies migrations to a throw-away SQLite database, creates the first admin from
// CONSOLE_ADMIN_PASSWORD and starts with CONSOLE_DEMO=0 (each spec seeds the data it needs).
// `npm test` sets the E2E_* variables; run alone (`npm run test:e2e`) they get defaults here. The values
// are put in process.env so the worker processes (which inherit it) and the specs see the same ones.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

process.env.E2E_PORT ||= "3210";
process.env.E2E_TMP_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), "mip6-e2e-"));
process.env.E2E_ADMIN_EMAIL ||= "admin@e2e.example";
process.env.E2E_ADMIN_PASSWORD ||= `e2e-${crypto.randomBytes(12).toString("base64url")}`;
process.env.E2E_BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT}`;
// Specs that seed through lib/services write to the same database and data key as the server.
process.env.DATABASE_URL = `file:${path.join(process.env.E2E_TMP_DIR, "e2e.db")}`;
process.env.CONSOLE_KEY_FILE = path.join(process.env.E2E_TMP_DIR, "console.key");
process.env.NEXTAUTH_SECRET ||= crypto.randomBytes(32).toString("base64url");
// Everything the server prints goes to this file too, and every secret a spec creates or uses is appended
// to the secrets file (e2e/fixtures.ts recordSecret); e2e/zz-log-secrets.spec.ts, run last, checks that
// no secret ever reached the log.
process.env.E2E_SERVER_LOG = path.join(process.env.E2E_TMP_DIR, "server.log");
process.env.E2E_SECRETS_FILE = path.join(process.env.E2E_TMP_DIR, "secrets.txt");

const baseURL = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["line"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // Run through a shell pipe so the output is kept in E2E_SERVER_LOG as well as shown by Playwright.
    command: `"${process.execPath}" node_modules/tsx/dist/cli.mjs scripts/start.ts 2>&1 | tee -a "${process.env.E2E_SERVER_LOG}"`,
    url: `${baseURL}/api/health`,
    // First run builds the app (a few minutes on 2 cores); later runs reuse the build in .next-e2e.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: process.env.E2E_PORT,
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
      // Several checkouts or developers can build side by side: E2E_DIST_DIR picks another build dir.
      NEXT_DIST_DIR: process.env.E2E_DIST_DIR || ".next-e2e",
      DATABASE_URL: process.env.DATABASE_URL,
      CONSOLE_KEY_FILE: process.env.CONSOLE_KEY_FILE,
      CONSOLE_DEMO: "0",
      CONSOLE_ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL,
      CONSOLE_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      // Every spec signs in from 127.0.0.1, many times a minute: keep the sign-in limits above that.
      SIGNIN_RATE_PER_SOURCE: "0",
      SIGNIN_RATE_PER_EMAIL: "200",
    },
  },
});
