"use client";

import { useActionState } from "react";
import { portalSignInAction } from "@/app/(portal)/portal/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";

export function PortalSignInForm() {
  const [state, action, pending] = useActionState(portalSignInAction, null);
  const failure = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4" aria-describedby="portal-signin-error">
      <Field id="nai" label="Mobility NAI" hint="For example alice@provider.example">
        {(aria) => <input {...aria} name="nai" type="text" autoComplete="username" required autoFocus defaultValue={failure?.values?.nai ?? ""} className={inputClass} />}
      </Field>
      <Field id="password" label="Portal password">
        {(aria) => <input {...aria} name="password" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <div id="portal-signin-error">
        <FormMessage message={failure?.message} />
      </div>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
