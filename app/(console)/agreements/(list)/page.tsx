import type { Metadata } from "next";
import Link from "next/link";
import { AgreementGraph } from "@/components/agreements/agreement-graph";
import { AgreementMatrix } from "@/components/agreements/agreement-matrix";
import { AgreementStateBadge } from "@/components/agreements/agreement-state-badge";
import { AgreementStatusActions } from "@/components/agreements/status-actions";
import { buttonClass, LinkButton } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { formatTime, one, type SearchParams } from "@/components/ui/format";
import { Badge, EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { loadAgreementOverview } from "@/lib/data/agreement-overview";
import { listAgreements } from "@/lib/data/agreements";
import { buildGraph, buildMatrix } from "@/lib/domain/agreement-overview";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from "@/lib/domain/agreements";
import { isAppError } from "@/lib/errors";
import { deleteAgreementAction, setAgreementStatusAction } from "../actions";

export const metadata: Metadata = { title: "Agreements" };

export default async function AgreementsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const params = { kind: one(sp.kind), status: one(sp.status), providerId: one(sp.providerId), inForce: one(sp.inForce), cursor: one(sp.cursor) };
  // One "now" for the whole page, so the list, the matrix and the graph agree with each other.
  const now = new Date();
  let page: Awaited<ReturnType<typeof listAgreements>> | null = null;
  let problem: string | null = null;
  try {
    page = await listAgreements(actor, { ...params, limit: 50 }, now);
  } catch (e) {
    if (!isAppError(e) || e.status !== 422) throw e;
    problem = Object.values(e.fields ?? {}).join(" ") || "The filter is not valid.";
  }
  const overview = await loadAgreementOverview(actor);
  const writable = canWrite(actor);
  const filtered = !!(params.kind || params.status || params.providerId || params.inForce);

  return (
    <div className="space-y-8">
      <PageHeader
        title="Roaming agreements"
        description="Who lets whose subscribers attach (network-access) and who runs home agents for whom (mobility). In force means active and inside its window, judged now."
        actions={writable ? <LinkButton href="/agreements/new">New agreement</LinkButton> : null}
      />

      <section aria-labelledby="in-force-heading" className="space-y-3">
        <h2 id="in-force-heading" className="text-lg font-semibold">In force now</h2>
        <p className="text-xs text-slate-500">As of {formatTime(now.toISOString())}. Cells link to the agreement they show.{overview.truncated ? " Only the first 300 providers and agreements are drawn." : ""}</p>
        <div className="grid gap-4 xl:grid-cols-2">
          <AgreementMatrix matrix={buildMatrix("network-access", overview.providers, overview.agreements, now)} />
          <AgreementMatrix matrix={buildMatrix("mobility", overview.providers, overview.agreements, now)} />
        </div>
      </section>

      <section aria-labelledby="graph-heading" className="space-y-3">
        <h2 id="graph-heading" className="text-lg font-semibold">Providers and agreements</h2>
        <AgreementGraph graph={buildGraph(overview.providers, overview.agreements, now)} />
      </section>

      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-lg font-semibold">All agreements</h2>
        <form method="get" aria-label="Filter agreements" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="kind" className="block text-sm font-medium text-slate-800">Kind</label>
            <select id="kind" name="kind" defaultValue={params.kind ?? ""} className={inputClass}>
              <option value="">Any</option>
              {AGREEMENT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="status" className="block text-sm font-medium text-slate-800">Status</label>
            <select id="status" name="status" defaultValue={params.status ?? ""} className={inputClass}>
              <option value="">Any</option>
              {AGREEMENT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="providerId" className="block text-sm font-medium text-slate-800">Provider (either side)</label>
            <select id="providerId" name="providerId" defaultValue={params.providerId ?? ""} className={inputClass}>
              <option value="">Any</option>
              {overview.providers.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="inForce" className="block text-sm font-medium text-slate-800">In force now</label>
            <select id="inForce" name="inForce" defaultValue={params.inForce ?? ""} className={inputClass}>
              <option value="">Either</option>
              <option value="true">In force</option>
              <option value="false">Not in force</option>
            </select>
          </div>
          <button type="submit" className={buttonClass("primary")}>Filter</button>
          {filtered ? <Link href="/agreements" className={buttonClass("secondary")}>Clear</Link> : null}
        </form>
        {problem ? <FormMessage message={problem} /> : null}
        {page && page.items.length ? (
          <>
            <Table caption="Roaming agreements, newest first" testId="agreements-table" head={["Kind", "From → to", "Window (UTC)", "State", "Local HA", writable ? "Actions" : ""]}>
              {page.items.map((a) => (
                <tr key={a.id} className="hover:bg-slate-50" data-testid={`agreement-row-${a.id}`}>
                  <Td>
                    <Link href={`/agreements/${a.id}`} className="font-medium text-brand-600 hover:underline">{a.kind}</Link>
                  </Td>
                  <Td>{a.fromProviderName} → {a.toProviderName}</Td>
                  <Td className="text-xs whitespace-nowrap">{formatTime(a.validFrom)}<br />{a.validUntil ? `until ${formatTime(a.validUntil)}` : "open-ended"}</Td>
                  <Td>
                    <span className="flex flex-wrap gap-1">
                      <AgreementStateBadge state={a.state} />
                      {/* An active agreement outside its window: say both (expired / not yet valid, and active). */}
                      {a.state !== a.status && a.state !== "in force" ? <Badge>{a.status}</Badge> : null}
                    </span>
                  </Td>
                  <Td>{a.kind === "mobility" ? (a.allowLocalHomeAgent ? "allowed" : "no") : "—"}</Td>
                  <Td>
                    {writable ? (
                      <AgreementStatusActions
                        id={a.id} status={a.status} label={`${a.kind} agreement ${a.fromProviderName} → ${a.toProviderName}`}
                        setStatus={setAgreementStatusAction} remove={deleteAgreementAction}
                      />
                    ) : null}
                  </Td>
                </tr>
              ))}
            </Table>
            <Pagination basePath="/agreements" params={{ kind: params.kind, status: params.status, providerId: params.providerId, inForce: params.inForce }} nextCursor={page.nextCursor} hasCursor={!!params.cursor} />
          </>
        ) : page ? (
          <EmptyState title={filtered ? "No agreement matches" : "No agreements yet"}>
            {filtered ? "Try another filter." : writable ? <>Make the first one with <Link href="/agreements/new" className="font-medium text-brand-600 hover:underline">New agreement</Link>.</> : "Agreements appear here once an operator makes them."}
          </EmptyState>
        ) : null}
      </section>
    </div>
  );
}
