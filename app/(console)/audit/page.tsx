import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { formatTime, one, toLocalInput, utcFromLocalInput, type SearchParams } from "@/components/ui/format";
import { Badge, EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { AUDIT_ACTOR_TYPES } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { auditChainStatus, listAudit, seesWholeAudit } from "@/lib/data/audit";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit" };

const FILTERS = ["actor", "action", "objectType", "objectId", "requestId"] as const;

/** Stored text is rendered as React text nodes only (never as HTML), so a hostile value stays inert. */
function Changes({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">—</span>;
  return <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all text-xs">{typeof value === "string" ? value : JSON.stringify(value, null, 1)}</pre>;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const params: Record<string, string | undefined> = { cursor: one(sp.cursor), from: utcFromLocalInput(one(sp.from)), to: utcFromLocalInput(one(sp.to)) };
  for (const f of FILTERS) params[f] = one(sp[f]);
  params.actorType = one(sp.actorType);
  let page: Awaited<ReturnType<typeof listAudit>> | null = null;
  let problem: string | null = null;
  try {
    page = await listAudit(actor, { ...params, limit: 50 });
  } catch (e) {
    if (!isAppError(e) || e.status !== 422) throw e;
    problem = Object.values(e.fields ?? {}).join(" ") || "The filter is not valid.";
  }
  const chain = seesWholeAudit(actor) ? await auditChainStatus(actor) : null;
  const filterParams = Object.fromEntries(Object.entries(params).filter(([k, v]) => k !== "cursor" && v)) as Record<string, string>;
  const exportHref = `/audit/export.csv${Object.keys(filterParams).length ? `?${new URLSearchParams(filterParams)}` : ""}`;

  return (
    <div>
      <PageHeader
        title="Audit"
        description={seesWholeAudit(actor) ? "Every change, by whom and when, with secrets redacted. Entries are hash-chained." : "The changes you made, with secrets redacted."}
        actions={<a href={exportHref} className={buttonClass("secondary")} download>Export CSV</a>}
      />
      {chain ? (
        <p className="mb-4" data-testid="audit-chain" role="status">
          {chain.ok ? (
            <Badge tone="green">chain intact ({chain.checked} entries)</Badge>
          ) : (
            <Badge tone="red">chain broken at entry {chain.firstBadSeq}: {chain.problem}</Badge>
          )}
        </p>
      ) : null}
      <form method="get" role="search" aria-label="Filter the audit trail" className="mb-4 flex flex-wrap items-end gap-2">
        {FILTERS.map((f) => (
          <div key={f} className="w-44">
            <label htmlFor={f} className="block text-sm font-medium text-slate-800">{f === "actor" ? "Actor starts with" : f === "action" ? "Action starts with" : f}</label>
            <input id={f} name={f} defaultValue={params[f] ?? ""} className={inputClass} spellCheck={false} />
          </div>
        ))}
        <div className="w-36">
          <label htmlFor="actorType" className="block text-sm font-medium text-slate-800">Actor type</label>
          <select id="actorType" name="actorType" defaultValue={params.actorType ?? ""} className={inputClass}>
            <option value="">any</option>
            {AUDIT_ACTOR_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-medium text-slate-800">From (UTC)</label>
          <input id="from" name="from" type="datetime-local" defaultValue={toLocalInput(params.from)} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium text-slate-800">To (UTC)</label>
          <input id="to" name="to" type="datetime-local" defaultValue={toLocalInput(params.to)} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass("primary")}>Filter</button>
        {Object.keys(filterParams).length ? <Link href="/audit" className={buttonClass("secondary")}>Clear</Link> : null}
      </form>
      {problem ? <FormMessage message={problem} /> : null}
      {page && page.items.length ? (
        <>
          <Table caption="Audit entries, newest first" testId="audit-table" head={["#", "Time", "Actor", "Action", "Object", "Changes", "Request"]}>
            {page.items.map((e) => (
              <tr key={e.id} className="align-top hover:bg-slate-50">
                <Td mono>{e.seq}</Td>
                <Td>{formatTime(e.at)}</Td>
                <Td>{e.actor}</Td>
                <Td mono>{e.action}</Td>
                <Td mono>{e.objectType}{e.objectId ? ` ${e.objectId}` : ""}</Td>
                <Td><Changes value={e.changes} /></Td>
                <Td mono>{e.requestId ? <Link href={`/audit?requestId=${encodeURIComponent(e.requestId)}`} className="text-brand-600 hover:underline">{e.requestId.slice(0, 8)}</Link> : "—"}</Td>
              </tr>
            ))}
          </Table>
          <Pagination basePath="/audit" params={filterParams} nextCursor={page.nextCursor} hasCursor={!!params.cursor} />
        </>
      ) : page ? <EmptyState title="No audit entries match">Try other filters.</EmptyState> : null}
    </div>
  );
}
