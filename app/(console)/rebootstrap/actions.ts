"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { clearRebootstrapFlag, requestRebootstrapMany } from "@/lib/services/rebootstrap";
import { actionFailure, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export type BulkRebootstrapState = ActionState<{ flagged: number; skipped: number }>;
export type ClearFlagState = ActionState<{ nai: string }>;

/** The checked rows of the subscriber list (checkboxes named subscriberIds) → one bulk request. */
export async function bulkRebootstrapAction(_prev: BulkRebootstrapState, form: FormData): Promise<BulkRebootstrapState> {
  if (!isForm(form)) return malformedCall();
  try {
    const actor = await requireUser(["admin", "operator"]);
    const subscriberIds = form.getAll("subscriberIds").filter((v): v is string => typeof v === "string" && v !== "");
    const { flagged, skipped } = await requestRebootstrapMany(actor, { subscriberIds });
    revalidatePath("/subscribers");
    revalidatePath("/rebootstrap");
    return { ok: true, flagged, skipped };
  } catch (e) {
    return actionFailure(e);
  }
}

export async function clearFlagAction(_prev: ClearFlagState, form: FormData): Promise<ClearFlagState> {
  if (!isForm(form)) return malformedCall();
  try {
    const actor = await requireUser(["admin", "operator"]);
    const id = String(form.get("id") ?? "");
    const s = await clearRebootstrapFlag(actor, id);
    revalidatePath("/rebootstrap");
    return { ok: true, nai: s.nai };
  } catch (e) {
    return actionFailure(e);
  }
}
