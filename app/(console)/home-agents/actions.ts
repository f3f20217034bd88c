"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createHomeAgent } from "@/lib/services/home-agents";
import { actionFailure, formValues, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export type CreatedHomeAgentState = ActionState<{ name: string }>;

const FIELDS = ["providerId", "name", "fqdn", "address", "region", "capacity", "state"] as const;

export async function createHomeAgentAction(_prev: CreatedHomeAgentState, form: FormData): Promise<CreatedHomeAgentState> {
  if (!isForm(form)) return malformedCall();
  const values = formValues(form, FIELDS);
  try {
    const actor = await requireUser(["admin", "operator"]);
    const ha = await createHomeAgent(actor, values);
    revalidatePath("/home-agents");
    return { ok: true, name: ha.name };
  } catch (e) {
    return actionFailure(e, values);
  }
}
