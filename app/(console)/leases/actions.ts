"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { releaseLease } from "@/lib/services/leases";
import { actionFailure, formValues, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export async function releaseLeaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, ["id"]);
  try {
    const actor = await requireUser(["admin", "operator"]);
    await releaseLease(actor, values.id ?? "");
    revalidatePath("/leases");
    return { ok: true };
  } catch (e) {
    return actionFailure(e, values);
  }
}
