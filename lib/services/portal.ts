// The subscriber self-service portal's mutations: sign-in with a per-NAI lock, one-time invites that set
// the portal password, and the two things a subscriber may do to itself (rotate its root secret, ask for
// a re-bootstrap). Every function that acts for a subscriber takes the id from its portal session, never
// from input, and acts through portalActor(), which names the subscriber in the audit trail.
import crypto from "node:crypto";
import { z } from "zod";
import type { Actor, SystemActor } from "@/lib/auth/actor";
import { requireWrite, systemActor } from "@/lib/auth/actor";
import { NewPasswordSchema, hashPassword, timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { PORTAL_SESSION_SECONDS, passwordVersion, portalSessionKey, signPortalSession, verifyPortalSession } from "@/lib/auth/portal-cookie";
import { dataKey } from "@/lib/crypto/secret-box";
import { recordAudit } from "@/lib/audit/audit";
import { getDb } from "@/lib/db/client";
import { withTx } from "@/lib/db/tx";
import { AppError, ForbiddenError, ValidationError, type FieldErrors } from "@/lib/errors";
import { parseSubscriberNai } from "@/lib/domain/nai";
import { getSubscriber } from "@/lib/data/subscribers";
import { requestRebootstrap, rotateSecret } from "./subscribers";

export const PORTAL_MAX_FAILED_LOGINS = 5;
export const PORTAL_LOCK_MINUTES = 15;
export const INVITE_DAYS = 7;
const INVITE_PREFIX = "pi_";
const INVITE_RE = /^pi_[A-Za-z0-9_-]{43}$/;

/** Who is signed in to the portal, as stored right now. */
export type PortalSubscriber = { id: string; nai: string; status: string; suspendedReason: string | null };

/** The subscriber acting on itself. Only ever built from a verified portal session. */
export function portalActor(s: { id: string; nai: string }): SystemActor {
  return { kind: "system", label: "portal", subscriber: { id: s.id, nai: s.nai } };
}

let sessionKey: Buffer | null = null;
const portalKey = () => (sessionKey ??= portalSessionKey(dataKey()));

/** The portal cookie's value for a signed-in subscriber. */
export function portalSessionValue(s: { id: string; passwordVersion: string }, now = new Date()): string {
  return signPortalSession(portalKey(), { sid: s.id, pv: s.passwordVersion, exp: Math.floor(now.getTime() / 1000) + PORTAL_SESSION_SECONDS });
}

/**
 * The subscriber of a genuine portal cookie value, re-read now: null when the cookie is forged or expired,
 * the subscriber is gone, or its portal password changed since (older sessions end with the password).
 */
export async function subscriberOfSession(value: string | undefined, now = new Date()): Promise<PortalSubscriber | null> {
  const claims = verifyPortalSession(portalKey(), value, now);
  if (!claims) return null;
  const s = await getDb().subscriber.findUnique({
    where: { id: claims.sid },
    select: { id: true, nai: true, status: true, suspendedReason: true, portalPasswordHash: true },
  });
  if (!s || !s.portalPasswordHash || passwordVersion(s.portalPasswordHash) !== claims.pv) return null;
  return { id: s.id, nai: s.nai, status: s.status, suspendedReason: s.suspendedReason };
}

export function hashInviteToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export type PortalSignInResult = { id: string; nai: string; passwordVersion: string };

/**
 * Check a mobility NAI (realm in any case) and portal password. Every failure (malformed or unknown NAI,
 * no portal password yet, locked, wrong password) returns null after comparable argon2 work, so the
 * caller shows one message and timing tells nothing. Suspended subscribers may sign in (to see why).
 */
export async function authenticateSubscriber(naiInput: string, password: string, now = new Date()): Promise<PortalSignInResult | null> {
  const parsed = parseSubscriberNai(String(naiInput ?? "").trim());
  if (!parsed.ok || !password || password.length > 1024) {
    await verifyPassword(await timingDummyHash(), password || "x");
    return null;
  }
  const s = await getDb().subscriber.findUnique({
    where: { nai: parsed.nai },
    select: { id: true, nai: true, portalPasswordHash: true, portalFailedLogins: true, portalLockedUntil: true },
  });
  if (!s || !s.portalPasswordHash || (s.portalLockedUntil && s.portalLockedUntil > now)) {
    await verifyPassword(await timingDummyHash(), password);
    return null;
  }
  if (!(await verifyPassword(s.portalPasswordHash, password))) {
    await recordFailedPortalLogin(s.id, now);
    return null;
  }
  if (s.portalFailedLogins > 0 || s.portalLockedUntil) {
    await getDb().subscriber.update({ where: { id: s.id }, data: { portalFailedLogins: 0, portalLockedUntil: null } });
  }
  return { id: s.id, nai: s.nai, passwordVersion: passwordVersion(s.portalPasswordHash) };
}

async function recordFailedPortalLogin(subscriberId: string, now: Date): Promise<void> {
  await withTx(async (tx) => {
    const s = await tx.subscriber.update({
      where: { id: subscriberId },
      data: { portalFailedLogins: { increment: 1 } },
      select: { portalFailedLogins: true, nai: true },
    });
    if (s.portalFailedLogins >= PORTAL_MAX_FAILED_LOGINS) {
      const lockedUntil = new Date(now.getTime() + PORTAL_LOCK_MINUTES * 60_000);
      await tx.subscriber.update({ where: { id: subscriberId }, data: { portalFailedLogins: 0, portalLockedUntil: lockedUntil } });
      await recordAudit(tx, systemActor("portal-sign-in"), {
        action: "subscriber.portal-lock",
        objectType: "subscriber",
        objectId: subscriberId,
        after: { nai: s.nai, lockedUntil, reason: `${PORTAL_MAX_FAILED_LOGINS} failed portal sign-ins` },
      });
    }
  });
}

export type CreatedPortalInvite = { token: string; path: string; expiresAt: string };

/**
 * An operator invites a subscriber to the portal: a one-time token, returned this once and stored only
 * as its SHA-256, valid for INVITE_DAYS. A new invite replaces the subscriber's unused older ones.
 */
export async function createPortalInvite(actor: Actor, subscriberId: string, now = new Date()): Promise<CreatedPortalInvite> {
  await getSubscriber(actor, subscriberId);
  requireWrite(actor);
  const token = INVITE_PREFIX + crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 24 * 60 * 60_000);
  return withTx(async (tx) => {
    const s = await getSubscriber(actor, subscriberId, tx);
    const replaced = await tx.portalInvite.deleteMany({ where: { subscriberId: s.id, usedAt: null } });
    const row = await tx.portalInvite.create({
      data: { subscriberId: s.id, tokenHash: hashInviteToken(token), expiresAt, createdBy: actor.kind === "user" ? actor.email : actor.label },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "subscriber.portal-invite",
      objectType: "subscriber",
      objectId: s.id,
      after: { nai: s.nai, inviteId: row.id, expiresAt, replacedUnusedInvites: replaced.count },
    });
    return { token, path: `/portal/invite/${token}`, expiresAt: expiresAt.toISOString() };
  });
}

const INVALID_INVITE = "This invite link is not valid: it may have been used already or have expired. Ask your provider for a new one.";

/** The NAI an invite is for while it can still be used; null otherwise (the page says so, generically). */
export async function describePortalInvite(token: string, now = new Date()): Promise<{ nai: string; expiresAt: string } | null> {
  if (!INVITE_RE.test(token)) return null;
  const row = await getDb().portalInvite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: { expiresAt: true, usedAt: true, subscriber: { select: { nai: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  return { nai: row.subscriber.nai, expiresAt: row.expiresAt.toISOString() };
}

const AcceptInviteSchema = z
  .object({ password: NewPasswordSchema, confirmPassword: z.string() })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.password) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords differ." });
  });

/**
 * Set the portal password with an invite: at most once per invite, even when two requests race (the
 * conditional update only succeeds for the first). Any older portal sessions end (password version).
 */
export async function acceptPortalInvite(token: string, input: unknown, now = new Date()): Promise<{ subscriberId: string; nai: string }> {
  const parsed = AcceptInviteSchema.safeParse(input);
  if (!parsed.success) {
    const fields: FieldErrors = {};
    for (const i of parsed.error.issues) fields[String(i.path[0] ?? "form")] ??= i.message;
    throw new ValidationError(fields);
  }
  if (!INVITE_RE.test(token)) throw new AppError(404, "not_found", INVALID_INVITE);
  const passwordHash = await hashPassword(parsed.data.password);
  return withTx(async (tx) => {
    const invite = await tx.portalInvite.findUnique({
      where: { tokenHash: hashInviteToken(token) },
      select: { id: true, expiresAt: true, usedAt: true, subscriber: { select: { id: true, nai: true } } },
    });
    if (!invite || invite.usedAt || invite.expiresAt <= now) throw new AppError(404, "not_found", INVALID_INVITE);
    const claimed = await tx.portalInvite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new AppError(404, "not_found", INVALID_INVITE);
    const s = invite.subscriber;
    await tx.subscriber.update({ where: { id: s.id }, data: { portalPasswordHash: passwordHash, portalFailedLogins: 0, portalLockedUntil: null } });
    await recordAudit(tx, portalActor(s), {
      action: "subscriber.portal-password-set",
      objectType: "subscriber",
      objectId: s.id,
      after: { nai: s.nai, inviteId: invite.id },
    });
    return { subscriberId: s.id, nai: s.nai };
  });
}

function requireActive(s: PortalSubscriber): void {
  if (s.status !== "active") throw new ForbiddenError("This subscription is suspended: contact your provider.");
}

/** The subscriber rotates its own root secret (returned this once); the old one stops working at once. */
export async function portalRotateSecret(s: PortalSubscriber): Promise<{ secret: string }> {
  requireActive(s);
  return rotateSecret(portalActor(s), s.id);
}

/**
 * The subscriber asks for a re-bootstrap. The reason is "admin" (the MN sees the same flag as for an
 * operator's request); the audit entry's actor (subscriber:<nai>) records that the subscriber asked.
 */
export async function portalRequestRebootstrap(s: PortalSubscriber): Promise<void> {
  requireActive(s);
  await requestRebootstrap(portalActor(s), s.id);
}
