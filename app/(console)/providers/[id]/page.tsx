import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/providers/confirm-form";
import { ProviderForm } from "@/components/providers/provider-form";
import { formatTime } from "@/components/ui/format";
import { Badge, Card, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getProvider, type ProviderDto } from "@/lib/data/providers";
import { isNotFound } from "@/lib/errors";
import { deleteProviderAction, updateProviderAction } from "../actions";

export const metadata: Metadata = { title: "Provider" };

export default async function ProviderPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const { id } = await params;
  let p: ProviderDto;
  try {
    p = await getProvider(actor, id);
  } catch (e) {
    if (isNotFound(e)) notFound();
    throw e;
  }
  const admin = actor.role === "admin";
  return (
    <div className="space-y-6">
      <PageHeader
        title={p.name}
        description={<span className="font-mono text-xs">{p.id}</span>}
        actions={
          <>
            <Link href={`/agreements?providerId=${encodeURIComponent(p.id)}`} className="text-sm font-medium text-brand-600 hover:underline">Agreements</Link>
            <Link href="/providers" className="text-sm font-medium text-brand-600 hover:underline">All providers</Link>
          </>
        }
      />
      <div className={`grid gap-6 ${admin ? "lg:grid-cols-2" : ""}`}>
        <Card title="Details">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-500">Roles</dt>
            <dd className="flex flex-wrap gap-1">{p.roles.map((r) => <Badge key={r} tone="blue">{r}</Badge>)}</dd>
            <dt className="text-slate-500">Realms</dt>
            <dd>
              {p.realmDetails.length ? (
                <ul className="space-y-0.5">
                  {p.realmDetails.map((r) => (
                    <li key={r.name}><span className="font-mono">{r.name}</span>{r.region ? <span className="text-slate-500"> — {r.region}</span> : null}</li>
                  ))}
                </ul>
              ) : "—"}
            </dd>
            <dt className="text-slate-500">Created</dt>
            <dd>{formatTime(p.createdAt)}</dd>
            <dt className="text-slate-500">Updated</dt>
            <dd>{formatTime(p.updatedAt)}</dd>
          </dl>
          {admin ? (
            <div className="mt-6 border-t border-slate-200 pt-4">
              <ConfirmForm
                action={deleteProviderAction}
                fields={{ id: p.id }}
                trigger="Delete provider"
                title={`Delete ${p.name}?`}
                confirmLabel="Delete"
                testId="delete-provider"
              >
                Its realms and roles go with it. A provider that home agents, subscribers, agreements or prefix
                aggregates still reference cannot be deleted; you will be told what references it.
              </ConfirmForm>
            </div>
          ) : null}
        </Card>
        {admin ? (
          <Card title="Edit">
            <ProviderForm action={updateProviderAction} provider={{ id: p.id, name: p.name, realms: p.realmDetails, roles: p.roles }} submitLabel="Save changes" />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
