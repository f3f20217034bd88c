"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { createProvider, deleteProvider, updateProvider } from "@/lib/services/providers";
import { actionFailure, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export type ProviderFormState = ActionState<{ id: string; name: string }>;
export type DeleteProviderState = ActionState<{ deleted: true }>;

/**
 * The form sends realms as parallel `realmName` / `realmRegion` inputs (one row each) and roles as
 * checkboxes; the service's zod schema does every check (syntax, one owner per realm, at least one role).
 */
function providerInput(form: FormData) {
  const names = form.getAll("realmName").map((v) => String(v).trim());
  const regions = form.getAll("realmRegion").map((v) => String(v).trim());
  const realms = names
    .map((name, i) => ({ name, region: regions[i] || null }))
    .filter((r) => r.name !== "");
  const roles = form.getAll("roles").map(String);
  const name = String(form.get("name") ?? "").trim();
  // Values to re-fill the form with after a refusal (ActionFailure.values is flat text).
  const values = { name, realms: JSON.stringify(realms), roles: roles.join(",") };
  return { input: { name, realms, roles }, values };
}

export async function createProviderAction(_prev: ProviderFormState, form: FormData): Promise<ProviderFormState> {
  if (!isForm(form)) return malformedCall();
  const { input, values } = providerInput(form);
  try {
    const actor = await requireUser(["admin"]);
    const p = await createProvider(actor, input);
    revalidatePath("/providers");
    return { ok: true, id: p.id, name: p.name };
  } catch (e) {
    return actionFailure(e, values);
  }
}

export async function updateProviderAction(_prev: ProviderFormState, form: FormData): Promise<ProviderFormState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  const { input, values } = providerInput(form);
  try {
    const actor = await requireUser(["admin"]);
    const p = await updateProvider(actor, id, input);
    revalidatePath("/providers");
    revalidatePath(`/providers/${id}`);
    return { ok: true, id: p.id, name: p.name };
  } catch (e) {
    return actionFailure(e, values);
  }
}

/**
 * On success the provider's page is gone, so the server redirects to the list (a client-side redirect
 * would never run: the page re-renders as "not found" first). A 409 names what still references it.
 */
export async function deleteProviderAction(_prev: DeleteProviderState, form: FormData): Promise<DeleteProviderState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  try {
    const actor = await requireUser(["admin"]);
    await deleteProvider(actor, id);
    revalidatePath("/providers");
  } catch (e) {
    return actionFailure(e);
  }
  redirect("/providers");
}
