"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import { describeMaxAge } from "./max-age";
import type { ApplyStalenessState, StalenessPolicyState } from "@/app/(console)/settings/actions";

export function StalenessForm({ action, maxAgeSeconds }: {
  action: (prev: StalenessPolicyState, form: FormData) => Promise<StalenessPolicyState>;
  maxAgeSeconds: number;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} key={JSON.stringify(v)} className="space-y-1" noValidate data-testid="staleness-form">
      {state?.ok ? <FormMessage tone="success" message={state.maxAgeSeconds === 0 ? "Saved: the staleness policy is off." : `Saved: flag subscribers not bootstrapped for ${describeMaxAge(state.maxAgeSeconds)}.`} /> : null}
      <FormMessage message={state && !state.ok ? state.message : null} />
      <div className="grid max-w-md grid-cols-2 gap-3">
        <Field id="days" label="Days" error={errors.days} hint="0 days and 0 hours switches the policy off">
          {(aria) => <input {...aria} name="days" type="number" min={0} step="any" inputMode="decimal" defaultValue={v.days ?? String(Math.floor(maxAgeSeconds / 86400))} className={inputClass} />}
        </Field>
        <Field id="hours" label="Hours" error={errors.hours}>
          {(aria) => <input {...aria} name="hours" type="number" min={0} step="any" inputMode="decimal" defaultValue={v.hours ?? String(Math.round((maxAgeSeconds % 86400) / 360) / 10)} className={inputClass} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save policy"}</Button>
    </form>
  );
}

export function ApplyStalenessButton({ action }: { action: (prev: ApplyStalenessState, form: FormData) => Promise<ApplyStalenessState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3" data-testid="staleness-apply">
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Applying…" : "Apply now"}</Button>
      {state?.ok ? (
        <span role="status" className="text-sm text-green-800">
          {state.maxAgeSeconds === 0 ? "The policy is off: nothing to flag." : `Flagged ${state.flagged} stale subscriber${state.flagged === 1 ? "" : "s"}.`}
        </span>
      ) : null}
      <FormMessage message={state && !state.ok ? state.message : null} />
    </form>
  );
}
