import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PortalInviteButton } from "@/components/portal/portal-invite-button";
import { SessionTable } from "@/components/sessions/session-table";
import { EMPTY, formatTime, one, type SearchParams } from "@/components/ui/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { listSessions } from "@/lib/data/sessions";
import { getSubscriber, type SubscriberDto } from "@/lib/data/subscribers";
import { isAppError, isNotFound } from "@/lib/errors";
import { homeAgentOptions, nameMap, providerOptions } from "../../names";
import { DetailList, type DetailRow } from "@/components/ui/detail-list";

export const metadata: Metadata = { title: "Subscriber" };

export default async function SubscriberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const actor = await requireUser();
  const { id } = await params;
  const cursor = one((await searchParams).cursor);
  let s: SubscriberDto;
  try {
    s = await getSubscriber(actor, id);
  } catch (e) {
    if (isNotFound(e)) notFound();
    throw e;
  }
  const [sessions, providers, has] = await Promise.all([
    listSessions(actor, { subscriberId: s.id, cursor, limit: 25 }).catch((e) => {
      if (isAppError(e) && e.status === 422) return listSessions(actor, { subscriberId: s.id, limit: 25 });
      throw e;
    }),
    providerOptions(actor),
    homeAgentOptions(actor),
  ]);
  const providerNames = nameMap(providers);
  const haNames = nameMap(has);
  const name = (m: Map<string, string>, v: string | null) => (v ? (m.get(v) ?? v) : EMPTY);

  const rows: DetailRow[] = [
    ["Status", <span key="st" className="inline-flex gap-1"><Badge tone={s.status === "active" ? "green" : "red"}>{s.status}</Badge>{s.suspendedReason ? <span className="text-slate-600">{s.suspendedReason}</span> : null}</span>],
    ["MSA", name(providerNames, s.msaProviderId)],
    ["Network-access NAI", <span key="an" className="font-mono">{s.accessNai ?? EMPTY}</span>],
    ["ASA", name(providerNames, s.asaProviderId)],
    ["Home address policy", s.homeAddressPolicy],
    ["Static home address", <span key="sa" className="font-mono">{s.staticHomeAddress ?? EMPTY}</span>],
    ["Pinned home agent", name(haNames, s.pinnedHomeAgentId)],
    ["Home address", <span key="ha" className="font-mono" data-testid="subscriber-home-address">{s.homeAddress ?? EMPTY}</span>],
    ["Home agent", name(haNames, s.homeAgentId)],
    ["Last bootstrap", formatTime(s.lastBootstrapAt)],
    ["Re-bootstrap", s.rebootstrapRequired ? <Badge key="rb" tone="amber">required: {s.rebootstrapReason}</Badge> : "not required"],
    ["Created", formatTime(s.createdAt)],
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={s.nai}
        description={<span className="font-mono text-xs">{s.id}</span>}
        actions={
          <>
            <Link href={`/explain?subscriberId=${encodeURIComponent(s.id)}`} className="text-sm font-medium text-brand-600 hover:underline" data-testid="subscriber-explain-link">Explain</Link>
            <Link href="/subscribers" className="text-sm font-medium text-brand-600 hover:underline">All subscribers</Link>
          </>
        }
      />
      <Card title="Details">
        <DetailList rows={rows} />
      </Card>
      {canWrite(actor) ? (
        <Card title="Self-service portal">
          <p className="mb-2 text-sm text-slate-600">A one-time link with which the subscriber sets its portal password (its bootstrap secret stays separate).</p>
          <PortalInviteButton subscriberId={s.id} />
        </Card>
      ) : null}
      <section aria-labelledby="sessions-heading">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 id="sessions-heading" className="text-lg font-semibold">Bootstrap sessions</h2>
          <Link href={`/sessions?subscriberId=${encodeURIComponent(s.id)}`} className="text-sm font-medium text-brand-600 hover:underline">Filter in Sessions</Link>
        </div>
        {sessions.items.length ? (
          <>
            <SessionTable sessions={sessions.items} haNames={haNames} caption={`Bootstrap sessions of ${s.nai}`} />
            <Pagination basePath={`/subscribers/${s.id}`} params={{}} nextCursor={sessions.nextCursor} hasCursor={!!cursor} />
          </>
        ) : (
          <EmptyState title="No bootstrap yet">This mobile node has not bootstrapped. Its sessions appear here when it does.</EmptyState>
        )}
      </section>
    </div>
  );
}
