"use server";

// Portal server actions. Each re-reads the portal session (requireSubscriber) and passes only the session's
// subscriber to the services: no action takes a subscriber id from the form.
import { redirect } from "next/navigation";
import { endPortalSession, requireSubscriber, startPortalSession } from "@/lib/auth/portal-session";
import { acceptPortalInvite, authenticateSubscriber, portalRequestRebootstrap, portalRotateSecret } from "@/lib/services/portal";
import { actionFailure, type ActionState } from "@/app/(console)/action-state";
import { isForm, isIdArg, malformedCall } from "@/app/(console)/action-guard";

// One message for every failure: it must not tell anyone which NAIs exist or have a portal password.
const GENERIC_FAILURE = "Invalid NAI or password. After several failed attempts sign-in pauses for a few minutes.";

export async function portalSignInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!isForm(form)) return malformedCall();
  const nai = String(form.get("nai") ?? "");
  const s = await authenticateSubscriber(nai, String(form.get("password") ?? ""));
  if (!s) return { ok: false, message: GENERIC_FAILURE, fieldErrors: {}, values: { nai } };
  await startPortalSession(s);
  redirect("/portal");
}

export async function portalSignOutAction(): Promise<void> {
  await endPortalSession();
  redirect("/portal/signin");
}

export async function acceptInviteAction(token: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  if (!isIdArg(token) || !isForm(form)) return malformedCall();
  try {
    await acceptPortalInvite(token, { password: String(form.get("password") ?? ""), confirmPassword: String(form.get("confirmPassword") ?? "") });
  } catch (e) {
    return actionFailure(e);
  }
  // A fresh sign-in with the new password, rather than a session handed out by the link itself.
  redirect("/portal/signin?welcome=1");
}

export type RotateState = ActionState<{ secret: string }>;

/** The new secret travels only in this return value: never in a URL, a cookie or a page a reload renders. */
export async function portalRotateSecretAction(): Promise<RotateState> {
  const s = await requireSubscriber();
  try {
    return { ok: true, ...(await portalRotateSecret(s)) };
  } catch (e) {
    return actionFailure(e);
  }
}

export async function portalRebootstrapAction(): Promise<ActionState> {
  const s = await requireSubscriber();
  try {
    await portalRequestRebootstrap(s);
    return { ok: true };
  } catch (e) {
    return actionFailure(e);
  }
}
