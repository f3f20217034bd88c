"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createPrefix } from "@/lib/services/prefixes";
import { allocateNextSlash64, createAggregate } from "@/lib/services/aggregates";
import { actionFailure, formValues, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export type CreatedPrefixState = ActionState<{ prefix: string }>;

const FIELDS = ["homeAgentId", "prefix", "state"] as const;

export async function createPrefixAction(_prev: CreatedPrefixState, form: FormData): Promise<CreatedPrefixState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, FIELDS);
  try {
    const actor = await requireUser(["admin", "operator"]);
    const p = await createPrefix(actor, values);
    revalidatePath("/prefixes");
    return { ok: true, prefix: p.prefix };
  } catch (e) {
    return actionFailure(e, values);
  }
}

export type AggregateState = ActionState<{ prefix: string }>;
export type AllocateState = ActionState<{ prefix: string }>;

export async function createAggregateAction(_prev: AggregateState, form: FormData): Promise<AggregateState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, ["providerId", "prefix"]);
  try {
    const actor = await requireUser(["admin", "operator"]);
    const a = await createAggregate(actor, values);
    revalidatePath("/prefixes");
    return { ok: true, prefix: a.prefix };
  } catch (e) {
    return actionFailure(e, values);
  }
}

export async function allocateSlash64Action(_prev: AllocateState, form: FormData): Promise<AllocateState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, ["aggregateId", "homeAgentId"]);
  try {
    const actor = await requireUser(["admin", "operator"]);
    if (!values.aggregateId) return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: { aggregateId: "choose an aggregate" }, values };
    const p = await allocateNextSlash64(actor, values.aggregateId, { homeAgentId: values.homeAgentId });
    revalidatePath("/prefixes");
    return { ok: true, prefix: p.prefix };
  } catch (e) {
    return actionFailure(e, values);
  }
}
