import type { Metadata } from "next";
import Link from "next/link";
import { RenumberingStateBadge } from "@/components/renumberings/state-badge";
import { LinkButton } from "@/components/ui/button";
import { formatTime, one, type SearchParams } from "@/components/ui/format";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { listRenumberings } from "@/lib/data/renumberings";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Renumberings" };

export default async function RenumberingsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const cursor = one((await searchParams).cursor);
  const page = await listRenumberings(actor, { cursor, limit: 50 }).catch((e) => {
    if (isAppError(e) && e.status === 422) return listRenumberings(actor, { limit: 50 });
    throw e;
  });
  return (
    <div>
      <PageHeader
        title="Home prefix renumberings"
        description="Move a home link to a new prefix without stranding dormant mobile nodes (RFC 4640 §5.4): plan, announce, drain, complete."
        actions={canWrite(actor) ? <LinkButton href="/renumberings/new">New renumbering</LinkButton> : null}
      />
      {page.items.length ? (
        <>
          <Table caption="Renumberings" testId="renumberings-table" head={["Old prefix", "New prefix", "State", "Migrated", "Pending", "Dormant", "Created"]}>
            {page.items.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50">
                <Td mono><Link className="text-brand-700 hover:underline" href={`/renumberings/${r.id}`}>{r.oldPrefix}</Link></Td>
                <Td mono>{r.newPrefix}</Td>
                <Td><RenumberingStateBadge state={r.state} /></Td>
                <Td>{r.counts.migrated.toLocaleString("en-US")}</Td>
                <Td>{r.counts.pending.toLocaleString("en-US")}</Td>
                <Td>{r.counts.dormant.toLocaleString("en-US")}</Td>
                <Td>{formatTime(r.createdAt)}</Td>
              </tr>
            ))}
          </Table>
          <Pagination basePath="/renumberings" params={{}} nextCursor={page.nextCursor} hasCursor={!!cursor} />
        </>
      ) : (
        <EmptyState title="No renumberings yet">Plan one to move a home link prefix; the preview shows each subscriber&apos;s new home address.</EmptyState>
      )}
    </div>
  );
}
