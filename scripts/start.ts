// `npm start`: everything a fresh clone needs after `npm install`, then the production server.
//   1. generate the Prisma client for DATABASE_URL's provider (no-op when current)
//   2. `next build` only when the build is missing or its sources changed (hash stored in the dist dir)
//   3. apply migrations, create the first admin, seed demo data into an empty database (CONSOLE_DEMO != "0")
//   4. `next start` on $PORT, print the URL and how to sign in; SIGINT/SIGTERM are forwarded to Next.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsCurrent, recordBuildHash, sourceHash } from "./start-build";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

// Defaults are set before anything reads lib/env.ts (it parses process.env once).
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.PORT = process.env.PORT?.trim() || "3000";
// NEXTAUTH_URL is left unset unless configured: lib/auth/options.ts then takes the origin from the request,
// so the console works under whatever host name people reach it by (localhost, 127.0.0.1, a LAN name).
const publicUrl = process.env.NEXTAUTH_URL?.trim().replace(/\/$/, "") || `http://localhost:${process.env.PORT}`;
const distDir = process.env.NEXT_DIST_DIR?.trim() || ".next";
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

let child: ChildProcess | null = null;
let stopping = false;

function log(msg: string): void {
  console.log(`[mip6] ${msg}`);
}

/** Run a command to completion, inheriting stdio; the current child receives forwarded signals. */
function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
    child = p;
    p.on("error", reject);
    p.on("exit", (code, signal) => {
      child = null;
      if (stopping) process.exit(code ?? 130);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(args[0] ?? cmd)} ${args[1] ?? ""} exited with ${signal ?? code}`));
    });
  });
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    stopping = true;
    if (child && child.exitCode === null) child.kill(sig);
    else process.exit(130);
  });
}

async function buildIfNeeded(): Promise<void> {
  const hash = sourceHash(root);
  if (buildIsCurrent(root, distDir, hash)) {
    log(`production build in ${distDir} is up to date`);
    return;
  }
  log(`building the console into ${distDir} (first start or sources changed; this takes a minute or two)`);
  // `next build` adds "<distDir>/types/**/*.ts" to tsconfig.json for any dist dir it has not seen; a build
  // into .next-e2e or a developer's own dir must not leave the checked-in tsconfig.json modified.
  const tsconfig = fs.readFileSync(path.join(root, "tsconfig.json"));
  try {
    await run(process.execPath, [nextBin, "build"], { NEXT_DIST_DIR: distDir });
  } finally {
    fs.writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
  }
  recordBuildHash(root, distDir, hash);
}

async function prepareDatabase(): Promise<{ generatedPassword: string | null; adminEmail: string }> {
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { databaseUrl, providerOf } = await import("@/lib/db/provider");
  const { env } = await import("@/lib/env");
  const { getDb, disconnectDb } = await import("@/lib/db/client");
  const url = databaseUrl();
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const { sqliteFilePath } = await import("@/lib/db/provider");
    fs.mkdirSync(path.dirname(path.resolve(sqliteFilePath(url))), { recursive: true });
  }
  const applied = await applyMigrations(url);
  log(`database (${provider}): ${applied.length ? `applied migrations ${applied.join(", ")}` : "migrations up to date"}`);

  const db = getDb();
  if (provider === "sqlite") {
    // Write-ahead logging (kept in the database file): readers never block the writer, and the app, the
    // CLI and the simulator can share the file. It also makes each commit one fsync instead of several.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  }

  const { ensureFirstAdmin } = await import("@/lib/auth/first-admin");
  const admin = await ensureFirstAdmin();
  const generatedPassword = admin.created ? admin.generatedPassword : null;

  const empty = (await db.provider.count()) === 0 && (await db.subscriber.count()) === 0;
  if (empty && env().CONSOLE_DEMO !== "0") {
    const { seedDemo } = await import("@/lib/services/demo-seed");
    const t0 = Date.now();
    const summary = await seedDemo();
    log(
      `demo data: ${summary.providers} providers, ${summary.homeAgents} home agents, ${summary.subscribers} subscribers, ` +
        `${summary.sessions} bootstrap sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `demo credentials in ${summary.credentialsFile}`,
    );
  } else if (empty) {
    log("CONSOLE_DEMO=0: starting with an empty console");
  }
  await disconnectDb();
  return { generatedPassword, adminEmail: env().CONSOLE_ADMIN_EMAIL };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping && child) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

function banner(url: string, adminEmail: string, generatedPassword: string | null): string {
  const lines = [`MIP6 Console is running at ${url}`, ""];
  if (generatedPassword) {
    lines.push(
      `Sign in at ${url}/signin as ${adminEmail} with this one-time password (shown only now;`,
      "you will be asked to choose a new one at first sign-in):",
      "",
      `    ${generatedPassword}`,
    );
  } else if (process.env.CONSOLE_ADMIN_PASSWORD) {
    lines.push(`Sign in at ${url}/signin as ${adminEmail} with the password from CONSOLE_ADMIN_PASSWORD.`);
  } else {
    lines.push(`Sign in at ${url}/signin as ${adminEmail} with the password you chose (the admin already exists).`);
  }
  if (process.env.CONSOLE_DEMO !== "0" && fs.existsSync(path.join(root, "demo/credentials.json"))) {
    lines.push("", `Demo mobile nodes: demo/credentials.json — try \`npm run simulate -- --count 20 --url ${url}\`.`);
  }
  lines.push("", "Stop with Ctrl-C.");
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "=".repeat(width + 4);
  return [bar, ...lines.map((l) => (l ? `  ${l}` : "")), bar].join("\n");
}

async function main(): Promise<void> {
  log("generating the Prisma client if needed");
  await run(process.execPath, [path.join(root, "scripts/db/generate.mjs")]);
  // The API method table proxy.ts answers 405s from (rewritten only when a route's methods changed).
  await run(process.execPath, [path.join(root, "scripts/api/route-methods.mjs")]);
  await buildIfNeeded();
  const { generatedPassword, adminEmail } = await prepareDatabase();

  const port = process.env.PORT!;
  const url = publicUrl;
  log(`starting the server on port ${port}`);
  // Idle keep-alive connections live 65 s (Node's default is 5 s): longer than the idle timeout of common
  // load balancers and reverse proxies (60 s), so the server never closes a connection a proxy or client
  // is about to reuse — that race answers the request with a connection reset (seen in e2e).
  const server = spawn(process.execPath, [nextBin, "start", "-p", port, "--keepAliveTimeout", "65000"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir },
  });
  child = server;
  server.on("exit", (code, signal) => {
    child = null;
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
  });
  if (await waitForHealth(`http://127.0.0.1:${port}`, 120_000)) {
    console.log(`\n${banner(url, adminEmail, generatedPassword)}\n`);
  } else if (child) {
    log(`the server did not answer ${url}/api/health within 2 minutes; it keeps running, check the log above`);
  }
}

main().catch((e) => {
  console.error(`[mip6] start failed: ${e instanceof Error ? e.message : String(e)}`);
  if (child && child.exitCode === null) child.kill("SIGTERM");
  process.exit(1);
});
