"use client";

import { useActionState, useSyncExternalStore } from "react";
import { createPortalInviteAction, type PortalInviteState } from "@/app/(console)/subscribers/portal-invite-actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage } from "@/components/ui/page-header";

const noSubscribe = () => () => {};

/** Operator side: create a one-time portal invite link and show it once. */
export function PortalInviteButton({ subscriberId }: { subscriberId: string }) {
  const [state, action, pending] = useActionState<PortalInviteState>(() => createPortalInviteAction(subscriberId), null);
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => "");
  if (state?.ok) {
    const link = `${origin}${state.path}`;
    return (
      <div data-testid="portal-invite" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
        <p className="text-amber-950">Portal invite link (shown once, single use, valid until {new Date(state.expiresAt).toUTCString()}):</p>
        <div className="flex flex-wrap items-center gap-2">
          <code data-testid="portal-invite-link" className="select-all break-all rounded bg-white px-2 py-1 font-mono ring-1 ring-amber-300">{link}</code>
          <CopyButton text={link} label="Copy link" />
        </div>
      </div>
    );
  }
  return (
    <form action={action} className="inline-flex flex-col gap-1">
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Creating…" : "Portal invite link"}</Button>
      <FormMessage message={state && !state.ok ? state.message : null} />
    </form>
  );
}
