"use client";

import { useActionState } from "react";
import { acceptInviteAction } from "@/app/(portal)/portal/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";

/** minLength comes from the server (lib/auth/password.ts pulls in argon2, which stays out of the browser). */
export function InviteAcceptForm({ token, minLength }: { token: string; minLength: number }) {
  const [state, action, pending] = useActionState(acceptInviteAction.bind(null, token), null);
  const failure = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4">
      <Field id="password" label="New portal password" error={failure?.fieldErrors.password} hint={`At least ${minLength} characters. This is not your device's bootstrap secret.`}>
        {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" required minLength={minLength} className={inputClass} />}
      </Field>
      <Field id="confirmPassword" label="Repeat the password" error={failure?.fieldErrors.confirmPassword}>
        {(aria) => <input {...aria} name="confirmPassword" type="password" autoComplete="new-password" required className={inputClass} />}
      </Field>
      <FormMessage message={failure && !Object.keys(failure.fieldErrors).length ? failure.message : null} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
