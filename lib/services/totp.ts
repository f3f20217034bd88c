// Enrolling and removing the acting user's TOTP second factor. Both need proof: enrolment the current
// password and a code from the new secret (so a stolen session cannot lock the owner out, and a mistyped
// secret is caught before it is required); removal a current code. A code is good once (RFC 6238 §5.2):
// User.totpLastStep holds the step of the last code accepted — by enrolment, sign-in (lib/services/users.ts)
// or removal — and is moved by conditional updates only, so concurrent requests cannot both use one code.
import type { UserActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { matchTotpStep, newTotpSecret, openPendingTotp, openTotpSecret, otpauthUri, sealPendingTotp, sealTotpSecret } from "@/lib/auth/totp";
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
  const step = matchTotpStep(secret, input.code, now);
  if (step === null) throw new ValidationError({ code: "That code does not match; check the device's clock and try the next code." });
  await withTx(async (tx) => {
    // Only while nothing is enrolled (of two confirmations racing, the second is refused), and the
    // confirming code's step is spent: it cannot also sign in.
    const set = await tx.user.updateMany({
      where: { id: actor.userId, totpSecretEnc: null },
      data: { totpSecretEnc: sealTotpSecret(secret, actor.userId), totpLastStep: step },
    });
    if (set.count !== 1) throw new ConflictError("a second factor is already enrolled; remove it first");
    await recordAudit(tx, actor, { action: "user.totp-enrol", objectType: "user", objectId: actor.userId });
  });
}

export async function removeTotp(actor: UserActor, input: { code: string }, now = new Date()): Promise<void> {
  const user = await getDb().user.findUnique({ where: { id: actor.userId }, select: { totpSecretEnc: true, totpLastStep: true } });
  if (!user?.totpSecretEnc) throw new ConflictError("no second factor is enrolled");
  const spentCode = new ValidationError({ code: "That code does not match or was used already; wait for the next code." });
  const step = matchTotpStep(openTotpSecret(user.totpSecretEnc, actor.userId), input.code, now, user.totpLastStep);
  if (step === null) throw spentCode;
  await withTx(async (tx) => {
    // Spends the code and removes the secret it was checked against, in one conditional update.
    const removed = await tx.user.updateMany({
      where: { id: actor.userId, totpSecretEnc: user.totpSecretEnc, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpSecretEnc: null, totpLastStep: null },
    });
    if (removed.count !== 1) throw spentCode;
    await recordAudit(tx, actor, { action: "user.totp-remove", objectType: "user", objectId: actor.userId });
  });
}
