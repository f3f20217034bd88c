"use client";

import { useActionState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/page-header";
import type { ActionState } from "@/app/(console)/action-state";

type Props = { action: (prev: ActionState, form: FormData) => Promise<ActionState>; minLength: number };

export function PasswordForm({ action, minLength }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage message={state && !state.ok ? state.message : null} />
      <Field id="currentPassword" label="Current password" error={errors.currentPassword}>
        {(aria) => <input {...aria} name="currentPassword" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <Field id="newPassword" label="New password" error={errors.newPassword} hint={`At least ${minLength} characters; not a default password.`}>
        {(aria) => <input {...aria} name="newPassword" type="password" autoComplete="new-password" required minLength={minLength} className={inputClass} />}
      </Field>
      <Field id="confirmPassword" label="Confirm password" error={errors.confirmPassword}>
        {(aria) => <input {...aria} name="confirmPassword" type="password" autoComplete="new-password" required className={inputClass} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
