"use server";

import { requireUser } from "@/lib/auth/session";
import { createPortalInvite } from "@/lib/services/portal";
import { actionFailure, type ActionState } from "../action-state";
import { isIdArg, malformedCall } from "../action-guard";

export type PortalInviteState = ActionState<{ path: string; expiresAt: string }>;

/** The invite token travels only in this return value (shown once); the database keeps its hash. */
export async function createPortalInviteAction(subscriberId: string): Promise<PortalInviteState> {
  if (!isIdArg(subscriberId)) return malformedCall();
  try {
    const actor = await requireUser(["admin", "operator"]);
    const { path, expiresAt } = await createPortalInvite(actor, subscriberId);
    return { ok: true, path, expiresAt };
  } catch (e) {
    return actionFailure(e);
  }
}
