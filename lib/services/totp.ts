// Enrolling and removing the acting user's TOTP second factor. Both need proof: enrolment the current
// password and a code from the new secret (so a stolen session cannot lock the owner out, and a mistyped
// secret is caught before it is required); removal a current code.
import type { UserActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { newTotpSecret, openPendingTotp, openTotpSecret, otpauthUri, sealPendingTotp, sealTotpSecret, verifyTotp } from "@/lib/auth/totp";
import { recordAudit } from "@/lib/audit/audit";
import { getDb } from "@/lib/db/client";
import { withTx } from "@/lib/db/tx";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";

export type TotpEnrolment = { pending: string; uri: string };

/** A fresh secret for the enrolment form: the otpauth URI to show and the sealed secret to post back. */
export function startTotpEnrolment(actor: UserActor): TotpEnrolment {
  const secret = newTotpSecret();
  return { pending: sealPendingTotp(secret, actor.userId), uri: otpauthUri(secret, actor.email) };
}

export async function totpEnabled(actor: UserActor): Promise<boolean> {
  const u = await getDb().user.findUnique({ where: { id: actor.userId }, select: { totpSecretEnc: true } });
  return !!u?.totpSecretEnc;
}

export async function confirmTotpEnrolment(actor: UserActor, input: { pending: string; code: string; currentPassword: string }, now = new Date()): Promise<void> {
  const user = await getDb().user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true, disabled: true, totpSecretEnc: true } });
  if (!user || user.disabled) throw new NotFoundError("user");
  if (user.totpSecretEnc) throw new ConflictError("a second factor is already enrolled; remove it first");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new ValidationError({ currentPassword: "The current password is not correct." });
  let secret: Buffer;
  try {
    secret = openPendingTotp(input.pending, actor.userId);
  } catch {
    throw new ValidationError({ code: "The enrolment expired or was altered; start again." });
  }
  if (!verifyTotp(secret, input.code, now)) throw new ValidationError({ code: "That code does not match; check the device's clock and try the next code." });
  await withTx(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { totpSecretEnc: sealTotpSecret(secret, actor.userId) } });
    await recordAudit(tx, actor, { action: "user.totp-enrol", objectType: "user", objectId: actor.userId });
  });
}

export async function removeTotp(actor: UserActor, input: { code: string }, now = new Date()): Promise<void> {
  const user = await getDb().user.findUnique({ where: { id: actor.userId }, select: { totpSecretEnc: true } });
  if (!user?.totpSecretEnc) throw new ConflictError("no second factor is enrolled");
  if (!verifyTotp(openTotpSecret(user.totpSecretEnc, actor.userId), input.code, now)) throw new ValidationError({ code: "That code does not match." });
  await withTx(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { totpSecretEnc: null } });
    await recordAudit(tx, actor, { action: "user.totp-remove", objectType: "user", objectId: actor.userId });
  });
}
