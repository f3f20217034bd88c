"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { changePassword } from "@/lib/services/users";
import { actionFailure, type ActionState } from "../../action-state";
import { isForm, malformedCall } from "../../action-guard";

export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!isForm(form)) return malformedCall();
  const actor = await requireUser(undefined, { allowPendingPasswordChange: true });
  try {
    // Passwords are not trimmed: spaces are legitimate characters in a passphrase.
    await changePassword(actor, {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    });
  } catch (e) {
    return actionFailure(e);
  }
  // The console layout (shared with this page) hid the navigation while the change was pending. A
  // redirect alone keeps the already-rendered layout on the client, so the dashboard would arrive without
  // its menu; refresh() makes the redirect re-render every segment, layout included.
  refresh();
  redirect("/dashboard?password=changed");
}
