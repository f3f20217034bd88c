"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { AggregateState, AllocateState } from "@/app/(console)/prefixes/actions";

type Option = { id: string; label: string };

export function AggregateForm({ action, providers }: { action: (p: AggregateState, f: FormData) => Promise<AggregateState>; providers: Option[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} key={JSON.stringify(v)} className="space-y-1" noValidate data-testid="aggregate-form">
      {state?.ok ? <FormMessage tone="success" message={`Aggregate ${state.prefix} created.`} /> : null}
      <FormMessage message={state && !state.ok ? state.message : null} />
      <SelectField id="agg-providerId" name="providerId" label="Provider" required empty="Choose a provider…" choices={providers} defaultValue={v.providerId} error={errors.providerId} />
      <Field id="agg-prefix" label="Aggregate prefix" error={errors.prefix} hint="From /16 to /64, e.g. 2001:db8::/29 or 2001:db8:100::/48.">
        {(aria) => <input {...aria} name="prefix" required defaultValue={v.prefix} placeholder="2001:db8::/29" spellCheck={false} className={inputClass} />}
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create aggregate"}</Button>
    </form>
  );
}

export function AllocateForm({ action, aggregates, homeAgents }: {
  action: (p: AllocateState, f: FormData) => Promise<AllocateState>;
  aggregates: Option[];
  homeAgents: Option[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} key={JSON.stringify(v)} className="space-y-1" noValidate data-testid="allocate-form">
      {state?.ok ? <FormMessage tone="success" message={`Home link prefix ${state.prefix} allocated.`} /> : null}
      <FormMessage message={state && !state.ok ? state.message : null} />
      <SelectField id="alloc-aggregateId" name="aggregateId" label="Aggregate" required empty="Choose an aggregate…" choices={aggregates} defaultValue={v.aggregateId} error={errors.aggregateId} />
      <SelectField id="alloc-homeAgentId" name="homeAgentId" label="Home agent serving the new /64" required empty="Choose a home agent…" choices={homeAgents} defaultValue={v.homeAgentId} error={errors.homeAgentId} />
      <Button type="submit" disabled={pending}>{pending ? "Allocating…" : "Allocate next free /64"}</Button>
    </form>
  );
}
