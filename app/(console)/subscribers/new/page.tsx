import type { Metadata } from "next";
import Link from "next/link";
import { SubscriberForm } from "@/components/subscribers/subscriber-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { createSubscriberAction } from "../actions";
import { homeAgentOptions, providerOptions } from "../../names";

export const metadata: Metadata = { title: "New subscriber" };

export default async function NewSubscriberPage() {
  const actor = await requireUser();
  if (!canWrite(actor)) {
    return (
      <EmptyState title="Not allowed">
        Your role ({actor.role}) is read-only. <Link href="/subscribers" className="font-medium text-brand-600 hover:underline">Back to subscribers</Link>
      </EmptyState>
    );
  }
  const [providers, homeAgents] = await Promise.all([providerOptions(actor), homeAgentOptions(actor)]);
  const label = (p: { name: string; realms: string[] }) => (p.realms.length ? `${p.name} (${p.realms.join(", ")})` : p.name);
  const msa = providers.filter((p) => p.roles.includes("MSA")).map((p) => ({ id: p.id, label: label(p) }));
  const asa = providers.filter((p) => p.roles.includes("ASA")).map((p) => ({ id: p.id, label: label(p) }));
  const has = homeAgents.map((h) => ({ id: h.id, label: `${h.name} (${h.fqdn})` }));
  return (
    <div className="max-w-4xl">
      <PageHeader
        title="New subscriber"
        description="A mobile node with a trust relationship to one MSA. Its root secret is generated and shown once."
        actions={<Link href="/subscribers" className="text-sm font-medium text-brand-600 hover:underline">All subscribers</Link>}
      />
      {msa.length ? (
        <Card>
          <SubscriberForm action={createSubscriberAction} msaProviders={msa} asaProviders={asa} homeAgents={has} />
        </Card>
      ) : (
        <EmptyState title="No mobility service authorizer in your scope">
          A subscriber needs a provider with the MSA role. Create one through the API (<code>POST /api/v1/providers</code>).
        </EmptyState>
      )}
    </div>
  );
}
