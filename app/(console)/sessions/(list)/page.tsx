import type { Metadata } from "next";
import Link from "next/link";
import { SESSION_OUTCOMES } from "@/components/sessions/outcome-badge";
import { SessionTable } from "@/components/sessions/session-table";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { one, toLocalInput, utcFromLocalInput, type SearchParams } from "@/components/ui/format";
import { EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/session";
import { listSessions } from "@/lib/data/sessions";
import { getSubscriber } from "@/lib/data/subscribers";
import { isAppError } from "@/lib/errors";
import { homeAgentOptions, nameMap } from "../../names";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const params = {
    outcome: one(sp.outcome),
    q: one(sp.q),
    subscriberId: one(sp.subscriberId),
    from: one(sp.from),
    to: one(sp.to),
    cursor: one(sp.cursor),
  };
  // One box for "subscriber": an exact subscriber id (in scope) selects that subscriber, anything else is
  // the start of the NAI the MN sent (which also finds attempts with unknown NAIs).
  let q = params.q;
  let subscriberId = params.subscriberId;
  if (q && !q.includes("@") && !subscriberId) {
    const byId = await getSubscriber(actor, q).catch(() => null);
    if (byId) {
      subscriberId = byId.id;
      q = undefined;
    }
  }
  let page: Awaited<ReturnType<typeof listSessions>> | null = null;
  let problem: { message: string; fields: Record<string, string> } | null = null;
  try {
    page = await listSessions(actor, { ...params, q, subscriberId, from: utcFromLocalInput(params.from), to: utcFromLocalInput(params.to), limit: 50 });
  } catch (e) {
    if (!isAppError(e) || e.status !== 422) throw e;
    problem = { message: "Some filters are not valid.", fields: e.fields ?? {} };
  }
  const haNames = nameMap(await homeAgentOptions(actor));
  const filtered = !!(params.outcome || params.q || params.subscriberId || params.from || params.to);

  return (
    <div>
      <PageHeader title="Bootstrap sessions" description="Every bootstrap attempt, failed ones included; newest first. Times in UTC." />
      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-6" role="search" aria-label="Filter sessions">
        <div className="md:col-span-1">
          <label htmlFor="outcome" className="block text-sm font-medium text-slate-800">Outcome</label>
          <select id="outcome" name="outcome" defaultValue={params.outcome ?? ""} className={inputClass}>
            <option value="">Any outcome</option>
            {SESSION_OUTCOMES.map((o) => (
              <option key={o} value={o}>{o.replace(/_/g, " ")}</option>
            ))}
          </select>
        </div>
        <div className="md:col-span-2">
          <label htmlFor="q" className="block text-sm font-medium text-slate-800">Subscriber: NAI prefix or id</label>
          <input id="q" name="q" defaultValue={params.q ?? ""} placeholder="alice@msp.example" className={inputClass} aria-invalid={!!problem?.fields.q} />
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-medium text-slate-800">From (UTC)</label>
          <input id="from" name="from" type="datetime-local" defaultValue={toLocalInput(params.from)} className={inputClass} aria-invalid={!!problem?.fields.from} aria-describedby="filter-errors" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium text-slate-800">To (UTC)</label>
          <input id="to" name="to" type="datetime-local" defaultValue={toLocalInput(params.to)} className={inputClass} aria-invalid={!!problem?.fields.to} aria-describedby="filter-errors" />
        </div>
        <div className="flex items-end gap-2">
          {params.subscriberId ? <input type="hidden" name="subscriberId" value={params.subscriberId} /> : null}
          <button type="submit" className={buttonClass("primary")}>Filter</button>
          {filtered ? <Link href="/sessions" className={buttonClass("secondary")}>Clear</Link> : null}
        </div>
        {params.subscriberId ? (
          <p className="text-sm text-slate-600 md:col-span-6">
            Only sessions of subscriber{" "}
            <Link href={`/subscribers/${encodeURIComponent(params.subscriberId)}`} className="font-mono text-brand-600 hover:underline">{params.subscriberId}</Link>.
          </p>
        ) : null}
      </form>
      <div id="filter-errors">
        {problem ? (
          <FormMessage message={`${problem.message} ${Object.entries(problem.fields).map(([k, v]) => `${k}: ${v}`).join("; ")}`} />
        ) : null}
      </div>
      {page && page.items.length ? (
        <>
          <SessionTable sessions={page.items} haNames={haNames} caption="Bootstrap sessions" />
          <Pagination basePath="/sessions" params={params} nextCursor={page.nextCursor} hasCursor={!!params.cursor} />
        </>
      ) : page ? (
        <EmptyState title={filtered ? "No sessions match these filters" : "No bootstrap sessions yet"}>
          {filtered ? "Widen the time range or clear the filters." : "Sessions appear as mobile nodes bootstrap against /api/bootstrap/v1."}
        </EmptyState>
      ) : null}
    </div>
  );
}
