"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { inviteUser, resetUserPassword, updateUser } from "@/lib/services/user-admin";
import { actionFailure, type ActionState } from "../action-state";
import { isForm, malformedCall } from "../action-guard";

export type UserFormState = ActionState<{ id: string; email: string; password: string | null }>;
export type UserStatusState = ActionState<{ disabled: boolean }>;
export type ResetPasswordState = ActionState<{ password: string }>;

/** The form sends provider scope as checkboxes; the service's zod schema checks everything else. */
function userInput(form: FormData) {
  const email = String(form.get("email") ?? "").trim();
  const name = String(form.get("name") ?? "").trim();
  const role = String(form.get("role") ?? "");
  const providerIds = form.getAll("providerIds").map(String);
  const password = String(form.get("password") ?? "");
  return {
    input: { email, name: name || undefined, role, providerIds, password: password || undefined },
    // never echo a password back into the form
    values: { email, name, role, providerIds: providerIds.join(",") },
  };
}

export async function createUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  if (!isForm(form)) return malformedCall();
  const { input, values } = userInput(form);
  try {
    const actor = await requireUser(["admin"]);
    const { user, password } = await inviteUser(actor, input);
    revalidatePath("/users");
    return { ok: true, id: user.id, email: user.email, password };
  } catch (e) {
    return actionFailure(e, values);
  }
}

export async function updateUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  const { input, values } = userInput(form);
  try {
    const actor = await requireUser(["admin"]);
    const user = await updateUser(actor, id, { role: input.role, providerIds: input.providerIds, name: input.name ?? null });
    revalidatePath("/users");
    revalidatePath(`/users/${id}`);
    return { ok: true, id: user.id, email: user.email, password: null };
  } catch (e) {
    return actionFailure(e, values);
  }
}

export async function setUserDisabledAction(_prev: UserStatusState, form: FormData): Promise<UserStatusState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  const disabled = String(form.get("disabled") ?? "") === "true";
  try {
    const actor = await requireUser(["admin"]);
    const user = await updateUser(actor, id, { disabled });
    revalidatePath("/users");
    revalidatePath(`/users/${id}`);
    return { ok: true, disabled: user.disabled };
  } catch (e) {
    return actionFailure(e);
  }
}

export async function resetPasswordAction(_prev: ResetPasswordState, form: FormData): Promise<ResetPasswordState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  try {
    const actor = await requireUser(["admin"]);
    const { password } = await resetUserPassword(actor, id);
    revalidatePath(`/users/${id}`);
    return { ok: true, password };
  } catch (e) {
    return actionFailure(e);
  }
}

/** An admin removes a user's lost second factor; the user can enrol a new one after signing in. */
export async function removeUserTotpAction(_prev: UserStatusState, form: FormData): Promise<UserStatusState> {
  if (!isForm(form)) return malformedCall();
  const id = String(form.get("id") ?? "");
  try {
    const actor = await requireUser(["admin"]);
    const user = await updateUser(actor, id, { totpEnabled: false });
    revalidatePath(`/users/${id}`);
    return { ok: true, disabled: user.disabled };
  } catch (e) {
    return actionFailure(e);
  }
}
