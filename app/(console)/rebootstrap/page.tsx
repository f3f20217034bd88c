import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmForm } from "@/components/providers/confirm-form";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { formatTime, one, type SearchParams } from "@/components/ui/format";
import { Badge, EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { listFlaggedSubscribers } from "@/lib/data/flagged-subscribers";
import { REBOOTSTRAP_REASONS } from "@/lib/domain/schemas/rebootstrap";
import { isAppError } from "@/lib/errors";
import { nameMap, providerOptions } from "../names";
import { clearFlagAction } from "./actions";

export const metadata: Metadata = { title: "Flagged MNs" };

const REASON_TEXT: Record<string, string> = {
  admin: "an operator asked for it",
  stale: "its last bootstrap is older than the staleness policy allows",
  "home-agent": "its home agent is draining or out of service",
  renumbering: "its home prefix is being renumbered",
};

export default async function FlaggedPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const params = { reason: one(sp.reason), cursor: one(sp.cursor) };
  let page: Awaited<ReturnType<typeof listFlaggedSubscribers>> | null = null;
  let problem: string | null = null;
  try {
    page = await listFlaggedSubscribers(actor, { ...params, limit: 50 });
  } catch (e) {
    if (!isAppError(e) || e.status !== 422) throw e;
    problem = Object.values(e.fields ?? {}).join(" ") || "The filter is not valid.";
  }
  const providerNames = nameMap(await providerOptions(actor));
  const writer = canWrite(actor);

  return (
    <div>
      <PageHeader
        title="Flagged MNs"
        description="Subscribers the network asked to bootstrap again (RFC 4640 §4). Each learns it from its next status call; its next successful bootstrap clears the flag."
      />
      <form method="get" aria-label="Filter flagged subscribers" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="w-56">
          <label htmlFor="reason" className="block text-sm font-medium text-slate-800">Reason</label>
          <select id="reason" name="reason" defaultValue={params.reason ?? ""} className={inputClass}>
            <option value="">Any reason</option>
            {REBOOTSTRAP_REASONS.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </div>
        <button type="submit" className={buttonClass("primary")}>Filter</button>
        {params.reason ? <Link href="/rebootstrap" className={buttonClass("secondary")}>Clear</Link> : null}
      </form>
      {problem ? <FormMessage message={problem} /> : null}
      {page && page.items.length ? (
        <>
          <Table
            caption={params.reason ? `Subscribers flagged with reason ${params.reason}, newest first` : "Flagged subscribers, newest first"}
            testId="flagged-table"
            head={["NAI", "MSA", "Reason", "Flagged since", "Last bootstrap", ...(writer ? [""] : [])]}
          >
            {page.items.map((s) => (
              <tr key={s.id} className="hover:bg-slate-50">
                <Td mono>
                  <Link href={`/subscribers/${s.id}`} className="font-medium text-brand-600 hover:underline">{s.nai}</Link>
                </Td>
                <Td>{providerNames.get(s.msaProviderId) ?? s.msaProviderId}</Td>
                <Td>
                  <span title={REASON_TEXT[s.rebootstrapReason ?? ""] ?? undefined}>
                    <Badge tone="amber">{s.rebootstrapReason ?? "unknown"}</Badge>
                  </span>
                </Td>
                <Td>{formatTime(s.rebootstrapAt)}</Td>
                <Td>{formatTime(s.lastBootstrapAt)}</Td>
                {writer ? (
                  <Td>
                    <ConfirmForm
                      action={clearFlagAction} fields={{ id: s.id }} trigger="Clear flag" title="Clear the re-bootstrap flag?"
                      confirmLabel="Clear flag" compact testId={`clear-flag-${s.id}`}
                    >
                      {s.nai} will no longer be told to re-bootstrap (reason {s.rebootstrapReason}). Its current binding stays as it is.
                    </ConfirmForm>
                  </Td>
                ) : null}
              </tr>
            ))}
          </Table>
          <Pagination basePath="/rebootstrap" params={params} nextCursor={page.nextCursor} hasCursor={!!params.cursor} />
        </>
      ) : page ? (
        <EmptyState title={params.reason ? `No subscriber is flagged with reason ${params.reason}` : "No subscriber is flagged"}>
          Flags come from operators (a subscriber&apos;s page or the subscriber list), a draining home agent, a renumbering, or the{" "}
          <Link href="/settings" className="font-medium text-brand-600 hover:underline">staleness policy</Link>.
        </EmptyState>
      ) : null}
    </div>
  );
}
