// Prisma's schema engine as WebAssembly (works offline; the native engine would be downloaded).
// See ../shared/TOOLCHAIN.md "Prisma offline" for why this is loaded by hand.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { adapterFactoryFor } from "./adapter";
import type { DbProvider } from "./provider";

export type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

let wasmReady: Promise<{ SchemaEngine: { new: (o: unknown, cb: unknown, a: unknown) => Promise<Engine> } }> | null = null;

function loadWasm() {
  if (!wasmReady) {
    wasmReady = (async () => {
      // The package's "exports" hide the files we need, so resolve its entry and load beside it.
      const req = createRequire(path.join(process.cwd(), "package.json"));
      const pkgDir = path.dirname(req.resolve("@prisma/schema-engine-wasm"));
      const bg = await import(/* webpackIgnore: true */ pathToFileURL(path.join(pkgDir, "schema_engine_bg.js")).href);
      const bytes = fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
      const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
      bg.__wbg_set_wasm(instance.exports);
      (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
      return bg;
    })();
  }
  return wasmReady;
}

export const providerSchema = (text: string, provider: DbProvider) =>
  text.replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"`);

export function readSchema(provider: DbProvider): string {
  return providerSchema(fs.readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8"), provider);
}

export async function withEngine<T>(url: string, fn: (engine: Engine, provider: DbProvider) => Promise<T>): Promise<T> {
  const { provider, factory } = adapterFactoryFor(url);
  // The engine never closes the connections it opens, and on SQLite the one it leaves behind keeps a lock
  // that blocks every other writer (the app, the first-admin creation) until the process exits. Track
  // them and dispose them when the engine is done.
  const opened: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory) as () => Promise<{ dispose(): Promise<void> }>;
  (factory as { connect: () => Promise<unknown> }).connect = async () => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const { SchemaEngine } = await loadWasm();
  const logs: string[] = [];
  let engine: Engine;
  try {
    engine = await SchemaEngine.new(
      { datamodels: [["schema.prisma", readSchema(provider)]] },
      (line: string) => logs.push(line),
      bound,
    );
  } catch (e) {
    await Promise.allSettled(opened.map((c) => c.dispose()));
    throw explain(e, bound);
  }
  try {
    return await fn(engine, provider);
  } catch (e) {
    throw explain(e, bound);
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => undefined)));
  }
}

/** "External error id#N" hides the driver's error in the bound factory's registry. */
function explain(e: unknown, bound: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /id#(\d+)/.exec(msg);
  const registry = (bound as { errorRegistry?: { consumeError?: (id: number) => unknown } }).errorRegistry;
  if (m && registry?.consumeError) {
    const inner = registry.consumeError(Number(m[1]));
    return new Error(`${msg}: ${JSON.stringify(inner)}`);
  }
  return e instanceof Error ? e : new Error(msg);
}
