"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { ProviderFormState } from "@/app/(console)/providers/actions";

const ROLES = [
  { role: "ASP", label: "ASP — access service provider (gives IP access)" },
  { role: "ASA", label: "ASA — access service authorizer (authorizes network access)" },
  { role: "MSP", label: "MSP — mobility service provider (runs home agents)" },
  { role: "MSA", label: "MSA — mobility service authorizer (authorizes Mobile IPv6)" },
] as const;

type Realm = { name: string; region: string | null };
type Props = {
  action: (prev: ProviderFormState, form: FormData) => Promise<ProviderFormState>;
  /** editing an existing provider */
  provider?: { id: string; name: string; realms: Realm[]; roles: string[] };
  submitLabel: string;
};

const KNOWN = ["name", "realms", "roles"];

function parseRealms(text: string | undefined): Realm[] | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Realm[];
  } catch {
    return null;
  }
}

export function ProviderForm(props: Props) {
  // A new key after success clears a create form for the next provider.
  const [round, setRound] = useState(0);
  return <ProviderFormRound key={round} {...props} onCreated={() => setRound((r) => r + 1)} />;
}

function ProviderFormRound({ action, provider, submitLabel, onCreated }: Props & { onCreated: () => void }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const initialRealms = parseRealms(v.realms) ?? provider?.realms ?? [];
  // Realm rows are controlled, so what was typed survives the form reset that follows a refused submit.
  const [realms, setRealms] = useState<Realm[]>(initialRealms.length ? initialRealms : [{ name: "", region: null }]);
  const roles = v.roles !== undefined ? v.roles.split(",").filter(Boolean) : (provider?.roles ?? []);
  const extra = Object.entries(errors).filter(([k]) => !KNOWN.includes(k)).map(([, m]) => m);
  const message = state && !state.ok ? [state.message, ...extra].join(" ") : null;

  return (
    <form action={formAction} key={JSON.stringify(v)} className="space-y-2" noValidate data-testid="provider-form">
      {state?.ok ? (
        <div className="space-y-2">
          <FormMessage tone="success" message={provider ? `Provider ${state.name} saved.` : `Provider ${state.name} created.`} />
          {provider ? null : <Button type="button" variant="secondary" onClick={onCreated}>Add another</Button>}
        </div>
      ) : null}
      <FormMessage message={message} />
      {provider ? <input type="hidden" name="id" value={provider.id} /> : null}
      <Field id="name" label="Name" error={errors.name}>
        {(aria) => <input {...aria} name="name" required defaultValue={v.name ?? provider?.name} className={inputClass} />}
      </Field>

      <fieldset className="space-y-2" aria-describedby="realms-error">
        <legend className="text-sm font-medium text-slate-800">Realms</legend>
        <p className="text-xs text-slate-500">DNS realms this provider serves (e.g. mip.example.net). Each realm belongs to one provider; the region breaks HA-selection ties.</p>
        <ul className="space-y-2">
          {realms.map((r, i) => (
            <li key={i} className="flex items-center gap-2">
              <label className="sr-only" htmlFor={`realm-${i}`}>Realm {i + 1}</label>
              <input
                id={`realm-${i}`} name="realmName" value={r.name} placeholder="realm.example" spellCheck={false} autoComplete="off"
                aria-invalid={!!errors.realms} className={`${inputClass} flex-1`}
                onChange={(e) => setRealms((list) => list.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
              <label className="sr-only" htmlFor={`region-${i}`}>Region of realm {i + 1}</label>
              <input id={`region-${i}`} name="realmRegion" value={r.region ?? ""} placeholder="region (optional)" className={`${inputClass} w-36`}
                onChange={(e) => setRealms((list) => list.map((x, j) => (j === i ? { ...x, region: e.target.value || null } : x)))}
              />
              <button
                type="button" aria-label={`Remove realm ${i + 1}`}
                onClick={() => setRealms((list) => list.filter((_, j) => j !== i))}
                className="rounded-md border border-slate-300 px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setRealms((list) => [...list, { name: "", region: null }])} className="text-sm font-medium text-brand-600 hover:underline">
          + Add a realm
        </button>
        <p id="realms-error" aria-live="polite" className="min-h-4 text-xs font-medium text-red-700">{errors.realms ?? ""}</p>
      </fieldset>

      <fieldset className="space-y-1" aria-describedby="roles-error">
        <legend className="text-sm font-medium text-slate-800">Roles</legend>
        {ROLES.map((r) => (
          <label key={r.role} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="roles" value={r.role} defaultChecked={roles.includes(r.role)} aria-invalid={!!errors.roles} className="h-4 w-4" />
            {r.label}
          </label>
        ))}
        <p id="roles-error" aria-live="polite" className="min-h-4 text-xs font-medium text-red-700">{errors.roles ?? ""}</p>
      </fieldset>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : submitLabel}</Button>
    </form>
  );
}
