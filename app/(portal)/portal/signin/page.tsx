import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PortalSignInForm } from "@/components/portal/portal-signin-form";
import { FormMessage } from "@/components/ui/page-header";
import { getCurrentSubscriber } from "@/lib/auth/portal-session";

export const metadata: Metadata = { title: "Sign in" };

export default async function PortalSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCurrentSubscriber()) redirect("/portal");
  const welcome = (await searchParams).welcome !== undefined;
  return (
    <div className="mx-auto w-full max-w-sm">
      <h1 className="text-2xl font-semibold text-slate-900">Subscriber sign-in</h1>
      <p className="mt-1 text-sm text-slate-600">See your mobile node&apos;s home agent, address and roaming, and manage its bootstrap secret.</p>
      <div className="mt-4">
        <FormMessage tone="success" message={welcome ? "Your portal password is set. Sign in with it." : null} />
      </div>
      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <PortalSignInForm />
      </div>
      <p className="mt-4 text-xs text-slate-500">No portal password yet? Ask your provider for an invite link.</p>
    </div>
  );
}
