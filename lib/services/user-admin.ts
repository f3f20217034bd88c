// Creating operator accounts (CLI now, /api/v1/users later). Sign-in, password change and the first admin
// live in lib/services/users.ts; the password policy and argon2id hashing in lib/auth/password.ts.
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/audit";
import { withTx } from "@/lib/db/tx";
import { ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/domain/schemas/parse";
import { UserCreateSchema } from "@/lib/domain/schemas/user";

export type CreatedUser = { id: string; email: string; role: string; providerIds: string[]; mustChangePassword: boolean };

/** A random initial password (24 base64url characters ≈ 144 bits) for accounts created without one. */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString("base64url");
}

/**
 * Create a user. `mustChangePassword` forces a new password at first sign-in (used when the console
 * chose the password). The password is never audited or returned.
 */
export async function createUser(actor: Actor, input: unknown, opts: { mustChangePassword?: boolean } = {}): Promise<CreatedUser> {
  requireAdmin(actor);
  const data = parseInput(UserCreateSchema, input);
  const providerIds = data.role === "operator" ? [...new Set(data.providerIds)] : [];
  const passwordHash = await hashPassword(data.password);
  const mustChangePassword = opts.mustChangePassword ?? false;
  try {
    return await withTx(async (tx) => {
      const found = await tx.provider.findMany({ where: { id: { in: providerIds } }, select: { id: true } });
      if (found.length !== providerIds.length) throw new ValidationError({ providerIds: "no such provider" });
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, passwordHash, mustChangePassword, scopes: { create: providerIds.map((providerId) => ({ providerId })) } },
        select: { id: true, email: true, role: true },
      });
      const created = { ...user, providerIds, mustChangePassword };
      await recordAudit(tx, actor, { action: "user.create", objectType: "user", objectId: user.id, after: created });
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError("a user with this email already exists", { email: "a user with this email already exists" });
    throw e;
  }
}
