"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { confirmTotpEnrolment, removeTotp } from "@/lib/services/totp";
import { actionFailure, type ActionState } from "../../action-state";
import { isForm, malformedCall } from "../../action-guard";

export type TotpState = ActionState<{ done: "enrolled" | "removed" }>;

export async function enrolTotpAction(_prev: TotpState, form: FormData): Promise<TotpState> {
  if (!isForm(form)) return malformedCall();
  try {
    const actor = await requireUser();
    await confirmTotpEnrolment(actor, {
      pending: String(form.get("pending") ?? ""),
      code: String(form.get("code") ?? ""),
      currentPassword: String(form.get("currentPassword") ?? ""),
    });
    revalidatePath("/account/security");
    return { ok: true, done: "enrolled" };
  } catch (e) {
    return actionFailure(e);
  }
}

export async function removeTotpAction(_prev: TotpState, form: FormData): Promise<TotpState> {
  if (!isForm(form)) return malformedCall();
  try {
    const actor = await requireUser();
    await removeTotp(actor, { code: String(form.get("code") ?? "") });
    revalidatePath("/account/security");
    return { ok: true, done: "removed" };
  } catch (e) {
    return actionFailure(e);
  }
}
