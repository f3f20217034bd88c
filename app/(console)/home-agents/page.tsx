import type { Metadata } from "next";
import { HomeAgentForm } from "@/components/home-agents/home-agent-form";
import { one, type SearchParams } from "@/components/ui/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { listHomeAgents } from "@/lib/data/home-agents";
import { isAppError } from "@/lib/errors";
import { createHomeAgentAction } from "./actions";
import { nameMap, providerOptions } from "../names";

export const metadata: Metadata = { title: "Home agents" };

const STATE_TONE = { "in-service": "green", draining: "amber", "out-of-service": "red" } as const;

export default async function HomeAgentsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const cursor = one((await searchParams).cursor);
  const [page, providers] = await Promise.all([
    listHomeAgents(actor, { cursor, limit: 50 }).catch((e) => {
      if (isAppError(e) && e.status === 422) return listHomeAgents(actor, { limit: 50 });
      throw e;
    }),
    providerOptions(actor),
  ]);
  const providerNames = nameMap(providers);
  const msps = providers.filter((p) => p.roles.includes("MSP")).map((p) => ({ id: p.id, label: p.name }));
  const writable = canWrite(actor);

  return (
    <div>
      <PageHeader title="Home agents" description="HAs of the mobility service providers, their state and load." />
      <div className={`grid gap-6 ${writable ? "lg:grid-cols-[minmax(0,1fr)_22rem]" : ""}`}>
        <div>
          {page.items.length ? (
            <>
              <Table caption="Home agents" testId="home-agents-table" head={["Name", "Provider", "FQDN", "Address", "Region", "State", "Load"]}>
                {page.items.map((h) => {
                  const pct = h.capacity ? Math.round((h.activeBindings / h.capacity) * 100) : 0;
                  return (
                    <tr key={h.id} className="hover:bg-slate-50">
                      <Td nowrap className="font-medium">{h.name}</Td>
                      <Td>{providerNames.get(h.providerId) ?? h.providerId}</Td>
                      <Td mono>{h.fqdn}</Td>
                      <Td mono>{h.address}</Td>
                      <Td nowrap>{h.region}</Td>
                      <Td><Badge tone={STATE_TONE[h.state] ?? "slate"}>{h.state}</Badge></Td>
                      <Td>
                        <div className="min-w-32">
                          <div className="text-xs text-slate-700">{h.activeBindings} / {h.capacity} ({pct} %)</div>
                          <div className="mt-1 h-1.5 rounded bg-slate-200" aria-hidden>
                            <div className={`h-1.5 rounded ${pct >= 90 ? "bg-red-500" : pct >= 70 ? "bg-amber-500" : "bg-brand-500"}`} style={{ width: `${Math.min(100, pct)}%` }} />
                          </div>
                        </div>
                      </Td>
                    </tr>
                  );
                })}
              </Table>
              <Pagination basePath="/home-agents" params={{}} nextCursor={page.nextCursor} hasCursor={!!cursor} />
            </>
          ) : (
            <EmptyState title="No home agents yet">{writable ? "Add the first one with the form." : "Home agents appear here once an operator adds them."}</EmptyState>
          )}
        </div>
        {writable ? (
          <Card title="New home agent">
            {msps.length ? (
              <HomeAgentForm action={createHomeAgentAction} providers={msps} />
            ) : (
              <p className="text-sm text-slate-600">No provider with the MSP role is in your scope.</p>
            )}
          </Card>
        ) : null}
      </div>
    </div>
  );
}
