import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmForm } from "@/components/providers/confirm-form";
import { formatTime, one, type SearchParams } from "@/components/ui/format";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { listLeases } from "@/lib/data/leases";
import { isAppError } from "@/lib/errors";
import { releaseLeaseAction } from "./actions";

export const metadata: Metadata = { title: "Home addresses" };

const KIND_TONE = { static: "blue", dynamic: "green", privacy: "amber" } as const;

export default async function LeasesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const params = { q: one(sp.q), subscriberId: one(sp.subscriberId), prefixId: one(sp.prefixId) };
  const cursor = one(sp.cursor);
  const result = await listLeases(actor, { ...params, cursor, limit: 50 }).then(
    (page) => ({ page, error: null as string | null }),
    (e) => {
      if (isAppError(e) && e.status === 422) return { page: { items: [], nextCursor: null }, error: Object.values(e.fields ?? {}).join(" ") || e.message };
      throw e;
    },
  );
  const { page, error } = result;
  const writable = canWrite(actor);
  return (
    <div>
      <PageHeader title="Home addresses" description="Home address (HoA) leases: search by address in any spelling, by prefix, or by NAI." />
      <form method="get" className="mb-4 flex flex-wrap gap-2" role="search">
        <label htmlFor="lease-q" className="sr-only">Search</label>
        <input id="lease-q" name="q" defaultValue={params.q} placeholder="2001:db8:1::abcd, 2001:db8:1::/64 or alice@" className="w-96 rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm" />
        {params.prefixId ? <input type="hidden" name="prefixId" value={params.prefixId} /> : null}
        {params.subscriberId ? <input type="hidden" name="subscriberId" value={params.subscriberId} /> : null}
        <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">Search</button>
      </form>
      {error ? <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
      {page.items.length ? (
        <>
          <Table caption="Home address leases" testId="leases-table" head={["Home address", "Prefix", "Subscriber", "Kind", "Expires", ...(writable ? [""] : [])]}>
            {page.items.map((l) => (
              <tr key={l.id} className="hover:bg-slate-50">
                <Td mono>{l.address}</Td>
                <Td mono><Link className="hover:underline" href={`/leases?prefixId=${l.prefixId}`}>{l.prefix}</Link></Td>
                <Td><Link className="text-brand-700 hover:underline" href={`/subscribers/${l.subscriberId}`}>{l.nai}</Link></Td>
                <Td><Badge tone={KIND_TONE[l.kind] ?? "slate"}>{l.kind}</Badge></Td>
                <Td>{formatTime(l.expiresAt)}</Td>
                {writable ? (
                  <Td>
                    <ConfirmForm action={releaseLeaseAction} fields={{ id: l.id }} trigger="Release" title={`Release ${l.address}?`} confirmLabel="Release" compact testId={`release-${l.id}`}>
                      {l.nai} loses this home address and is told to bootstrap again.
                    </ConfirmForm>
                  </Td>
                ) : null}
              </tr>
            ))}
          </Table>
          <Pagination basePath="/leases" params={params} nextCursor={page.nextCursor} hasCursor={!!cursor} />
        </>
      ) : (
        <EmptyState title={params.q || params.prefixId || params.subscriberId ? "No lease matches" : "No home addresses assigned yet"}>
          Home addresses are assigned when mobile nodes bootstrap.
        </EmptyState>
      )}
    </div>
  );
}
