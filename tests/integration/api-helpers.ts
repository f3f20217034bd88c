// Shared set-up for the integration tests: a throw-away database (a SQLite file, or with TEST_POSTGRES_URL
// a fresh PostgreSQL database per test file), users of each role with real API tokens, and a way to call
// the route modules with real Request objects.
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

export type SetupOptions = {
  /** Keep the data key in a throw-away key file (CONSOLE_KEY_FILE) instead of CONSOLE_SECRET_KEY. */
  keyFile?: boolean;
};

/** The PostgreSQL server the integration tests run against (`npm run test:integration:pg` sets it), if any. */
export const testPostgresUrl = (): string | null => process.env.TEST_POSTGRES_URL?.trim() || null;

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Point DATABASE_URL at a new, migrated database: a SQLite file in the temp dir, or — when
 * TEST_POSTGRES_URL is set — a database of its own on that server, dropped again by cleanup().
 * Call it before the first import of @/lib/db/* (getDb() reads DATABASE_URL once).
 */
export async function setupDatabase(name: string, opts: SetupOptions = {}) {
  const unique = `${name}-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
  const pgBase = testPostgresUrl();
  let dropDatabase: () => Promise<void>;
  if (pgBase) {
    const dbName = `mip6_${unique.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}`.slice(0, 63);
    await adminQuery(pgBase, `CREATE DATABASE "${dbName}"`);
    const url = new URL(pgBase);
    url.pathname = `/${dbName}`;
    process.env.DATABASE_URL = url.toString();
    dropDatabase = () => adminQuery(pgBase, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  } else {
    const file = path.join(os.tmpdir(), `mip6-${unique}.db`);
    process.env.DATABASE_URL = `file:${file}`;
    dropDatabase = async () => {
      for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
    };
  }
  const keyFile = opts.keyFile ? path.join(os.tmpdir(), `mip6-${unique}.key`) : null;
  if (keyFile) {
    process.env.CONSOLE_KEY_FILE = keyFile;
    delete process.env.CONSOLE_SECRET_KEY;
  } else {
    process.env.CONSOLE_SECRET_KEY = crypto.randomBytes(32).toString("hex");
  }
  const { applyMigrations } = await import("@/lib/db/migrate");
  await applyMigrations();
  const { getDb, disconnectDb } = await import("@/lib/db/client");
  return {
    db: getDb(),
    url: process.env.DATABASE_URL,
    provider: pgBase ? ("postgresql" as const) : ("sqlite" as const),
    keyFile,
    async cleanup() {
      await disconnectDb();
      await dropDatabase();
      if (keyFile) fs.rmSync(keyFile, { force: true });
    },
  };
}

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string | number | boolean>;
  params?: Record<string, string>;
  headers?: Record<string, string>;
};

/** Call an exported route handler the way Next.js would, and read the JSON answer. */
export async function call(handler: unknown, method: string, path: string, opts: CallOptions = {}) {
  const url = new URL(`http://console.test${path}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(url, { method, headers, body });
  const response = await (handler as Handler)(request, { params: Promise.resolve(opts.params ?? {}) });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, json, text, headers: response.headers };
}
