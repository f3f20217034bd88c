import type { Metadata } from "next";
import { getCurrentSubscriber } from "@/lib/auth/portal-session";
import { portalSignOutAction } from "./actions";

export const metadata: Metadata = { title: { default: "Self-service", template: "%s · MIP6 self-service" } };

/** The portal's own chrome: no operator navigation, nothing from the console layout. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const s = await getCurrentSubscriber();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between px-4 py-3">
          <p className="text-sm font-semibold uppercase tracking-widest text-brand-600">MIP6 self-service</p>
          {s ? (
            <form action={portalSignOutAction} className="flex items-center gap-3 text-sm">
              <span className="font-mono text-slate-600" data-testid="portal-signed-in-as">{s.nai}</span>
              <button type="submit" className="font-medium text-brand-700 hover:underline">Sign out</button>
            </form>
          ) : null}
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-4 py-6">{children}</main>
    </div>
  );
}
