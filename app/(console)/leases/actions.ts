"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { releaseLease } from "@/lib/services/leases";
import { actionFailure, formValues, type ActionState } from "../action-state";

export async function releaseLeaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
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
