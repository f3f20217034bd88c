import type { Metadata } from "next";
import Link from "next/link";
import { ApplyStalenessButton, StalenessForm } from "@/components/rebootstrap/staleness-form";
import { describeMaxAge } from "@/components/rebootstrap/max-age";
import { formatTime } from "@/components/ui/format";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getStalenessPolicy } from "@/lib/services/staleness";
import { applyStalenessAction, saveStalenessAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireUser();
  const policy = await getStalenessPolicy();
  const admin = actor.role === "admin";
  return (
    <div>
      <PageHeader title="Settings" description="Console-wide policies." />
      <Card title="Staleness policy" testId="staleness-card">
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            Network-initiated bootstrap (RFC 4640 §4): subscribers whose last successful bootstrap is older than this age — or who
            never bootstrapped and were created before it — are flagged for re-bootstrap with reason <code>stale</code>. A subscriber
            already flagged for another reason keeps that reason; suspended subscribers are left alone. The console applies the policy
            every minute; flagged MNs are listed under <Link href="/rebootstrap?reason=stale" className="font-medium text-brand-600 hover:underline">Flagged MNs</Link>.
          </p>
          <p data-testid="staleness-current">
            Current policy: <strong>{describeMaxAge(policy.maxAgeSeconds)}</strong>
            {policy.updatedAt ? ` (changed ${formatTime(policy.updatedAt)})` : ""}
          </p>
          {admin ? (
            <>
              <StalenessForm action={saveStalenessAction} maxAgeSeconds={policy.maxAgeSeconds} />
              <ApplyStalenessButton action={applyStalenessAction} />
            </>
          ) : (
            <p className="text-slate-500">Only an admin can change this policy.</p>
          )}
        </div>
      </Card>
    </div>
  );
}
