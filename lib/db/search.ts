// Portable case-insensitive prefix search. Prisma's `startsWith` is SQL LIKE: SQLite's LIKE ignores ASCII
// case, PostgreSQL's does not (and `mode: "insensitive"`, its ILIKE, exists only in the PostgreSQL client's
// types). Name searches go through here so an operator typing "cell" finds "Cellular" on either database.
import { databaseUrl, providerOf } from "./provider";

export function startsWithIgnoringCase(q: string): { startsWith: string } {
  if (providerOf(databaseUrl()) === "postgresql") return { startsWith: q, mode: "insensitive" } as { startsWith: string };
  return { startsWith: q };
}

/** Exact, case-sensitive prefix match on both databases (NAIs: the user part is case-sensitive, RFC 7542).
 *  The range keeps an index usable; `startsWith` keeps it exact where the collation is not byte order
 *  (PostgreSQL with ICU), and the range keeps SQLite's case-insensitive LIKE from matching other cases. */
export function startsWithExactly(q: string): { gte: string; lt: string; startsWith: string } {
  return { gte: q, lt: q + "\u{10FFFF}", startsWith: q };
}
