"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { PlanState } from "@/app/(console)/renumberings/actions";

export function PlanForm({ action, prefixes, defaultPrefixId }: {
  action: (p: PlanState, f: FormData) => Promise<PlanState>;
  prefixes: { id: string; label: string }[];
  defaultPrefixId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} key={JSON.stringify(v)} className="space-y-1" noValidate data-testid="renumbering-form">
      <FormMessage message={state && !state.ok ? [state.message, errors._, errors.dormantAfterSeconds].filter(Boolean).join(" ") : null} />
      <Field id="prefixId" label="Prefix to renumber" error={errors.prefixId}>
        {(aria) => (
          <select {...aria} name="prefixId" required defaultValue={v.prefixId ?? defaultPrefixId ?? ""} className={inputClass}>
            <option value="">Choose an active prefix…</option>
            {prefixes.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        )}
      </Field>
      <Field id="newPrefix" label="New prefix" error={errors.newPrefix} hint="Same size or larger, any spelling (e.g. 2001:DB8:0:FF::/64). Created on the same home agent if it does not exist.">
        {(aria) => <input {...aria} name="newPrefix" required defaultValue={v.newPrefix} placeholder="2001:db8:0:ff::/64" spellCheck={false} className={inputClass} />}
      </Field>
      <Field id="dormantAfterDays" label="Dormant after (days unseen)" error={errors.dormantAfterDays}>
        {(aria) => <input {...aria} name="dormantAfterDays" type="number" min={1} max={366} step="any" defaultValue={v.dormantAfterDays ?? "7"} className={inputClass} />}
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Planning…" : "Plan and preview"}</Button>
    </form>
  );
}
