"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { applyStalenessPolicy, setStalenessPolicy } from "@/lib/services/staleness";
import { actionFailure, formValues, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export type StalenessPolicyState = ActionState<{ maxAgeSeconds: number }>;
export type ApplyStalenessState = ActionState<{ flagged: number; maxAgeSeconds: number }>;

/** The form asks for days and hours (what operators think in); the service stores seconds. */
export async function saveStalenessAction(_prev: StalenessPolicyState, form: FormData): Promise<StalenessPolicyState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, ["days", "hours"]);
  try {
    const actor = await requireUser(["admin"]);
    const days = Number(values.days ?? "0");
    const hours = Number(values.hours ?? "0");
    if (!Number.isFinite(days) || !Number.isFinite(hours) || days < 0 || hours < 0) {
      return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: { days: "days and hours must be 0 or more" }, values };
    }
    const policy = await setStalenessPolicy(actor, { maxAgeSeconds: Math.round(days * 86400 + hours * 3600) });
    revalidatePath("/settings");
    return { ok: true, maxAgeSeconds: policy.maxAgeSeconds };
  } catch (e) {
    const failure = actionFailure(e, values);
    // The service names the stored field; the form shows it on the days input.
    if (failure.fieldErrors.maxAgeSeconds) failure.fieldErrors = { days: failure.fieldErrors.maxAgeSeconds };
    return failure;
  }
}

export async function applyStalenessAction(): Promise<ApplyStalenessState> {
  try {
    const actor = await requireUser(["admin"]);
    const run = await applyStalenessPolicy(actor);
    revalidatePath("/rebootstrap");
    return { ok: true, flagged: run.flagged, maxAgeSeconds: run.maxAgeSeconds };
  } catch (e) {
    return actionFailure(e);
  }
}
