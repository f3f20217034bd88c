// Bearer tokens for the operator API. A token is "mip6_" + 32 CSPRNG bytes (base64url); only its SHA-256
// is stored, so a database leak yields no usable token. A token acts as its user, with the user's role and
// scope as they are *now* (re-read on every request), and stops working when revoked, expired or when the
// user is disabled.
import crypto from "node:crypto";
import type { Actor, Role, UserActor } from "@/lib/auth/actor";
import { requireWrite } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { getDb } from "@/lib/db/client";
import { withTx } from "@/lib/db/tx";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/domain/schemas/parse";
import { ApiTokenCreateSchema } from "@/lib/domain/schemas/user";

export const TOKEN_PREFIX = "mip6_";
const TOKEN_RE = /^mip6_[A-Za-z0-9_-]{43}$/;
/** lastUsedAt is a hint for people, not an audit trail: write it at most once a minute per token. */
const LAST_USED_GRANULARITY_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export type ApiTokenDto = {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
};

/**
 * Create a token for `userId`. An admin (or the console itself, e.g. the CLI) may create one for anyone;
 * other users only for themselves. Returns the token this once.
 */
export async function createApiToken(actor: Actor, input: { userId: string; name: string; expiresAt?: Date | string | null }): Promise<{ token: string; id: string }> {
  const data = parseInput(ApiTokenCreateSchema, input);
  const isAdmin = actor.kind === "system" || actor.role === "admin";
  if (!isAdmin && actor.userId !== data.userId) throw new ForbiddenError("only an admin may create tokens for another user");
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return withTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: data.userId }, select: { id: true, email: true, disabled: true } });
    if (!user) throw new ValidationError({ userId: "no such user" });
    if (user.disabled) throw new ValidationError({ userId: "this user is disabled" });
    const row = await tx.apiToken.create({
      data: { userId: user.id, name: data.name, tokenHash: hashToken(token), prefix: token.slice(0, 12), expiresAt: data.expiresAt },
      select: { id: true, prefix: true },
    });
    await recordAudit(tx, actor, {
      action: "api-token.create",
      objectType: "api-token",
      objectId: row.id,
      after: { userId: user.id, email: user.email, name: data.name, prefix: row.prefix, expiresAt: data.expiresAt },
    });
    return { token, id: row.id };
  });
}

/** Revoke a token: its owner or an admin. Revoking twice is harmless. */
export async function revokeApiToken(actor: Actor, id: string): Promise<void> {
  requireWrite(actor);
  await withTx(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id }, select: { userId: true, revokedAt: true, name: true } });
    const mayRevoke = actor.kind === "system" || actor.role === "admin" || actor.userId === row?.userId;
    if (!row || !mayRevoke) throw new NotFoundError("token");
    if (row.revokedAt) return;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "api-token.revoke", objectType: "api-token", objectId: id, after: { name: row.name } });
  });
}

const tokenSelect = { id: true, userId: true, name: true, prefix: true, expiresAt: true, revokedAt: true, lastUsedAt: true, createdAt: true };

function toTokenDto(r: { id: string; userId: string; name: string; prefix: string; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null; createdAt: Date }): ApiTokenDto {
  return {
    ...r,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

const isAdminActor = (actor: Actor) => actor.kind === "system" || actor.role === "admin";

/** A user's tokens, newest first (never the token itself, only its first characters). Others' are 404. */
export async function listApiTokens(actor: Actor, userId: string): Promise<ApiTokenDto[]> {
  if (!isAdminActor(actor) && (actor.kind !== "user" || actor.userId !== userId)) throw new NotFoundError("user");
  const rows = await getDb().apiToken.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500, select: tokenSelect });
  return rows.map(toTokenDto);
}

export async function getApiToken(actor: Actor, id: string): Promise<ApiTokenDto> {
  const row = await getDb().apiToken.findUnique({ where: { id }, select: tokenSelect });
  if (!row || (!isAdminActor(actor) && (actor.kind !== "user" || actor.userId !== row.userId))) throw new NotFoundError("token");
  return toTokenDto(row);
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m ? m[1] : null;
}

/** The acting user of a request's bearer token, or null for a missing, malformed, unknown, revoked or expired one. */
export async function authenticateBearer(request: Request, now = new Date()): Promise<UserActor | null> {
  const token = bearerToken(request);
  // Malformed tokens are refused before any database work (cheap rejection of junk).
  if (!token || !TOKEN_RE.test(token)) return null;
  const row = await getDb().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, role: true, disabled: true, scopes: { select: { providerId: true } } } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabled) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    // Conditional update: concurrent requests do not all write.
    await getDb().apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_GRANULARITY_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return {
    kind: "user",
    userId: row.user.id,
    email: row.user.email,
    role: row.user.role as Role,
    providerIds: row.user.scopes.map((s) => s.providerId),
    tokenId: row.id,
  };
}
