"use client";

// Enrol (otpauth URI as text + current password + a code) or remove (a code) the TOTP second factor.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { TotpState } from "@/app/(console)/account/security/actions";

type Action = (prev: TotpState, form: FormData) => Promise<TotpState>;

export function TotpEnrolForm({ action, pending: sealed, uri }: { action: Action; pending: string; uri: string }) {
  const [state, formAction, busy] = useActionState<TotpState, FormData>(action, null);
  const failed = state && !state.ok ? state : null;
  if (state?.ok) return <FormMessage tone="success" message="Second factor enrolled: sign-in now asks for a code." />;
  return (
    <form action={formAction} className="space-y-3" data-testid="totp-enrol">
      <p className="text-sm text-slate-700">Add this to your authenticator app (paste the URI, or type the secret in it by hand):</p>
      <code className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs" data-testid="totp-uri">{uri}</code>
      <CopyButton text={uri} label="Copy URI" />
      <input type="hidden" name="pending" value={sealed} />
      <FormMessage message={failed?.message} />
      <Field id="currentPassword" label="Current password" error={failed?.fieldErrors.currentPassword}>
        {(a) => <input {...a} name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Field id="code" label="Code from the app" error={failed?.fieldErrors.code}>
        {(a) => <input {...a} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={8} className={inputClass} />}
      </Field>
      <Button type="submit" disabled={busy}>{busy ? "Checking…" : "Turn on"}</Button>
    </form>
  );
}

export function TotpRemoveForm({ action }: { action: Action }) {
  const [state, formAction, busy] = useActionState<TotpState, FormData>(action, null);
  const failed = state && !state.ok ? state : null;
  if (state?.ok) return <FormMessage tone="success" message="Second factor removed." />;
  return (
    <form action={formAction} className="space-y-3" data-testid="totp-remove">
      <FormMessage message={failed?.message} />
      <Field id="code" label="Current code from the app" error={failed?.fieldErrors.code}>
        {(a) => <input {...a} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={8} className={inputClass} />}
      </Field>
      <Button type="submit" variant="danger" disabled={busy}>{busy ? "Checking…" : "Turn off"}</Button>
    </form>
  );
}
