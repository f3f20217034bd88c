import type { Metadata } from "next";
import Link from "next/link";
import { AgreementForm } from "@/components/agreements/agreement-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { loadAgreementOverview } from "@/lib/data/agreement-overview";
import { createAgreementAction } from "../actions";

export const metadata: Metadata = { title: "New agreement" };

export default async function NewAgreementPage() {
  const actor = await requireUser();
  if (!canWrite(actor)) {
    return <EmptyState title="Read-only role">Auditors can see agreements but not make them. <Link href="/agreements" className="font-medium text-brand-600 hover:underline">Back to agreements</Link></EmptyState>;
  }
  // An operator may pair its own providers with the counterparties it already deals with; an admin sees all.
  const { providers } = await loadAgreementOverview(actor);
  const options = providers.map((p) => ({ id: p.id, label: `${p.name} (${p.roles.join(", ")})` }));
  return (
    <div className="max-w-xl">
      <PageHeader
        title="New roaming agreement"
        description="The kind must match the providers' roles: network-access joins a serving ASP to an ASA, mobility an MSP to an MSA."
        actions={<Link href="/agreements" className="text-sm font-medium text-brand-600 hover:underline">All agreements</Link>}
      />
      <Card>
        <AgreementForm action={createAgreementAction} providers={options} defaultValidFrom={new Date().toISOString()} />
      </Card>
    </div>
  );
}
