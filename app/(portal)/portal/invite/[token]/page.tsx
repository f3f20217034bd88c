import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InviteAcceptForm } from "@/components/portal/invite-accept-form";
import { formatTime } from "@/components/ui/format";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { describePortalInvite } from "@/lib/services/portal";

export const metadata: Metadata = { title: "Set your portal password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function PortalInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describePortalInvite(token);
  // Used, expired or unknown: HTTP 404 with the explanation (./not-found.tsx).
  if (!invite) notFound();
  return (
    <div className="mx-auto w-full max-w-sm">
      <h1 className="text-2xl font-semibold text-slate-900">Set your portal password</h1>
      <p className="mt-1 text-sm text-slate-600">
        For <span className="font-mono" data-testid="invite-nai">{invite.nai}</span>. This link works once, until {formatTime(invite.expiresAt)}.
      </p>
      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <InviteAcceptForm token={token} minLength={MIN_PASSWORD_LENGTH} />
      </div>
    </div>
  );
}
