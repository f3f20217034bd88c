import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgreementForm } from "@/components/agreements/agreement-form";
import { AgreementStateBadge } from "@/components/agreements/agreement-state-badge";
import { AgreementStatusActions } from "@/components/agreements/status-actions";
import { formatTime } from "@/components/ui/format";
import { Badge, Card, PageHeader } from "@/components/ui/page-header";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { getAgreement, type AgreementDto } from "@/lib/data/agreements";
import { isNotFound } from "@/lib/errors";
import { deleteAgreementAction, setAgreementStatusAction, updateAgreementAction } from "../actions";
import { DetailList, type DetailRow } from "@/components/ui/detail-list";

export const metadata: Metadata = { title: "Agreement" };

export default async function AgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const { id } = await params;
  let a: AgreementDto;
  try {
    a = await getAgreement(actor, id);
  } catch (e) {
    if (isNotFound(e)) notFound();
    throw e;
  }
  const writable = canWrite(actor);
  const label = `${a.kind} agreement ${a.fromProviderName} → ${a.toProviderName}`;
  const rows: DetailRow[] = [
    ["Kind", a.kind],
    [a.kind === "mobility" ? "MSP (from)" : "Serving ASP (from)", <Link key="f" href={`/providers/${a.fromProviderId}`} className="text-brand-600 hover:underline">{a.fromProviderName}</Link>],
    [a.kind === "mobility" ? "MSA (to)" : "ASA (to)", <Link key="t" href={`/providers/${a.toProviderId}`} className="text-brand-600 hover:underline">{a.toProviderName}</Link>],
    ["Status", <Badge key="s">{a.status}</Badge>],
    ["Now", <AgreementStateBadge key="n" state={a.state} />],
    ["Valid from", formatTime(a.validFrom)],
    ["Valid until", a.validUntil ? formatTime(a.validUntil) : "open-ended"],
    ["Local HA assignment", a.kind === "mobility" ? (a.allowLocalHomeAgent ? "allowed" : "not allowed") : "— (mobility only)"],
    ["Created", formatTime(a.createdAt)],
    ["Updated", formatTime(a.updatedAt)],
  ];
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${a.fromProviderName} → ${a.toProviderName}`}
        description={<span>{a.kind} agreement · <span className="font-mono text-xs">{a.id}</span></span>}
        actions={<Link href="/agreements" className="text-sm font-medium text-brand-600 hover:underline">All agreements</Link>}
      />
      <div className={`grid gap-6 ${writable && a.status !== "terminated" ? "lg:grid-cols-2" : ""}`}>
        <Card title="Details">
          <DetailList rows={rows} testId="agreement-details" />
          {writable ? (
            <div className="mt-6 border-t border-slate-200 pt-4">
              <h3 className="mb-2 text-sm font-semibold text-slate-800">Lifecycle</h3>
              <p className="mb-3 text-xs text-slate-500">draft → active ⇄ suspended; any → terminated (final).</p>
              <AgreementStatusActions id={a.id} status={a.status} label={label} setStatus={setAgreementStatusAction} remove={deleteAgreementAction} backToList />
            </div>
          ) : null}
        </Card>
        {writable && a.status !== "terminated" ? (
          <Card title="Edit window">
            <AgreementForm action={updateAgreementAction} providers={[]} agreement={{ id: a.id, kind: a.kind, validFrom: a.validFrom, validUntil: a.validUntil, allowLocalHomeAgent: a.allowLocalHomeAgent }} />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
