"use client";

// Create or edit an operator account: role, provider scope (operators only), and for a new account an
// optional initial password (generated and shown once when left empty; changed at first sign-in).
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/page-header";
import type { UserFormState } from "@/app/(console)/users/actions";

type Provider = { id: string; name: string };
type Props = {
  action: (prev: UserFormState, form: FormData) => Promise<UserFormState>;
  providers: Provider[];
  user?: { id: string; email: string; name: string | null; role: string; providerIds: string[] };
  submitLabel: string;
};

const ROLE_HELP: Record<string, string> = {
  admin: "admin — everything, including users",
  operator: "operator — only the providers ticked below",
  auditor: "auditor — reads everything, changes nothing",
};

export function UserForm(props: Props) {
  const [round, setRound] = useState(0);
  return <UserFormRound key={round} {...props} onDone={() => setRound((r) => r + 1)} />;
}

function UserFormRound({ action, providers, user, submitLabel, onDone }: Props & { onDone: () => void }) {
  const [state, formAction, pending] = useActionState<UserFormState, FormData>(action, null);
  const failed = state && !state.ok ? state : null;
  const v = failed?.values;
  const [role, setRole] = useState(v?.role ?? user?.role ?? "operator");
  const checked = new Set(v?.providerIds ? v.providerIds.split(",") : (user?.providerIds ?? []));
  const created = state?.ok && !user ? state : null;

  if (created) {
    return (
      <div className="space-y-3" data-testid="user-created">
        <FormMessage tone="success" message={`Created ${created.email}.`} />
        {created.password ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-700">Initial password, shown only now. The user must change it at first sign-in:</p>
            <code className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-testid="initial-password">{created.password}</code>
            <CopyButton text={created.password} />
          </div>
        ) : <p className="text-sm text-slate-700">The user must change the password you set at first sign-in.</p>}
        <Button type="button" variant="secondary" onClick={onDone}>Create another</Button>
      </div>
    );
  }

  return (
    <form action={formAction} className="space-y-3" data-testid="user-form">
      {user ? <input type="hidden" name="id" value={user.id} /> : null}
      <FormMessage message={failed?.message} />
      {state?.ok && user ? <FormMessage tone="success" message="Saved." /> : null}
      {user ? (
        <p className="text-sm text-slate-700">Email: <span className="font-mono">{user.email}</span></p>
      ) : (
        <Field id="email" label="Email" error={failed?.fieldErrors.email}>
          {(a) => <input {...a} name="email" type="email" required defaultValue={v?.email ?? ""} className={inputClass} autoComplete="off" />}
        </Field>
      )}
      <Field id="name" label="Name (optional)" error={failed?.fieldErrors.name}>
        {(a) => <input {...a} name="name" defaultValue={v?.name ?? user?.name ?? ""} className={inputClass} />}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Role</legend>
        {Object.entries(ROLE_HELP).map(([r, label]) => (
          <label key={r} className="flex items-center gap-2 text-sm">
            <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} /> {label}
          </label>
        ))}
        <p className="text-xs font-medium text-red-700" aria-live="polite">{failed?.fieldErrors.role ?? ""}</p>
      </fieldset>
      {role === "operator" ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Provider scope</legend>
          {providers.length ? providers.map((p) => (
            <label key={p.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="providerIds" value={p.id} defaultChecked={checked.has(p.id)} /> {p.name}
            </label>
          )) : <p className="text-sm text-slate-600">No providers yet: create one first.</p>}
          <p className="text-xs font-medium text-red-700" aria-live="polite">{failed?.fieldErrors.providerIds ?? ""}</p>
        </fieldset>
      ) : null}
      {user ? null : (
        <Field id="password" label="Initial password (optional)" hint="Leave empty to generate one (shown once). Either way it must be changed at first sign-in." error={failed?.fieldErrors.password}>
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
      )}
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : submitLabel}</Button>
    </form>
  );
}
