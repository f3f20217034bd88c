import type { Metadata } from "next";
import { PrefixForm } from "@/components/prefixes/prefix-form";
import { one, type SearchParams } from "@/components/ui/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { listPrefixes } from "@/lib/data/prefixes";
import { isAppError } from "@/lib/errors";
import { createPrefixAction } from "./actions";
import { homeAgentOptions, nameMap } from "../names";

export const metadata: Metadata = { title: "Prefixes" };

const STATE_TONE = { active: "green", draining: "amber", retired: "slate" } as const;

/** assigned / capacity as a readable share; capacity may be a decimal string beyond 2^53. */
function utilisation(assigned: number, capacity: number | string): string {
  const cap = Number(capacity);
  if (!Number.isFinite(cap) || cap <= 0) return "—";
  const share = (assigned / cap) * 100;
  return share === 0 ? "0 %" : share < 0.01 ? "< 0.01 %" : `${share.toFixed(2)} %`;
}

function formatCapacity(capacity: number | string): string {
  const n = typeof capacity === "number" ? BigInt(capacity) : BigInt(capacity);
  return n > 10n ** 12n ? `≈ 2^${n.toString(2).length - 1}` : n.toLocaleString("en-US");
}

export default async function PrefixesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const cursor = one((await searchParams).cursor);
  const [page, has] = await Promise.all([
    listPrefixes(actor, { cursor, limit: 50 }).catch((e) => {
      if (isAppError(e) && e.status === 422) return listPrefixes(actor, { limit: 50 });
      throw e;
    }),
    homeAgentOptions(actor),
  ]);
  const haNames = nameMap(has);
  const writable = canWrite(actor);

  return (
    <div>
      <PageHeader title="Home link prefixes" description="Prefixes served by each home agent, and how many home addresses are assigned." />
      <div className={`grid gap-6 ${writable ? "lg:grid-cols-[1fr_22rem]" : ""}`}>
        <div>
          {page.items.length ? (
            <>
              <Table caption="Home link prefixes" testId="prefixes-table" head={["Prefix", "Home agent", "State", "Assigned", "Usable addresses", "Utilisation"]}>
                {page.items.map((p) => (
                  <tr key={p.id} className="hover:bg-slate-50">
                    <Td mono>{p.prefix}</Td>
                    <Td>{haNames.get(p.homeAgentId) ?? p.homeAgentId}</Td>
                    <Td><Badge tone={STATE_TONE[p.state] ?? "slate"}>{p.state}</Badge></Td>
                    <Td>{p.assigned.toLocaleString("en-US")}</Td>
                    <Td>{formatCapacity(p.capacity)}</Td>
                    <Td>{utilisation(p.assigned, p.capacity)}</Td>
                  </tr>
                ))}
              </Table>
              <Pagination basePath="/prefixes" params={{}} nextCursor={page.nextCursor} hasCursor={!!cursor} />
            </>
          ) : (
            <EmptyState title="No home link prefixes yet">{writable ? "Add one with the form; a home agent must exist first." : "Prefixes appear here once an operator adds them."}</EmptyState>
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
    </div>
  );
}
