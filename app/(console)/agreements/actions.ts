"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { utcFromLocalInput } from "@/components/ui/format";
import { requireUser } from "@/lib/auth/session";
import { createAgreement, deleteAgreement, setAgreementStatus, updateAgreement } from "@/lib/services/agreements";
import { actionFailure, formValues, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export type AgreementFormState = ActionState<{ id: string; label: string }>;
export type AgreementStatusState = ActionState<{ status: string }>;
export type DeleteAgreementState = ActionState<{ deleted: true }>;

const FIELDS = ["kind", "fromProviderId", "toProviderId", "status", "validFrom", "validUntil"] as const;

/** The form's datetime-local inputs are labelled UTC; the service wants RFC 3339 with an offset. */
function agreementInput(form: FormData) {
  const values = formValues(form, FIELDS);
  const allowLocalHomeAgent = form.get("allowLocalHomeAgent") === "on";
  return {
    values: { ...values, allowLocalHomeAgent: allowLocalHomeAgent ? "on" : "" },
    input: {
      ...values,
      validFrom: utcFromLocalInput(values.validFrom),
      validUntil: utcFromLocalInput(values.validUntil) ?? null,
      allowLocalHomeAgent,
    },
  };
}

function refresh(id?: string) {
  revalidatePath("/agreements");
  if (id) revalidatePath(`/agreements/${id}`);
}

export async function createAgreementAction(_prev: AgreementFormState, form: FormData): Promise<AgreementFormState> {
  if (!isForm(form)) return malformedCall();
  const { values, input } = agreementInput(form);
  try {
    const actor = await requireUser(["admin", "operator"]);
    const a = await createAgreement(actor, input);
    refresh();
    return { ok: true, id: a.id, label: `${a.kind} agreement ${a.fromProviderName} → ${a.toProviderName}` };
  } catch (e) {
    return actionFailure(e, values);
  }
}

/** Edits the window and the local-HA permission; the kind and parties are set at creation. */
export async function updateAgreementAction(_prev: AgreementFormState, form: FormData): Promise<AgreementFormState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  const { values, input } = agreementInput(form);
  try {
    const actor = await requireUser(["admin", "operator"]);
    const a = await updateAgreement(actor, id, { validFrom: input.validFrom, validUntil: input.validUntil, allowLocalHomeAgent: input.allowLocalHomeAgent });
    refresh(id);
    return { ok: true, id: a.id, label: `${a.kind} agreement ${a.fromProviderName} → ${a.toProviderName}` };
  } catch (e) {
    return actionFailure(e, values);
  }
}

export async function setAgreementStatusAction(_prev: AgreementStatusState, form: FormData): Promise<AgreementStatusState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  try {
    const actor = await requireUser(["admin", "operator"]);
    const a = await setAgreementStatus(actor, id, String(form.get("status") ?? ""));
    refresh(id);
    return { ok: true, status: a.status };
  } catch (e) {
    return actionFailure(e);
  }
}

/**
 * From the agreement's own page (`then=list`) the server redirects to the list: that page is gone, and
 * re-rendering it would show "not found" before any client-side redirect could run.
 */
export async function deleteAgreementAction(_prev: DeleteAgreementState, form: FormData): Promise<DeleteAgreementState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  try {
    const actor = await requireUser(["admin", "operator"]);
    await deleteAgreement(actor, id);
    refresh();
  } catch (e) {
    return actionFailure(e);
  }
  if (form.get("then") === "list") redirect("/agreements");
  return { ok: true, deleted: true };
}
