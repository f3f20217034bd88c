// Operator accounts: sign-in verification with a per-account lock, password changes, the first admin.
import type { Role, UserActor } from "@/lib/auth/actor";
import { systemActor } from "@/lib/auth/actor";
import { PasswordChangeSchema, hashPassword, passwordProblem, timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/audit";
import { matchTotpStep, openTotpSecret } from "@/lib/auth/totp";
import { getDb } from "@/lib/db/client";
import { withTx } from "@/lib/db/tx";
import { NotFoundError, ValidationError, isUniqueViolation, type FieldErrors } from "@/lib/errors";

/** Failed sign-ins in a row before the account is locked; per-IP rate limiting comes on top later. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Emails are compared case-insensitively: stored and looked up lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type AuthenticatedUser = {
  id: string;
  email: string;
  role: Role;
  providerIds: string[];
  mustChangePassword: boolean;
};

/**
 * Check an email and password. Every failure (unknown email, disabled, locked, wrong password) returns null
 * after comparable work, so the caller shows one generic message and timing reveals nothing either.
 */
export async function authenticate(emailInput: string, password: string, now = new Date(), totpCode = ""): Promise<AuthenticatedUser | null> {
  const email = normalizeEmail(emailInput);
  // A NUL cannot be in any stored email (the database layer refuses it): a plain failure, not an error.
  if (!email || !password || password.length > 1024 || email.includes("\u0000")) return null;
  const user = await getDb().user.findUnique({
    where: { email },
    select: {
      id: true, email: true, role: true, passwordHash: true, mustChangePassword: true, disabled: true,
      failedLogins: true, lockedUntil: true, totpSecretEnc: true, totpLastStep: true, scopes: { select: { providerId: true } },
    },
  });
  if (!user || user.disabled || (user.lockedUntil && user.lockedUntil > now)) {
    // A locked account is not even tried: guessing during the lock learns nothing.
    await verifyPassword(await timingDummyHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailedLogin(user.id, now);
    return null;
  }
  // With a second factor enrolled, a missing, wrong or already used code is a failed sign-in like a wrong
  // password (same generic answer, counts towards the lock). A code is good once (RFC 6238 §5.2): its step
  // is spent by a conditional update, so of two sign-ins racing with one code only the first gets in, and
  // only while the secret it was checked against is still the enrolled one.
  if (user.totpSecretEnc) {
    const step = matchTotpStep(openTotpSecret(user.totpSecretEnc, user.id), totpCode, now, user.totpLastStep);
    const spent =
      step !== null &&
      (
        await getDb().user.updateMany({
          where: {
            id: user.id,
            totpSecretEnc: user.totpSecretEnc,
            AND: [{ OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, { OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] }],
          },
          data: { totpLastStep: step, failedLogins: 0, lockedUntil: null },
        })
      ).count === 1;
    if (!spent) {
      await recordFailedLogin(user.id, now);
      return null;
    }
  } else if (user.failedLogins > 0 || user.lockedUntil) {
    await getDb().user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
  }
  return {
    id: user.id,
    email: user.email,
    role: user.role as Role,
    providerIds: user.scopes.map((s) => s.providerId),
    mustChangePassword: user.mustChangePassword,
  };
}

async function recordFailedLogin(userId: string, now: Date): Promise<void> {
  await withTx(async (tx) => {
    const u = await tx.user.update({
      where: { id: userId },
      data: { failedLogins: { increment: 1 } },
      select: { failedLogins: true, email: true },
    });
    if (u.failedLogins >= MAX_FAILED_LOGINS) {
      const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
      await tx.user.update({ where: { id: userId }, data: { failedLogins: 0, lockedUntil } });
      await recordAudit(tx, systemActor("sign-in"), {
        action: "user.lock",
        objectType: "user",
        objectId: userId,
        after: { email: u.email, lockedUntil, reason: `${MAX_FAILED_LOGINS} failed sign-ins` },
      });
    }
  });
}

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? "form");
    out[key] ??= i.message;
  }
  return out;
}

/**
 * Change the acting user's own password. Needs the current one (a stolen session alone cannot take over
 * the account); clears mustChangePassword.
 */
export async function changePassword(actor: UserActor, input: unknown): Promise<void> {
  const parsed = PasswordChangeSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error.issues));
  const { currentPassword, newPassword } = parsed.data;
  const user = await getDb().user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true, disabled: true } });
  if (!user || user.disabled) throw new NotFoundError("user");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new ValidationError({ currentPassword: "The current password is not correct." });
  }
  const passwordHash = await hashPassword(newPassword);
  await withTx(async (tx) => {
    await tx.user.update({
      where: { id: actor.userId },
      data: { passwordHash, mustChangePassword: false, failedLogins: 0, lockedUntil: null },
    });
    await recordAudit(tx, actor, { action: "user.password-change", objectType: "user", objectId: actor.userId });
  });
}

export type FirstAdminResult =
  | { created: false }
  | { created: true; userId: string; email: string; mustChangePassword: boolean };

/**
 * Create the first admin when the user table is empty. Safe when several instances start at once:
 * the emptiness check and the insert share a transaction, and the unique email settles any race.
 */
export async function createFirstAdminIfNone(input: { email: string; password: string; mustChangePassword: boolean }): Promise<FirstAdminResult> {
  const email = normalizeEmail(input.email);
  if (!email.includes("@")) throw new ValidationError({ email: "CONSOLE_ADMIN_EMAIL must be an email address." });
  const problem = passwordProblem(input.password);
  if (problem) throw new ValidationError({ password: problem });
  if ((await getDb().user.count()) > 0) return { created: false };
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTx(async (tx) => {
      if ((await tx.user.count()) > 0) return { created: false } as const;
      const user = await tx.user.create({
        data: { email, passwordHash, role: "admin", mustChangePassword: input.mustChangePassword },
        select: { id: true },
      });
      await recordAudit(tx, systemActor("start"), {
        action: "user.create",
        objectType: "user",
        objectId: user.id,
        after: { email, role: "admin", mustChangePassword: input.mustChangePassword, firstAdmin: true },
      });
      return { created: true, userId: user.id, email, mustChangePassword: input.mustChangePassword } as const;
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { created: false };
    throw e;
  }
}
