"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { CreatedHomeAgentState } from "@/app/(console)/home-agents/actions";

type Props = {
  action: (prev: CreatedHomeAgentState, form: FormData) => Promise<CreatedHomeAgentState>;
  providers: { id: string; label: string }[];
};
const KNOWN = ["providerId", "name", "fqdn", "address", "region", "capacity", "state"];

export function HomeAgentForm({ action, providers }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const extra = Object.entries(errors).filter(([k]) => !KNOWN.includes(k)).map(([, m]) => m);
  return (
    <form action={formAction} key={JSON.stringify(v)} className="space-y-1" noValidate data-testid="home-agent-form">
      {state?.ok ? <FormMessage tone="success" message={`Home agent ${state.name} created.`} /> : null}
      <FormMessage message={state && !state.ok ? [state.message, ...extra].join(" ") : null} />
      <SelectField id="providerId" name="providerId" label="Mobility service provider (MSP)" required empty="Choose a provider…" choices={providers} defaultValue={v.providerId} error={errors.providerId} />
      <Field id="name" label="Name" error={errors.name}>
        {(aria) => <input {...aria} name="name" required defaultValue={v.name} className={inputClass} />}
      </Field>
      <Field id="fqdn" label="FQDN" error={errors.fqdn}>
        {(aria) => <input {...aria} name="fqdn" required defaultValue={v.fqdn} placeholder="ha1.msp.example" spellCheck={false} className={inputClass} />}
      </Field>
      <Field id="address" label="IPv6 address" error={errors.address}>
        {(aria) => <input {...aria} name="address" required defaultValue={v.address} placeholder="2001:db8:1::1" spellCheck={false} className={inputClass} />}
      </Field>
      <Field id="region" label="Region / site" error={errors.region}>
        {(aria) => <input {...aria} name="region" required defaultValue={v.region} placeholder="eu-west" className={inputClass} />}
      </Field>
      <Field id="capacity" label="Capacity (max active bindings)" error={errors.capacity}>
        {(aria) => <input {...aria} name="capacity" type="number" min={1} required defaultValue={v.capacity} inputMode="numeric" className={inputClass} />}
      </Field>
      <Field id="state" label="State" error={errors.state}>
        {(aria) => (
          <select {...aria} name="state" defaultValue={v.state ?? "in-service"} className={inputClass}>
            <option value="in-service">In service</option>
            <option value="draining">Draining</option>
            <option value="out-of-service">Out of service</option>
          </select>
        )}
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create home agent"}</Button>
    </form>
  );
}
