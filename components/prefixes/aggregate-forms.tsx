"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
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
      <Field id="agg-providerId" label="Provider" error={errors.providerId}>
        {(aria) => (
          <select {...aria} name="providerId" required defaultValue={v.providerId ?? ""} className={inputClass}>
            <option value="">Choose a provider…</option>
            {providers.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        )}
      </Field>
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
      <Field id="alloc-aggregateId" label="Aggregate" error={errors.aggregateId}>
        {(aria) => (
          <select {...aria} name="aggregateId" required defaultValue={v.aggregateId ?? ""} className={inputClass}>
            <option value="">Choose an aggregate…</option>
            {aggregates.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
          </select>
        )}
      </Field>
      <Field id="alloc-homeAgentId" label="Home agent serving the new /64" error={errors.homeAgentId}>
        {(aria) => (
          <select {...aria} name="homeAgentId" required defaultValue={v.homeAgentId ?? ""} className={inputClass}>
            <option value="">Choose a home agent…</option>
            {homeAgents.map((h) => <option key={h.id} value={h.id}>{h.label}</option>)}
          </select>
        )}
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Allocating…" : "Allocate next free /64"}</Button>
    </form>
  );
}
