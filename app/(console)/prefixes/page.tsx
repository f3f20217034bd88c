import type { Metadata } from "next";
import Link from "next/link";
import { PrefixForm } from "@/components/prefixes/prefix-form";
import { AggregateForm, AllocateForm } from "@/components/prefixes/aggregate-forms";
import { UtilisationBar } from "@/components/prefixes/utilisation-bar";
import { one, type SearchParams } from "@/components/ui/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { listPrefixes } from "@/lib/data/prefixes";
import { listAggregates } from "@/lib/data/aggregates";
import { formatCount } from "@/lib/domain/quantity-format";
import { isAppError } from "@/lib/errors";
import { allocateSlash64Action, createAggregateAction, createPrefixAction } from "./actions";
import { homeAgentOptions, nameMap, providerOptions } from "../names";

export const metadata: Metadata = { title: "Prefixes" };

const STATE_TONE = { active: "green", draining: "amber", retired: "slate" } as const;

export default async function PrefixesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const cursor = one(sp.cursor);
  const q = one(sp.q);
  const [page, has, aggregates, providers] = await Promise.all([
    listPrefixes(actor, { cursor, q, limit: 50 }).catch((e) => {
      if (isAppError(e) && e.status === 422) return listPrefixes(actor, { limit: 50 });
      throw e;
    }),
    homeAgentOptions(actor),
    listAggregates(actor, { limit: 100 }),
    providerOptions(actor),
  ]);
  const haNames = nameMap(has);
  const providerNames = nameMap(providers);
  const writable = canWrite(actor);

  return (
    <div className="space-y-8">
      <PageHeader
        title="Home link prefixes"
        description="Prefixes served by each home agent, the provider aggregates they are carved from, and how full each one is."
        actions={<Link href="/renumberings" className="text-sm font-medium text-brand-700 hover:underline">Renumberings →</Link>}
      />
      <div className={`grid gap-6 ${writable ? "lg:grid-cols-[minmax(0,1fr)_22rem]" : ""}`}>
        <div>
          <form method="get" className="mb-4 flex gap-2" role="search">
            <label htmlFor="prefix-q" className="sr-only">Search prefixes</label>
            <input id="prefix-q" name="q" defaultValue={q} placeholder="Address (any spelling) or prefix" className="w-80 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
            <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">Search</button>
          </form>
          {page.items.length ? (
            <>
              <Table caption="Home link prefixes" testId="prefixes-table" head={["Prefix", "Home agent", "State", "Assigned", "Usable addresses", "Utilisation", ""]}>
                {page.items.map((p) => {
                  return (
                    <tr key={p.id} className="hover:bg-slate-50">
                      <Td mono>{p.prefix}</Td>
                      <Td nowrap>{haNames.get(p.homeAgentId) ?? p.homeAgentId}</Td>
                      <Td><Badge tone={STATE_TONE[p.state] ?? "slate"}>{p.state}</Badge></Td>
                      <Td>{formatCount(p.assigned)}</Td>
                      <Td><span title={String(p.capacity)}>{formatCount(p.capacity)}</span></Td>
                      <Td><UtilisationBar label={p.prefix} used={p.assigned} total={p.capacity} /></Td>
                      <Td className="whitespace-nowrap text-xs">
                        <Link className="text-brand-700 hover:underline" href={`/leases?prefixId=${p.id}`}>Addresses</Link>
                        {writable && p.state === "active" ? (
                          <> · <Link className="text-brand-700 hover:underline" href={`/renumberings/new?prefixId=${p.id}`}>Renumber</Link></>
                        ) : null}
                      </Td>
                    </tr>
                  );
                })}
              </Table>
              <Pagination basePath="/prefixes" params={{ q }} nextCursor={page.nextCursor} hasCursor={!!cursor} />
            </>
          ) : (
            <EmptyState title={q ? "No prefix matches" : "No home link prefixes yet"}>{writable ? "Add one with the form, or allocate a /64 from an aggregate." : "Prefixes appear here once an operator adds them."}</EmptyState>
          )}
        </div>
        {writable ? (
          <Card title="New prefix">
            {has.length ? (
              <PrefixForm action={createPrefixAction} homeAgents={has.map((h) => ({ id: h.id, label: `${h.name} (${h.address})` }))} />
            ) : (
              <p className="text-sm text-slate-600">Create a home agent first.</p>
            )}
          </Card>
        ) : null}
      </div>

      <section aria-labelledby="aggregates-heading">
        <h2 id="aggregates-heading" className="mb-3 text-lg font-semibold text-slate-900">Provider aggregates</h2>
        <div className={`grid gap-6 ${writable ? "lg:grid-cols-[minmax(0,1fr)_22rem]" : ""}`}>
          <div>
            {aggregates.items.length ? (
              <Table caption="Provider aggregates" testId="aggregates-table" head={["Aggregate", "Provider", "Home link prefixes", "/64s used", "/64s total", "Utilisation"]}>
                {aggregates.items.map((a) => (
                  <tr key={a.id} className="hover:bg-slate-50">
                    <Td mono>{a.prefix}</Td>
                    <Td>{providerNames.get(a.providerId) ?? a.providerId}</Td>
                    <Td>{a.homePrefixes.toLocaleString("en-US")}</Td>
                    <Td>{formatCount(a.slash64Used)}</Td>
                    <Td><span title={a.slash64Total}>{formatCount(a.slash64Total)}</span></Td>
                    <Td><UtilisationBar label={a.prefix} used={a.slash64Used} total={a.slash64Total} /></Td>
                  </tr>
                ))}
              </Table>
            ) : (
              <EmptyState title="No provider aggregates yet">Add an aggregate (e.g. a /29 or /48) to carve /64 home link prefixes from it.</EmptyState>
            )}
          </div>
          {writable ? (
            <div className="space-y-6">
              <Card title="New aggregate">
                <AggregateForm action={createAggregateAction} providers={providers.map((p) => ({ id: p.id, label: p.name }))} />
              </Card>
              {aggregates.items.length && has.length ? (
                <Card title="Allocate a /64">
                  <AllocateForm
                    action={allocateSlash64Action}
                    aggregates={aggregates.items.map((a) => ({ id: a.id, label: a.prefix }))}
                    homeAgents={has.map((h) => ({ id: h.id, label: `${h.name} (${h.address})` }))}
                  />
                </Card>
              ) : null}
            </div>
          ) : null}
        </div>
      </section>
    </div>
  );
}
