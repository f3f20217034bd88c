"use client";

import { useActionState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, inputClass, SelectField } from "@/components/ui/field";
import { toLocalInput } from "@/components/ui/format";
import { FormMessage } from "@/components/ui/page-header";
import type { AgreementFormState } from "@/app/(console)/agreements/actions";

type Option = { id: string; label: string };
type Props = {
  action: (prev: AgreementFormState, form: FormData) => Promise<AgreementFormState>;
  providers: Option[];
  /** editing: only the window and the local-HA permission change */
  agreement?: { id: string; kind: string; validFrom: string; validUntil: string | null; allowLocalHomeAgent: boolean };
  /** default validFrom for a new agreement (server time, so the first render matches) */
  defaultValidFrom?: string;
};
const KNOWN = ["kind", "fromProviderId", "toProviderId", "status", "validFrom", "validUntil", "allowLocalHomeAgent"];

export function AgreementForm({ action, providers, agreement, defaultValidFrom }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const extra = Object.entries(errors).filter(([k]) => !KNOWN.includes(k)).map(([, m]) => m);
  // A 409 overlap carries its message under validFrom as well; show it once, by the field.
  const message = state && !state.ok ? [state.message, ...extra].filter((m) => !Object.values(errors).includes(m) || extra.includes(m)).join(" ") : null;
  const editing = !!agreement;
  const local = v.allowLocalHomeAgent !== undefined ? v.allowLocalHomeAgent === "on" : (agreement?.allowLocalHomeAgent ?? false);

  return (
    <form action={formAction} key={JSON.stringify(v)} className="space-y-1" noValidate data-testid="agreement-form">
      {state?.ok ? (
        <FormMessage tone="success" message={editing ? "Agreement saved." : `Created the ${state.label}.`} />
      ) : null}
      {state?.ok && !editing ? <p className="text-sm"><Link href={`/agreements/${state.id}`} className="font-medium text-brand-600 hover:underline">Open the new agreement</Link></p> : null}
      <FormMessage message={message} />
      {agreement ? <input type="hidden" name="id" value={agreement.id} /> : null}
      {editing ? null : (
        <>
          <Field id="kind" label="Kind" error={errors.kind} hint="network-access: a serving ASP lets an ASA's subscribers attach. mobility: an MSP provides home agents for an MSA's subscribers.">
            {(aria) => (
              <select {...aria} name="kind" required defaultValue={v.kind ?? "mobility"} className={inputClass}>
                <option value="mobility">mobility (MSP → MSA)</option>
                <option value="network-access">network-access (serving ASP → ASA)</option>
              </select>
            )}
          </Field>
          <SelectField id="fromProviderId" name="fromProviderId" label="From: the serving ASP or the MSP" required empty="Choose a provider…" choices={providers} defaultValue={v.fromProviderId} error={errors.fromProviderId} />
          <SelectField id="toProviderId" name="toProviderId" label="To: the ASA or the MSA" required empty="Choose a provider…" choices={providers} defaultValue={v.toProviderId} error={errors.toProviderId} />
          <Field id="status" label="Start as" error={errors.status}>
            {(aria) => (
              <select {...aria} name="status" defaultValue={v.status ?? "draft"} className={inputClass}>
                <option value="draft">draft (activate later)</option>
                <option value="active">active</option>
              </select>
            )}
          </Field>
        </>
      )}
      <Field id="validFrom" label="Valid from (UTC)" error={errors.validFrom}>
        {(aria) => <input {...aria} name="validFrom" type="datetime-local" required defaultValue={toLocalInput(v.validFrom ?? agreement?.validFrom ?? defaultValidFrom)} className={inputClass} />}
      </Field>
      <Field id="validUntil" label="Valid until (UTC, optional)" error={errors.validUntil} hint="Leave empty for an open-ended agreement. The window ends exactly at this time.">
        {(aria) => <input {...aria} name="validUntil" type="datetime-local" defaultValue={toLocalInput(v.validUntil ?? agreement?.validUntil ?? undefined)} className={inputClass} />}
      </Field>
      {!editing || agreement?.kind === "mobility" ? (
        <div className="space-y-1 pb-2">
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="allowLocalHomeAgent" defaultChecked={local} aria-invalid={!!errors.allowLocalHomeAgent} aria-describedby="allowLocalHomeAgent-error" className="h-4 w-4" />
            Allow local home agent assignment (mobility only, RFC 4640 §5.2)
          </label>
          <p id="allowLocalHomeAgent-error" aria-live="polite" className="min-h-4 text-xs font-medium text-red-700">{errors.allowLocalHomeAgent ?? ""}</p>
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : editing ? "Save changes" : "Create agreement"}</Button>
    </form>
  );
}
