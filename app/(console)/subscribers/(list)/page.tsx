import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass, LinkButton } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { formatTime, one, type SearchParams } from "@/components/ui/format";
import { Badge, EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { listSubscribers } from "@/lib/data/subscribers";
import { isAppError } from "@/lib/errors";
import { homeAgentOptions, nameMap, providerOptions } from "../../names";
import { bulkRebootstrapAction } from "../../rebootstrap/actions";
import { BULK_FORM_ID, BulkRebootstrap, SelectAllRows } from "@/components/rebootstrap/bulk-rebootstrap";

export const metadata: Metadata = { title: "Subscribers" };

export default async function SubscribersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const params = { q: one(sp.q), cursor: one(sp.cursor) };
  let page: Awaited<ReturnType<typeof listSubscribers>> | null = null;
  let problem: string | null = null;
  try {
    page = await listSubscribers(actor, { ...params, limit: 50 });
  } catch (e) {
    if (!isAppError(e) || e.status !== 422) throw e;
    problem = Object.values(e.fields ?? {}).join(" ") || "The search is not valid.";
  }
  const [providers, has] = await Promise.all([providerOptions(actor), homeAgentOptions(actor)]);
  const providerNames = nameMap(providers);
  const haNames = nameMap(has);
  // Operators and admins can select rows for a bulk re-bootstrap (RFC 4640 §4, network-initiated).
  const selectable = canWrite(actor);

  return (
    <div>
      <PageHeader
        title="Subscribers"
        description="Mobile nodes and their home address bindings."
        actions={canWrite(actor) ? <div className="flex gap-2"><LinkButton href="/subscribers/import" variant="secondary">Import CSV</LinkButton><LinkButton href="/subscribers/new">New subscriber</LinkButton></div> : null}
      />
      <form method="get" role="search" aria-label="Search subscribers" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="w-full max-w-md">
          <label htmlFor="q" className="block text-sm font-medium text-slate-800">NAI starts with</label>
          <input id="q" name="q" type="search" defaultValue={params.q ?? ""} placeholder="alice@ or alice@msp.example" className={inputClass} spellCheck={false} />
        </div>
        <button type="submit" className={buttonClass("primary")}>Search</button>
        {params.q ? <Link href="/subscribers" className={buttonClass("secondary")}>Clear</Link> : null}
      </form>
      {problem ? <FormMessage message={problem} /> : null}
      {page && page.items.length ? (
        <>
          {selectable ? <div className="mb-3"><BulkRebootstrap action={bulkRebootstrapAction} /></div> : null}
          <Table
            caption={params.q ? `Subscribers whose NAI starts with ${params.q}` : "Subscribers, newest first"}
            testId="subscribers-table"
            head={[...(selectable ? [<SelectAllRows key="all" />] : []), "NAI", "MSA", "Policy", "Status", "Home address", "Home agent", "Last bootstrap"]}
          >
            {page.items.map((s) => (
              <tr key={s.id} className="hover:bg-slate-50">
                {selectable ? (
                  <Td>
                    <input
                      type="checkbox" name="subscriberIds" value={s.id} form={BULK_FORM_ID} className="h-4 w-4"
                      aria-label={`Select ${s.nai}`} data-testid="select-subscriber"
                    />
                  </Td>
                ) : null}
                <Td mono>
                  <Link href={`/subscribers/${s.id}`} className="font-medium text-brand-600 hover:underline">{s.nai}</Link>
                </Td>
                <Td>{providerNames.get(s.msaProviderId) ?? s.msaProviderId}</Td>
                <Td>{s.homeAddressPolicy}</Td>
                <Td>
                  <span className="inline-flex flex-wrap gap-1">
                    <Badge tone={s.status === "active" ? "green" : "red"}>{s.status}</Badge>
                    {s.rebootstrapRequired ? <Badge tone="amber">re-bootstrap: {s.rebootstrapReason}</Badge> : null}
                  </span>
                </Td>
                <Td mono>{s.homeAddress ?? "—"}</Td>
                <Td nowrap>{s.homeAgentId ? (haNames.get(s.homeAgentId) ?? s.homeAgentId) : "—"}</Td>
                <Td>{formatTime(s.lastBootstrapAt)}</Td>
              </tr>
            ))}
          </Table>
          <Pagination basePath="/subscribers" params={params} nextCursor={page.nextCursor} hasCursor={!!params.cursor} />
        </>
      ) : page ? (
        <EmptyState title={params.q ? `No subscriber's NAI starts with “${params.q}”` : "No subscribers yet"}>
          {params.q ? (
            "The user part is case-sensitive; the realm is not."
          ) : canWrite(actor) ? (
            <Link href="/subscribers/new" className="font-medium text-brand-600 hover:underline">Create the first subscriber</Link>
          ) : (
            "Subscribers appear here once an operator creates them."
          )}
        </EmptyState>
      ) : null}
    </div>
  );
}
