"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getJob, type JobDto } from "@/lib/data/jobs";
import { announceRenumbering, cancelRenumbering, completeRenumbering, planRenumbering } from "@/lib/services/renumbering";
import { actionFailure, formValues, type ActionState } from "../action-state";
import { isForm, isIdArg, malformedCall } from "../action-guard";

export type PlanState = ActionState;

export async function planRenumberingAction(_prev: PlanState, form: FormData): Promise<PlanState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, ["prefixId", "newPrefix", "dormantAfterDays"]);
  let id: string;
  try {
    const actor = await requireUser(["admin", "operator"]);
    const days = values.dormantAfterDays ? Number(values.dormantAfterDays) : 7;
    if (!Number.isFinite(days) || days <= 0 || days > 366) {
      return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: { dormantAfterDays: "between 1 and 366 days" }, values };
    }
    const r = await planRenumbering(actor, { prefixId: values.prefixId, newPrefix: values.newPrefix, dormantAfterSeconds: Math.round(days * 86400) });
    id = r.id;
  } catch (e) {
    return actionFailure(e, values);
  }
  revalidatePath("/renumberings");
  redirect(`/renumberings/${id}`);
}

export async function announceRenumberingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, ["id"]);
  try {
    const actor = await requireUser(["admin", "operator"]);
    await announceRenumbering(actor, values.id ?? "");
    revalidatePath(`/renumberings/${values.id}`);
    return { ok: true };
  } catch (e) {
    return actionFailure(e, values);
  }
}

export async function cancelRenumberingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, ["id"]);
  try {
    const actor = await requireUser(["admin", "operator"]);
    await cancelRenumbering(actor, values.id ?? "");
    revalidatePath(`/renumberings/${values.id}`);
    return { ok: true };
  } catch (e) {
    return actionFailure(e, values);
  }
}

export async function completeRenumberingAction(_prev: ActionState<{ leftBehind: number }>, form: FormData): Promise<ActionState<{ leftBehind: number }>> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, ["id", "force"]);
  try {
    const actor = await requireUser(["admin", "operator"]);
    const r = await completeRenumbering(actor, values.id ?? "", { force: values.force === "true" });
    revalidatePath(`/renumberings/${values.id}`);
    return { ok: true, leftBehind: r.leftBehindCount };
  } catch (e) {
    return actionFailure(e, values);
  }
}

/** Polled by the progress bar: the same scoped read as GET /api/v1/jobs/{id}, with the console session. */
export async function jobProgressAction(jobId: string): Promise<JobDto | null> {
  if (!isIdArg(jobId)) return null;
  const actor = await requireUser();
  return getJob(actor, jobId).catch(() => null);
}
