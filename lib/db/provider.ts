// Which database a DATABASE_URL points at. SQLite is the embedded default; PostgreSQL is production.
export type DbProvider = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/console.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function providerOf(url: string): DbProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got a value starting with "${url.slice(0, 12)}"`,
  );
}

/** Path of the SQLite file for a file: URL, relative paths resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  const p = url.slice("file:".length).split("?")[0];
  return p;
}
