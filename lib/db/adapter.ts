import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type DbProvider, providerOf, sqliteFilePath } from "./provider";

/** A Prisma driver adapter factory for the URL (also used by the WebAssembly schema engine). */
export function adapterFactoryFor(url: string): { provider: DbProvider; factory: PrismaBetterSqlite3 | PrismaPg } {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = sqliteFilePath(url);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // busy timeout: several processes (app, CLI, simulator) may write the same file.
    return { provider, factory: new PrismaBetterSqlite3({ url: file, timeout: 15000 }) };
  }
  return { provider, factory: new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }) };
}
