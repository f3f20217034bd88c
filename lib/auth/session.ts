// The server-side gate for pages and server actions: every call re-reads the user from the database.
import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import type { Role, UserActor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/options";
import { getDb } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";

export type CurrentUser = UserActor & { mustChangePassword: boolean };

/** The signed-in, enabled user as stored right now, or null. Read once per request (layout and page share it). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(authOptions())) as { userId?: unknown } | null;
  const userId = typeof session?.userId === "string" ? session.userId : null;
  if (!userId) return null;
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, role: true, disabled: true, mustChangePassword: true, scopes: { select: { providerId: true } } },
  });
  if (!user || user.disabled) return null;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    role: user.role as Role,
    providerIds: user.scopes.map((s) => s.providerId),
    mustChangePassword: user.mustChangePassword,
  };
});

/**
 * The acting user, or a redirect: to /signin when signed out (or disabled, or deleted), to
 * /account/password while a password change is pending. A role outside `roles` is a 403.
 */
export async function requireUser(roles?: Role[], opts: { allowPendingPasswordChange?: boolean } = {}): Promise<UserActor> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  if (user.mustChangePassword && !opts.allowPendingPasswordChange) redirect("/account/password");
  if (roles && !roles.includes(user.role)) throw new ForbiddenError();
  const { mustChangePassword: _pending, ...actor } = user;
  void _pending;
  return actor;
}

/**
 * requireUser for a page (not an action): a role outside `roles` gets the not-found page with HTTP 404 —
 * as for an object outside the actor's scope — instead of a thrown 403 that Next would render as a 500.
 */
export async function requirePageUser(roles: Role[]): Promise<UserActor> {
  const user = await getCurrentUser();
  if (user && !user.mustChangePassword && !roles.includes(user.role)) notFound();
  return requireUser(roles);
}
