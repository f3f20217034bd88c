import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type DbProvider, providerOf, sqliteFilePath } from "./provider";

/**
 * Every SQLite connection: WAL (persistent in the file; set here too so a file created by a test or a
 * tool gets it) and synchronous=NORMAL, which is per connection and otherwise FULL: in WAL mode FULL
 * fsyncs the log on every commit, NORMAL only at checkpoints. A commit stays atomic and the file
 * consistent; a power cut (not a process crash) may lose the last commits. better-sqlite3 is
 * synchronous, so each fsync also blocked the event loop: see docs/performance.md.
 */
class TunedSqlite extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    return adapter;
  }
}

/** A Prisma driver adapter factory for the URL (also used by the WebAssembly schema engine). */
export function adapterFactoryFor(url: string): { provider: DbProvider; factory: PrismaBetterSqlite3 | PrismaPg } {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = sqliteFilePath(url);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // busy timeout: several processes (app, CLI, simulator) may write the same file.
    return { provider, factory: new TunedSqlite({ url: file, timeout: 15000 }) };
  }
  return { provider, factory: new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }) };
}
