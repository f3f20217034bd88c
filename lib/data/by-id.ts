// The where clause of a lookup by id inside the caller's scope, for every getter in lib/data.
// An id that is not a non-empty string is a 404 before any query: Prisma drops a field whose value is
// undefined from a filter, so `{ id: undefined }` would match the first row in scope (a malformed
// server-action call once invited an arbitrary subscriber that way), and a number or an object would be
// a Prisma validation error (a 500) instead of "not found".
import { NotFoundError } from "@/lib/errors";

export function lookupKey(value: unknown, what: string): string {
  if (typeof value !== "string" || value === "" || value.length > 512) throw new NotFoundError(what);
  return value;
}

export function idInScope<W>(id: unknown, scope: W, what: string): { AND: [{ id: string }, W] } {
  return { AND: [{ id: lookupKey(id, what) }, scope] };
}
