import type { Metadata } from "next";
import { TotpEnrolForm, TotpRemoveForm } from "@/components/account/totp-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { startTotpEnrolment, totpEnabled } from "@/lib/services/totp";
import { enrolTotpAction, removeTotpAction } from "./actions";

export const metadata: Metadata = { title: "Account security" };

export default async function SecurityPage() {
  const actor = await requireUser();
  const enabled = await totpEnabled(actor);
  return (
    <div className="max-w-xl">
      <PageHeader title="Account security" description="A second factor: a six-digit code from an authenticator app (TOTP, RFC 6238), asked for at every sign-in." />
      <Card title={enabled ? "Second factor is on" : "Turn on a second factor"}>
        {enabled ? <TotpRemoveForm action={removeTotpAction} /> : <TotpEnrolForm action={enrolTotpAction} {...startTotpEnrolment(actor)} />}
      </Card>
    </div>
  );
}
