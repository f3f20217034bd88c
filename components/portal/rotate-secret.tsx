"use client";

import { useActionState, useState } from "react";
import { portalRotateSecretAction, type RotateState } from "@/app/(portal)/portal/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage } from "@/components/ui/page-header";

/** Rotate the bootstrap secret: a confirmation first, then the new secret shown once. */
export function RotateSecret({ disabled }: { disabled: boolean }) {
  const [state, action, pending] = useActionState<RotateState>(portalRotateSecretAction, null);
  const [confirming, setConfirming] = useState(false);
  if (state?.ok) {
    return (
      <section data-testid="portal-new-secret" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
        <h3 className="font-semibold text-amber-950">Your new bootstrap secret</h3>
        <p className="mt-1 text-sm text-amber-900" role="alert">
          Shown <strong>only once</strong>: put it into your mobile node now. The old secret no longer works.
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <code data-testid="portal-secret" className="select-all break-all rounded bg-white px-2 py-1.5 font-mono text-sm ring-1 ring-amber-300">{state.secret}</code>
          <CopyButton text={state.secret} label="Copy secret" />
        </div>
      </section>
    );
  }
  return (
    <div className="space-y-2">
      {!confirming ? (
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => setConfirming(true)}>
          Rotate bootstrap secret…
        </Button>
      ) : (
        <form action={action} role="group" aria-label="Confirm secret rotation" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
          <p className="text-sm text-red-900">
            A new secret replaces the current one at once: your mobile node cannot bootstrap until you give it the new one.
          </p>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={pending}>{pending ? "Rotating…" : "Rotate now"}</Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>Cancel</Button>
          </div>
        </form>
      )}
      <FormMessage message={state && !state.ok ? state.message : null} />
    </div>
  );
}
