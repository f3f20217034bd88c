// Who is acting. Every service and data function takes an Actor and applies its scope itself.
import { ForbiddenError } from "@/lib/errors";

export type Role = "admin" | "operator" | "auditor";
export const ROLES: readonly Role[] = ["admin", "operator", "auditor"] as const;

export type UserActor = {
  kind: "user";
  userId: string;
  email: string;
  role: Role;
  /** providers an operator may act on; ignored for admin and auditor */
  providerIds: string[];
  /** set when acting through an API token */
  tokenId?: string;
  requestId?: string;
};

/**
 * The console itself: start-up, demo seeding, background jobs. Full access.
 * `subscriber` is set only by lib/services/portal.ts, acting for a signed-in portal subscriber on that
 * subscriber's own id (taken from its session, never from input); the audit trail then names the subscriber.
 */
export type SystemActor = { kind: "system"; label: string; requestId?: string; subscriber?: { id: string; nai: string } };

export type Actor = UserActor | SystemActor;

export const systemActor = (label: string): SystemActor => ({ kind: "system", label });

export function actorLabel(a: Actor): string {
  if (a.kind === "user") return a.email;
  return a.subscriber ? `subscriber:${a.subscriber.nai}` : `system:${a.label}`;
}

/** Who acted, as the audit trail records it: a user, a subscriber (through the portal) or the console. */
export const AUDIT_ACTOR_TYPES = ["user", "subscriber", "system"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** The audit trail's actorType and actorId of an actor: the user's id, the portal subscriber's id, or none. */
export function auditActor(a: Actor): { actorType: AuditActorType; actorId: string | null } {
  if (a.kind === "user") return { actorType: "user", actorId: a.userId };
  if (a.subscriber) return { actorType: "subscriber", actorId: a.subscriber.id };
  return { actorType: "system", actorId: null };
}

/**
 * The provider ids whose objects the actor may see, or null for "all".
 * admin, auditor and system see everything; an operator sees only its providers.
 */
export function providerScope(a: Actor): string[] | null {
  if (a.kind === "system") return null;
  if (a.role === "operator") return a.providerIds;
  return null;
}

export function canWrite(a: Actor): boolean {
  return a.kind === "system" || a.role === "admin" || a.role === "operator";
}

/** Throws 403 unless the actor may write at all (auditors are read-only). */
export function requireWrite(a: Actor): void {
  if (!canWrite(a)) throw new ForbiddenError("read-only role: this action changes data");
}

export function requireAdmin(a: Actor): void {
  if (!(a.kind === "system" || a.role === "admin")) throw new ForbiddenError("only an admin may do this");
}

/** True when the actor's scope includes this provider. */
export function inScope(a: Actor, providerId: string | null | undefined): boolean {
  const scope = providerScope(a);
  return scope === null || (!!providerId && scope.includes(providerId));
}
