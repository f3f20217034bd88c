// A throw-away PostgreSQL cluster for the test suite: initdb into a temp dir, a server on a free port
// (socket in the same temp dir, fsync off — nothing here must survive), stopped and removed afterwards.
// As root the server runs as the `postgres` user (or `nobody`), since PostgreSQL refuses to run as root.
// When no server binary is found and we are root, Debian's `postgresql` package is installed with apt.
import { execFileSync, execSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./exec";

export type PgCluster = { url: string; dir: string; stop(): void };

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** The bin directory holding initdb, pg_ctl and postgres: $PG_BIN, the newest /usr/lib/postgresql/N/bin, or PATH. */
export function findPgBin(): string | null {
  const has = (dir: string) => ["initdb", "pg_ctl", "postgres"].every((b) => fs.existsSync(path.join(dir, b)));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : null;
  const base = "/usr/lib/postgresql";
  if (fs.existsSync(base)) {
    const versions = fs
      .readdirSync(base)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(path.join(base, v, "bin"))) return path.join(base, v, "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && has(dir)) return dir;
  return null;
}

/** Find the server binaries, installing Debian's package as root when they are missing. */
export function ensurePgBin(): { ok: true; bin: string } | { ok: false; message: string } {
  const found = findPgBin();
  if (found) return { ok: true, bin: found };
  if (!isRoot()) {
    return {
      ok: false,
      message:
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in /usr/lib/postgresql/*/bin, $PG_BIN or PATH. " +
        "Install them as root: apt-get update && apt-get install -y postgresql",
    };
  }
  console.log("[test] PostgreSQL server binaries are missing: installing Debian's postgresql with apt-get");
  try {
    execSync("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql", { stdio: "inherit" });
  } catch {
    return { ok: false, message: "apt-get install -y postgresql failed; the PostgreSQL integration pass needs its server binaries" };
  }
  const bin = findPgBin();
  return bin ? { ok: true, bin } : { ok: false, message: "postgresql was installed but no initdb/pg_ctl/postgres was found" };
}

/** As root: the unprivileged user the server runs as. */
function serverUser(): string | null {
  if (!isRoot()) return null;
  for (const u of ["postgres", "nobody"]) if (spawnSync("id", ["-u", u]).status === 0) return u;
  throw new Error("running as root and neither the postgres nor the nobody user exists to run PostgreSQL");
}

function run(bin: string, args: string[], user: string | null): string {
  const [cmd, argv] = user ? ["runuser", ["-u", user, "--", bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], cwd: "/" });
}

/** Start a fresh cluster; throws with the server's own words when it cannot. */
export async function startPgCluster(bin: string): Promise<PgCluster> {
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mip6-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  fs.chmodSync(dir, 0o755);
  if (user) execFileSync("chown", [user, dir]);
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], user);
      } catch {
        // already gone
      }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // ICU's root collation orders text the way a production cluster in en_US.UTF-8 does (not byte order
    // like SQLite), so code that assumes byte order shows up here.
    const initdb = ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"];
    try {
      run(path.join(bin, "initdb"), [...initdb, "--locale-provider=icu", "--icu-locale=und"], user);
    } catch {
      // A server built without ICU: byte order it is.
      fs.rmSync(data, { recursive: true, force: true });
      run(path.join(bin, "initdb"), initdb, user);
    }
    const opts = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${dir}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      // Each test file's pool, plus the worker processes of the race tests, two files at a time.
      "-c max_connections=300",
    ].join(" ");
    started = true;
    run(path.join(bin, "pg_ctl"), ["-D", data, "-l", log, "-o", opts, "-w", "-t", "60", "start"], user);
  } catch (e) {
    const err = e as { stderr?: string; message?: string };
    const serverLog = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "";
    stop();
    throw new Error(`could not start a PostgreSQL test cluster: ${(err.stderr || err.message || String(e)).trim()}${serverLog ? `\n${serverLog}` : ""}`);
  }
  // Through the Unix socket (host=<dir>): a round trip costs less than over TCP, and the tests make many.
  return { url: `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`, dir, stop };
}
