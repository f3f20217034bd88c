// Shared set-up for the operator API integration tests: a throw-away SQLite database, users of each
// role with real API tokens, and a way to call the route modules with real Request objects.
import os from "node:os";
import fs from "node:fs";
import crypto from "node:crypto";

export async function setupDatabase(name: string) {
  const file = `${os.tmpdir()}/mip6-${name}-${process.pid}.db`;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  process.env.CONSOLE_SECRET_KEY = crypto.randomBytes(32).toString("hex");
  const { applyMigrations } = await import("@/lib/db/migrate");
  await applyMigrations();
  const { getDb, disconnectDb } = await import("@/lib/db/client");
  return {
    db: getDb(),
    async cleanup() {
      await disconnectDb();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
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
