import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmForm } from "@/components/providers/confirm-form";
import { CompleteForm } from "@/components/renumberings/complete-form";
import { JobProgress } from "@/components/renumberings/job-progress";
import { RenumberingChart } from "@/components/renumberings/progress-chart";
import { RenumberingStateBadge } from "@/components/renumberings/state-badge";
import { formatTime, one, type SearchParams } from "@/components/ui/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { getRenumbering, listRenumberingEvents, listRenumberingMembers } from "@/lib/data/renumberings";
import { isAppError } from "@/lib/errors";
import { sweepRenumbering } from "@/lib/services/renumbering";
import { announceRenumberingAction, cancelRenumberingAction, completeRenumberingAction, jobProgressAction } from "../actions";

export const metadata: Metadata = { title: "Renumbering" };

const MEMBER_TONE = { pending: "amber", migrated: "green", dormant: "slate" } as const;
const STATES = ["pending", "migrated", "dormant"] as const;

function Count({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div role="group" aria-labelledby={`count-${label.toLowerCase()}-label`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`count-${label.toLowerCase()}`}>
      <p id={`count-${label.toLowerCase()}-label`} className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold ${tone}`}>{value.toLocaleString("en-US")}</p>
    </div>
  );
}

export default async function RenumberingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const actor = await requireUser();
  const { id } = await params;
  const sp = await searchParams;
  const cursor = one(sp.cursor);
  const stateFilter = STATES.find((s) => s === one(sp.state));
  const load = () =>
    getRenumbering(actor, id).catch((e) => {
      if (isAppError(e) && e.status === 404) notFound();
      throw e;
    });
  // Scope first (another provider's renumbering is a 404 and triggers nothing), then the drain sweep so
  // pending → dormant is current, then the state as it now is.
  await load();
  await sweepRenumbering(id).catch(() => undefined);
  const r = await load();
  const leftBehindShown = 50;
  const [events, members, leftPending, leftDormant] = await Promise.all([
    listRenumberingEvents(actor, id),
    listRenumberingMembers(actor, id, { cursor, limit: 50, state: stateFilter }).catch((e) => {
      if (isAppError(e) && e.status === 422) return listRenumberingMembers(actor, id, { limit: 50 });
      throw e;
    }),
    // A completed renumbering lists the MNs it left behind (forced completion): still flagged, on the retired prefix.
    r.state === "completed" && r.counts.pending > 0 ? listRenumberingMembers(actor, id, { limit: leftBehindShown, state: "pending" }) : null,
    r.state === "completed" && r.counts.dormant > 0 ? listRenumberingMembers(actor, id, { limit: leftBehindShown, state: "dormant" }) : null,
  ]);
  const leftBehind = [...(leftPending?.items ?? []), ...(leftDormant?.items ?? [])];
  const writable = canWrite(actor);
  const jobBusy = r.job && (r.job.state === "queued" || r.job.state === "running");
  const left = r.counts.pending + r.counts.dormant;
  const now = { at: new Date().toISOString(), ...r.counts };
  const chartEvents = r.state === "announced" ? [...events, now] : events;

  return (
    <div className="space-y-6">
      <PageHeader
        title={`Renumbering ${r.oldPrefix} → ${r.newPrefix}`}
        description={
          <>
            <RenumberingStateBadge state={r.state} /> · planned {formatTime(r.createdAt)}
            {r.announcedAt ? ` · announced ${formatTime(r.announcedAt)}` : ""}
            {r.completedAt ? ` · completed ${formatTime(r.completedAt)}` : ""} · dormant after {Math.round(r.dormantAfterSeconds / 3600)} h unseen
          </>
        }
        actions={
          writable && !jobBusy ? (
            <>
              {r.state === "planned" ? (
                <ConfirmForm action={announceRenumberingAction} fields={{ id: r.id }} trigger="Announce" title="Announce this renumbering?" confirmLabel="Announce" testId="announce">
                  {r.oldPrefix} stops handing out addresses (it stays reserved while it drains) and all {r.total.toLocaleString("en-US")} affected mobile
                  nodes are told to bootstrap again; they get their new address in {r.newPrefix}.
                </ConfirmForm>
              ) : null}
              {r.state === "planned" ? (
                <ConfirmForm action={cancelRenumberingAction} fields={{ id: r.id }} trigger="Cancel plan" title="Cancel this plan?" confirmLabel="Cancel plan" testId="cancel">
                  Nothing has been announced to the mobile nodes; {r.oldPrefix} stays in service and can be renumbered again later.
                </ConfirmForm>
              ) : null}
              {r.state === "announced" ? (
                <CompleteForm action={completeRenumberingAction} id={r.id} oldPrefix={r.oldPrefix} counts={r.counts} />
              ) : null}
            </>
          ) : null
        }
      />
      {r.job && (jobBusy || r.job.state === "failed") ? <JobProgress initial={r.job} poll={jobProgressAction} /> : null}

      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Count label="Affected" value={r.total} tone="text-slate-900" />
        <Count label="Migrated" value={r.counts.migrated} tone="text-green-700" />
        <Count label="Pending" value={r.counts.pending} tone="text-amber-700" />
        <Count label="Dormant" value={r.counts.dormant} tone="text-slate-600" />
      </div>

      <Card title="Progress over time">
        {chartEvents.length ? <RenumberingChart events={chartEvents} /> : <p className="text-sm text-slate-600">The chart starts when the renumbering is announced.</p>}
        {r.counts.dormant > 0 ? (
          <p className="mt-3 text-sm">
            <a className="font-medium text-brand-700 hover:underline" href={`/renumberings/${r.id}/dormant.csv`} data-testid="dormant-csv">
              Download the dormant list (CSV, {r.counts.dormant.toLocaleString("en-US")} rows)
            </a>
          </p>
        ) : null}
      </Card>

      {r.state === "completed" && left > 0 ? (
        <section aria-labelledby="left-behind-heading" className="rounded-lg border border-amber-200 bg-amber-50 p-4">
          <h2 id="left-behind-heading" className="text-lg font-semibold text-slate-900">Left behind: {left.toLocaleString("en-US")} mobile node{left === 1 ? "" : "s"}</h2>
          <p className="mt-1 mb-3 text-sm text-slate-700">
            Completed before they migrated ({r.counts.pending.toLocaleString("en-US")} pending, {r.counts.dormant.toLocaleString("en-US")} dormant). Each keeps its
            old home address on the retired {r.oldPrefix} (nobody else gets it) and its re-bootstrap flag, and moves to its new address when it wakes up.
            {left > leftBehind.length ? ` The first ${leftBehind.length} are listed; filter the list below by state for the rest.` : ""}
          </p>
          <Table caption="Mobile nodes left behind by the completion" testId="left-behind-table" head={["Subscriber", "Old home address", "New home address", "State", "Last bootstrap"]}>
            {leftBehind.map((m) => (
              <tr key={m.subscriberId}>
                <Td><Link className="text-brand-700 hover:underline" href={`/subscribers/${m.subscriberId}`}>{m.nai}</Link></Td>
                <Td mono>{m.oldAddress}</Td>
                <Td mono>{m.newAddress || "— (assigned at bootstrap)"}</Td>
                <Td><Badge tone={MEMBER_TONE[m.state]}>{m.state}</Badge></Td>
                <Td>{m.lastBootstrapAt ? formatTime(m.lastBootstrapAt) : "never"}</Td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}

      <section aria-labelledby="members-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="members-heading" className="text-lg font-semibold text-slate-900">{r.state === "planned" ? "Preview" : "Subscribers"}</h2>
          <nav aria-label="Filter by state" className="flex gap-2 text-sm">
            {[undefined, ...STATES].map((s) => (
              <Link key={s ?? "all"} href={s ? `/renumberings/${r.id}?state=${s}` : `/renumberings/${r.id}`}
                aria-current={stateFilter === s ? "page" : undefined}
                className={`rounded px-2 py-1 ${stateFilter === s ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
                {s ?? "all"}
              </Link>
            ))}
          </nav>
        </div>
        {members.items.length ? (
          <>
            <Table caption="Affected subscribers and their new home address" testId="members-table" head={["Subscriber", "Old home address", "New home address", "Notes", "State"]}>
              {members.items.map((m) => (
                <tr key={m.subscriberId} className="hover:bg-slate-50">
                  <Td><Link className="text-brand-700 hover:underline" href={`/subscribers/${m.subscriberId}`}>{m.nai}</Link></Td>
                  <Td mono>{m.oldAddress}</Td>
                  <Td mono>{m.newAddress || "— (assigned at bootstrap)"}</Td>
                  <Td>
                    {m.isStatic ? <Badge tone="blue">static</Badge> : null} {m.newAddress && !m.keptIid ? <Badge tone="amber">IID changed</Badge> : null}
                  </Td>
                  <Td><Badge tone={MEMBER_TONE[m.state]}>{m.state}</Badge></Td>
                </tr>
              ))}
            </Table>
            <Pagination basePath={`/renumberings/${r.id}`} params={{ state: stateFilter }} nextCursor={members.nextCursor} hasCursor={!!cursor} />
          </>
        ) : (
          <EmptyState title={jobBusy ? "The preview is being prepared" : "No subscribers"}>{jobBusy ? "It appears here as the job progresses." : "No home address of the old prefix is assigned."}</EmptyState>
        )}
      </section>
    </div>
  );
}
