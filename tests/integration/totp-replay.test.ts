// TOTP codes are one-time (RFC 6238 §5.2): once a code of step s has been accepted for a user, no code of
// step s or earlier is accepted again for that user — not by a second sign-in, not by two sign-ins racing
// each other, not by the removal of the factor, and not the code that confirmed the enrolment.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";
import { buildWorld, type World } from "./security-world";

let env: Awaited<ReturnType<typeof setupDatabase>>;
let w: World;
const pw = "correct horse battery staple";
const STEP_MS = 30_000;
/** A fixed clock in the middle of a step, so ±1 step stays inside the window. */
const T0 = new Date(Math.floor(Date.now() / STEP_MS) * STEP_MS + STEP_MS / 2);
const at = (steps: number) => new Date(T0.getTime() + steps * STEP_MS);

before(async () => {
  env = await setupDatabase("totp-replay");
  w = await buildWorld();
});
after(() => env.cleanup());

async function enrol(actor: World["users"]["admin"]["actor"], now: Date): Promise<Buffer> {
  const { startTotpEnrolment, confirmTotpEnrolment } = await import("@/lib/services/totp");
  const { openPendingTotp, totpAt } = await import("@/lib/auth/totp");
  const { pending } = startTotpEnrolment(actor);
  const secret = openPendingTotp(pending, actor.userId);
  await confirmTotpEnrolment(actor, { pending, code: totpAt(secret, now), currentPassword: pw }, now);
  return secret;
}

const failedLogins = async (userId: string) => (await env.db.user.findUniqueOrThrow({ where: { id: userId }, select: { failedLogins: true } })).failedLogins;

test("a code accepted at sign-in is refused the second time, and so are codes of earlier steps", async () => {
  const { authenticate } = await import("@/lib/services/users");
  const { totpAt } = await import("@/lib/auth/totp");
  const actor = w.users.opA.actor;
  const secret = await enrol(actor, at(0));

  assert.equal(await authenticate(actor.email, pw, at(0), totpAt(secret, at(0))), null, "the code that confirmed the enrolment does not sign in");

  assert.equal((await authenticate(actor.email, pw, at(1), totpAt(secret, at(1))))?.id, actor.userId, "a fresh code signs in");
  const before = await failedLogins(actor.userId);
  assert.equal(await authenticate(actor.email, pw, at(1), totpAt(secret, at(1))), null, "the same code again, same step");
  assert.equal(await authenticate(actor.email, pw, at(2), totpAt(secret, at(1))), null, "the same code again, next step (still inside the ±1 window)");
  assert.equal(await failedLogins(actor.userId), before + 2, "a replayed code is a failed sign-in like a wrong one");

  // Step 2's code used early (clock skew, still inside the window) moves the mark to step 2: step 1's
  // codes and step 2's code are spent, step 3's works.
  assert.equal((await authenticate(actor.email, pw, at(1), totpAt(secret, at(2))))?.id, actor.userId);
  assert.equal(await authenticate(actor.email, pw, at(2), totpAt(secret, at(2))), null);
  assert.equal((await authenticate(actor.email, pw, at(3), totpAt(secret, at(3))))?.id, actor.userId);
  assert.equal(await failedLogins(actor.userId), 0, "a good sign-in clears the count");
  assert.equal(await authenticate(actor.email, pw, at(4), totpAt(secret, at(3))), null, "an earlier step's code (inside the window) is refused");
});

test("two sign-ins racing with the same code: exactly one succeeds", async () => {
  const { authenticate } = await import("@/lib/services/users");
  const { totpAt } = await import("@/lib/auth/totp");
  const actor = w.users.opB.actor;
  const secret = await enrol(actor, at(0));
  for (const step of [1, 2, 3]) {
    const code = totpAt(secret, at(step));
    // Four at once: the three refusals stay under the 5-failure lock (which would refuse the winner too).
    const results = await Promise.all(Array.from({ length: 4 }, () => authenticate(actor.email, pw, at(step), code)));
    await env.db.user.update({ where: { id: actor.userId }, data: { failedLogins: 0, lockedUntil: null } });
    assert.equal(results.filter((r) => r?.id === actor.userId).length, 1, `step ${step}: ${results.map((r) => (r ? "ok" : "refused")).join(",")}`);
  }
});

test("removing the factor needs an unused code and spends it; re-enrolment starts a fresh mark", async () => {
  const { authenticate } = await import("@/lib/services/users");
  const { removeTotp } = await import("@/lib/services/totp");
  const { totpAt } = await import("@/lib/auth/totp");
  const actor = w.users.auditor.actor;
  const secret = await enrol(actor, at(0));
  await assert.rejects(removeTotp(actor, { code: totpAt(secret, at(0)) }, at(0)), { status: 422 }, "the enrolment code cannot remove the factor");
  assert.equal((await authenticate(actor.email, pw, at(1), totpAt(secret, at(1))))?.id, actor.userId);
  await assert.rejects(removeTotp(actor, { code: totpAt(secret, at(1)) }, at(1)), { status: 422 }, "a code spent at sign-in cannot remove the factor");
  // Two removals racing with one fresh code: one removes, the other is refused (nothing left to remove or the code is spent).
  const code2 = totpAt(secret, at(2));
  const settled = await Promise.allSettled([removeTotp(actor, { code: code2 }, at(2)), removeTotp(actor, { code: code2 }, at(2))]);
  assert.equal(settled.filter((s) => s.status === "fulfilled").length, 1);
  const row = await env.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpSecretEnc: true } });
  assert.equal(row.totpSecretEnc, null);
  const removals = await env.db.auditEntry.count({ where: { objectId: actor.userId, action: "user.totp-remove" } });
  assert.equal(removals, 1, "one removal, one audit entry");

  // A new secret, enrolled in the same step: its confirmation code is spent too, the next step's code signs in.
  const secret2 = await enrol(actor, at(2));
  assert.equal(await authenticate(actor.email, pw, at(2), totpAt(secret2, at(2))), null);
  assert.equal((await authenticate(actor.email, pw, at(3), totpAt(secret2, at(3))))?.id, actor.userId);
});

test("two enrolments racing: one secret wins, the other is refused", async () => {
  const { startTotpEnrolment, confirmTotpEnrolment } = await import("@/lib/services/totp");
  const { openPendingTotp, totpAt } = await import("@/lib/auth/totp");
  const actor = w.users.admin.actor;
  const one = startTotpEnrolment(actor);
  const two = startTotpEnrolment(actor);
  const s1 = openPendingTotp(one.pending, actor.userId);
  const s2 = openPendingTotp(two.pending, actor.userId);
  const settled = await Promise.allSettled([
    confirmTotpEnrolment(actor, { pending: one.pending, code: totpAt(s1, at(0)), currentPassword: pw }, at(0)),
    confirmTotpEnrolment(actor, { pending: two.pending, code: totpAt(s2, at(0)), currentPassword: pw }, at(0)),
  ]);
  assert.equal(settled.filter((s) => s.status === "fulfilled").length, 1, JSON.stringify(settled.map((s) => s.status)));
  const refused = settled.find((s) => s.status === "rejected");
  assert.equal((refused as PromiseRejectedResult).reason.status, 409);
  assert.equal(await env.db.auditEntry.count({ where: { objectId: actor.userId, action: "user.totp-enrol" } }), 1);
});
