"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { CreatedPrefixState } from "@/app/(console)/prefixes/actions";

type Props = {
  action: (prev: CreatedPrefixState, form: FormData) => Promise<CreatedPrefixState>;
  homeAgents: { id: string; label: string }[];
};
const KNOWN = ["homeAgentId", "prefix", "state"];

export function PrefixForm({ action, homeAgents }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const extra = Object.entries(errors).filter(([k]) => !KNOWN.includes(k)).map(([, m]) => m);
  return (
    <form action={formAction} key={JSON.stringify(v)} className="space-y-1" noValidate data-testid="prefix-form">
      {state?.ok ? <FormMessage tone="success" message={`Prefix ${state.prefix} created.`} /> : null}
      <FormMessage message={state && !state.ok ? [state.message, ...extra].join(" ") : null} />
      <SelectField id="homeAgentId" name="homeAgentId" label="Home agent serving the link" required empty="Choose a home agent…" choices={homeAgents} defaultValue={v.homeAgentId} error={errors.homeAgentId} />
      <Field id="prefix" label="Home link prefix" error={errors.prefix} hint="Usually a /64, e.g. 2001:db8:1:2::/64.">
        {(aria) => <input {...aria} name="prefix" required defaultValue={v.prefix} placeholder="2001:db8:1:2::/64" spellCheck={false} className={inputClass} />}
      </Field>
      <Field id="state" label="State" error={errors.state}>
        {(aria) => (
          <select {...aria} name="state" defaultValue={v.state ?? "active"} className={inputClass}>
            <option value="active">Active</option>
            <option value="draining">Draining</option>
            <option value="retired">Retired</option>
          </select>
        )}
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create prefix"}</Button>
    </form>
  );
}
