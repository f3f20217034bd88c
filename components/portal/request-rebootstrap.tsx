"use client";

import { useActionState, useState } from "react";
import { portalRebootstrapAction } from "@/app/(portal)/portal/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/page-header";

export function RequestRebootstrap({ disabled }: { disabled: boolean }) {
  const [state, action, pending] = useActionState(portalRebootstrapAction, null);
  const [confirming, setConfirming] = useState(false);
  if (state?.ok) return <FormMessage tone="success" message="Re-bootstrap requested: your mobile node will bootstrap again at its next status check." />;
  return (
    <div className="space-y-2">
      {!confirming ? (
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => setConfirming(true)}>
          Ask for a re-bootstrap…
        </Button>
      ) : (
        <form action={action} role="group" aria-label="Confirm re-bootstrap request" className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className="text-sm text-slate-700">Your mobile node will be told to bootstrap again (it may get a new home agent or address).</p>
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>{pending ? "Requesting…" : "Request re-bootstrap"}</Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>Cancel</Button>
          </div>
        </form>
      )}
      <FormMessage message={state && !state.ok ? state.message : null} />
    </div>
  );
}
