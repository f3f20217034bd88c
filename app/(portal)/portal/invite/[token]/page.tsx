import type { Metadata } from "next";
import Link from "next/link";
import { InviteAcceptForm } from "@/components/portal/invite-accept-form";
import { formatTime } from "@/components/ui/format";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { describePortalInvite } from "@/lib/services/portal";

export const metadata: Metadata = { title: "Set your portal password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function PortalInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await describePortalInvite(token);
  return (
    <div className="mx-auto w-full max-w-sm">
      <h1 className="text-2xl font-semibold text-slate-900">Set your portal password</h1>
      {invite ? (
        <>
          <p className="mt-1 text-sm text-slate-600">
            For <span className="font-mono" data-testid="invite-nai">{invite.nai}</span>. This link works once, until {formatTime(invite.expiresAt)}.
          </p>
          <div className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <InviteAcceptForm token={token} minLength={MIN_PASSWORD_LENGTH} />
          </div>
        </>
      ) : (
        <p className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="invite-invalid">
          This invite link is not valid: it may have been used already or have expired. Ask your provider for a new one.{" "}
          <Link href="/portal/signin" className="font-medium underline">Sign in</Link>
        </p>
      )}
    </div>
  );
}
