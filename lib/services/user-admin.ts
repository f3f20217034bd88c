// Administering operator accounts (CLI, /api/v1/users, /users): create, change role/scope, disable, reset password. Sign-in, password change and the first admin
// live in lib/services/users.ts; the password policy and argon2id hashing in lib/auth/password.ts.
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/audit";
import { withTx } from "@/lib/db/tx";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/domain/schemas/parse";
import { UserCreateSchema, UserInviteSchema, UserUpdateSchema } from "@/lib/domain/schemas/user";
import type { Tx } from "@/lib/db/tx";
import { getUser, userSelect, toUserDto, type UserDto } from "@/lib/data/users";

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

/**
 * Create a user from the API or the console. The password is an *initial* one: given or generated, it
 * must be changed at first sign-in. It is returned only when the console generated it (shown once).
 */
export async function inviteUser(actor: Actor, input: unknown): Promise<{ user: UserDto; password: string | null }> {
  requireAdmin(actor);
  const data = parseInput(UserInviteSchema, input);
  const password = data.password ?? generatePassword();
  const created = await createUser(actor, { ...data, password }, { mustChangePassword: true });
  return { user: await getUser(actor, created.id), password: data.password ? null : password };
}

/** Refuse a change that would leave no enabled admin (nobody could administer the console any more). */
async function assertAnotherAdmin(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
  if (others === 0) throw new ConflictError("this is the last enabled admin; make another admin first", { role: "the last enabled admin cannot be demoted or disabled" });
}

async function checkProviders(tx: Tx, providerIds: string[]): Promise<void> {
  const found = await tx.provider.findMany({ where: { id: { in: providerIds } }, select: { id: true } });
  if (found.length !== providerIds.length) throw new ValidationError({ providerIds: "no such provider" });
}

/** Change role, provider scope, name or the disabled flag. An operator must keep at least one provider. */
export async function updateUser(actor: Actor, id: string, input: unknown): Promise<UserDto> {
  requireAdmin(actor);
  const data = parseInput(UserUpdateSchema, input);
  return withTx(async (tx) => {
    const row = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!row) throw new NotFoundError("user");
    const before = toUserDto(row);
    const role = data.role ?? before.role;
    // Admins and auditors see every provider: a scope would be meaningless, so it is cleared.
    const providerIds = role === "operator" ? [...new Set(data.providerIds ?? before.providerIds)] : [];
    if (role === "operator" && providerIds.length === 0) throw new ValidationError({ providerIds: "an operator needs at least one provider in scope" });
    const disabled = data.disabled ?? before.disabled;
    if (before.role === "admin" && !before.disabled && (role !== "admin" || disabled)) await assertAnotherAdmin(tx, id);
    await checkProviders(tx, providerIds);
    await tx.userProvider.deleteMany({ where: { userId: id, providerId: { notIn: providerIds } } });
    for (const providerId of providerIds.filter((p) => !before.providerIds.includes(p))) {
      await tx.userProvider.create({ data: { userId: id, providerId } });
    }
    const updated = await tx.user.update({
      where: { id },
      data: { role, disabled, ...(data.name !== undefined ? { name: data.name } : {}), ...(data.totpEnabled === false ? { totpSecretEnc: null } : {}) },
      select: userSelect,
    });
    const after = toUserDto(updated);
    const action =
      before.disabled !== after.disabled ? (after.disabled ? "user.disable" : "user.enable") : before.totpEnabled && !after.totpEnabled ? "user.totp-remove" : "user.update";
    await recordAudit(tx, actor, {
      action,
      objectType: "user",
      objectId: id,
      before: { role: before.role, providerIds: before.providerIds, disabled: before.disabled, name: before.name, secondFactor: before.totpEnabled },
      after: { role: after.role, providerIds: after.providerIds, disabled: after.disabled, name: after.name, secondFactor: after.totpEnabled },
    });
    return after;
  });
}

/**
 * Give a user a new generated initial password (returned once), to be changed at next sign-in, and revoke
 * the user's API tokens. Also clears a sign-in lock: the usual reason to reset is a locked-out colleague.
 */
export async function resetUserPassword(actor: Actor, id: string): Promise<{ password: string; mustChangePassword: true }> {
  requireAdmin(actor);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await withTx(async (tx) => {
    const row = await tx.user.findUnique({ where: { id }, select: { id: true, email: true } });
    if (!row) throw new NotFoundError("user");
    await tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null } });
    // A reset may answer a compromised account: its API tokens go with the old password (else a stolen
    // token would keep working, and could even mint new ones, while the password is being changed).
    const revoked = await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "user.password-reset", objectType: "user", objectId: id, after: { email: row.email, mustChangePassword: true, apiTokensRevoked: revoked.count } });
  });
  return { password, mustChangePassword: true };
}
