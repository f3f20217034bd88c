// Portable case-insensitive prefix search. Prisma's `startsWith` is SQL LIKE: SQLite's LIKE ignores ASCII
// case, PostgreSQL's does not (and `mode: "insensitive"`, its ILIKE, exists only in the PostgreSQL client's
// types). Name searches go through here so an operator typing "cell" finds "Cellular" on either database.
import { databaseUrl, providerOf } from "./provider";

export function startsWithIgnoringCase(q: string): { startsWith: string } {
  if (providerOf(databaseUrl()) === "postgresql") return { startsWith: q, mode: "insensitive" } as { startsWith: string };
  return { startsWith: q };
}
