"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { CreatedSubscriberState } from "@/app/(console)/subscribers/actions";
import { SecretPanel } from "./secret-panel";

type Option = { id: string; label: string };
type Props = {
  action: (prev: CreatedSubscriberState, form: FormData) => Promise<CreatedSubscriberState>;
  msaProviders: Option[];
  asaProviders: Option[];
  homeAgents: Option[];
};

const KNOWN_FIELDS = ["nai", "msaProviderId", "accessNai", "asaProviderId", "homeAddressPolicy", "staticHomeAddress", "pinnedHomeAgentId"];

export function SubscriberForm(props: Props) {
  // A new key remounts the form (and drops the shown secret) for "create another".
  const [round, setRound] = useState(0);
  return <SubscriberFormRound key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function SubscriberFormRound({ action, msaProviders, asaProviders, homeAgents, onAnother }: Props & { onAnother: () => void }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <SecretPanel subscriber={state.subscriber} secret={state.secret} onAnother={onAnother} />;

  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const other = Object.entries(errors).filter(([k]) => !KNOWN_FIELDS.includes(k));
  const message = state && !state.ok ? [state.message, ...other.map(([, m]) => m)].join(" ") : null;

  return (
    // The key re-applies the submitted values as defaults after React resets the form post-action.
    <form action={formAction} key={JSON.stringify(v)} className="space-y-2" noValidate data-testid="subscriber-form">
      <FormMessage message={message} />
      <div className="grid gap-x-6 md:grid-cols-2">
        <Field id="nai" label="Mobility NAI" error={errors.nai} hint="user@realm; the realm must be one of the MSA's realms.">
          {(aria) => <input {...aria} name="nai" required defaultValue={v.nai} autoComplete="off" spellCheck={false} className={inputClass} />}
        </Field>
        <SelectField id="msaProviderId" name="msaProviderId" label="Mobility service authorizer (MSA)" required empty="Choose a provider…" choices={msaProviders} defaultValue={v.msaProviderId} error={errors.msaProviderId} />
        <Field id="accessNai" label="Network-access NAI (optional)" error={errors.accessNai} hint="Only when the subscriber also has a network-access identity at an ASA.">
          {(aria) => <input {...aria} name="accessNai" defaultValue={v.accessNai} autoComplete="off" spellCheck={false} className={inputClass} />}
        </Field>
        <SelectField id="asaProviderId" name="asaProviderId" label="Access service authorizer (ASA, optional)" empty="None" choices={asaProviders} defaultValue={v.asaProviderId} error={errors.asaProviderId} />
        <Field id="homeAddressPolicy" label="Home address policy" error={errors.homeAddressPolicy}>
          {(aria) => (
            <select {...aria} name="homeAddressPolicy" defaultValue={v.homeAddressPolicy ?? "dynamic"} className={inputClass}>
              <option value="dynamic">Dynamic (kept across bootstraps)</option>
              <option value="static">Static (provisioned address)</option>
              <option value="privacy">Privacy (new random address each session)</option>
            </select>
          )}
        </Field>
        <Field id="staticHomeAddress" label="Static home address" error={errors.staticHomeAddress} hint="Only for the static policy; inside one of the MSP's home prefixes.">
          {(aria) => <input {...aria} name="staticHomeAddress" defaultValue={v.staticHomeAddress} autoComplete="off" spellCheck={false} placeholder="2001:db8:1::1234" className={inputClass} />}
        </Field>
        <SelectField id="pinnedHomeAgentId" name="pinnedHomeAgentId" label="Pinned home agent (optional)" empty="No pinning" choices={homeAgents} defaultValue={v.pinnedHomeAgentId} error={errors.pinnedHomeAgentId} hint="Otherwise the least-loaded home agent in service is chosen." />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create subscriber"}
      </Button>
    </form>
  );
}
