// Operator accounts as admins and auditors see them. Never a password hash, TOTP secret or token.
// Operators manage only themselves (/account), so listing users is refused for them (403: a role rule).
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { startsWithIgnoringCase } from "@/lib/db/search";
import { getDb } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { UserListQuerySchema, type UserListQuery } from "@/lib/domain/schemas/audit";
import { NEWEST_FIRST, afterCreatedAt, createdAtKey, decodeCursor, pageOf, parseListQuery, type Page } from "./pagination";
import { lookupKey } from "./by-id";

export type UserDto = {
  id: string;
  email: string;
  name: string | null;
  role: string;
  providerIds: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
};

export const userSelect = {
  id: true, email: true, name: true, role: true, disabled: true, mustChangePassword: true, lockedUntil: true,
  createdAt: true, updatedAt: true, totpSecretEnc: true,
  scopes: { select: { providerId: true }, orderBy: { providerId: "asc" as const } },
};

type UserRow = {
  id: string; email: string; name: string | null; role: string; disabled: boolean; mustChangePassword: boolean;
  lockedUntil: Date | null; createdAt: Date; updatedAt: Date; totpSecretEnc: string | null; scopes: { providerId: string }[];
};

export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    providerIds: u.scopes.map((s) => s.providerId),
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    // only whether a second factor is enrolled, never the (sealed) secret
    totpEnabled: u.totpSecretEnc !== null,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

/** admin and auditor (read-only) see accounts; everyone else is refused by role. */
export function requireUserReader(actor: Actor): void {
  if (actor.kind === "system" || actor.role === "admin" || actor.role === "auditor") return;
  throw new ForbiddenError("only an admin or auditor may view user accounts");
}

export async function listUsers(actor: Actor, query: UserListQuery = {}): Promise<Page<UserDto>> {
  requireUserReader(actor);
  const { limit, cursor, q, role, disabled } = parseListQuery(UserListQuerySchema, query);
  const rows = await getDb().user.findMany({
    where: {
      AND: [
        afterCreatedAt(decodeCursor(cursor, "createdAt")),
        q ? { OR: [{ email: { startsWith: q.toLowerCase() } }, { name: startsWithIgnoringCase(q) }] } : {},
        role ? { role } : {},
        disabled === undefined ? {} : { disabled },
      ],
    },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select: userSelect,
  });
  return pageOf(rows, limit, createdAtKey, toUserDto);
}

export async function getUser(actor: Actor, id: string, db: Tx = getDb()): Promise<UserDto> {
  requireUserReader(actor);
  const row = await db.user.findUnique({ where: { id: lookupKey(id, "user") }, select: userSelect });
  if (!row) throw new NotFoundError("user");
  return toUserDto(row);
}
