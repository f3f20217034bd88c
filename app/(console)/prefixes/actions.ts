"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createPrefix } from "@/lib/services/prefixes";
import { actionFailure, formValues, type ActionState } from "../action-state";

export type CreatedPrefixState = ActionState<{ prefix: string }>;

const FIELDS = ["homeAgentId", "prefix", "state"] as const;

export async function createPrefixAction(_prev: CreatedPrefixState, form: FormData): Promise<CreatedPrefixState> {
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
