import type { Metadata } from "next";
import { RequestRebootstrap } from "@/components/portal/request-rebootstrap";
import { RotateSecret } from "@/components/portal/rotate-secret";
import { OutcomeBadge } from "@/components/sessions/outcome-badge";
import { formatTime, one, type SearchParams } from "@/components/ui/format";
import { Badge, Card, EmptyState } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { requireSubscriber } from "@/lib/auth/portal-session";
import { getPortalOverview, listPortalRoaming, listPortalSessions } from "@/lib/data/portal";
import { isAppError } from "@/lib/errors";
import { DetailList, type DetailRow } from "@/components/ui/detail-list";

export const metadata: Metadata = { title: "My mobile node" };
export const dynamic = "force-dynamic";

export default async function PortalPage({ searchParams }: { searchParams: SearchParams }) {
  const s = await requireSubscriber();
  const cursor = one((await searchParams).cursor);
  const [o, sessions, roaming] = await Promise.all([
    getPortalOverview(s.id),
    // A mangled cursor is the first page, not an error page.
    listPortalSessions(s.id, cursor).catch((e) => {
      if (isAppError(e) && e.status === 422) return listPortalSessions(s.id);
      throw e;
    }),
    listPortalRoaming(s.id),
  ]);
  const active = o.status === "active";
  const rows: DetailRow[] = [
    ["Status", <span key="st" className="inline-flex gap-2"><Badge tone={active ? "green" : "red"}>{o.status}</Badge>{o.suspendedReason ? <span data-testid="portal-suspended-reason">{o.suspendedReason}</span> : null}</span>],
    ["Provider", o.msaProviderName],
    ["Home agent", o.homeAgent ? <span key="ha">{o.homeAgent.name} · <span className="font-mono">{o.homeAgent.address}</span> · <span className="font-mono">{o.homeAgent.fqdn}</span></span> : "— (not bootstrapped yet)"],
    ["Home address", <span key="hoa" className="font-mono" data-testid="portal-home-address">{o.homeAddress ?? "—"}</span>],
    ["Home prefix", <span key="hp" className="font-mono">{o.homePrefix ?? "—"}</span>],
    ["Last bootstrap", formatTime(o.lastBootstrapAt)],
    ["Re-bootstrap", o.rebootstrapRequired ? <Badge key="rb" tone="amber">required: {o.rebootstrapReason} (since {formatTime(o.rebootstrapAt)})</Badge> : "not required"],
  ];
  return (
    <div className="space-y-6" data-testid="portal-home">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">My mobile node</h1>
        <p className="font-mono text-sm text-slate-600" data-testid="portal-nai">{o.nai}</p>
      </div>
      {!active ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" role="status">
          This subscription is suspended{o.suspendedReason ? `: ${o.suspendedReason}` : ""}. Contact your provider; until then the secret cannot be rotated.
        </p>
      ) : null}
      <Card title="Binding">
        <DetailList rows={rows} />
      </Card>
      <Card title="Actions">
        <div className="grid gap-4 sm:grid-cols-3">
          <RotateSecret disabled={!active} />
          <RequestRebootstrap disabled={!active} />
          <div>
            <a href="/portal/config.json" download className="inline-flex rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50" data-testid="portal-config-download">
              Download MN configuration (JSON)
            </a>
          </div>
        </div>
      </Card>
      <section aria-labelledby="roaming-heading">
        <h2 id="roaming-heading" className="mb-3 text-lg font-semibold">Where you can roam</h2>
        {roaming.length ? (
          <Table caption="Agreements in force that apply to you" head={["Kind", "Provider", "Realms", "Valid until", "Local home agent"]} testId="portal-roaming">
            {roaming.map((r) => (
              <tr key={r.agreementId}>
                <Td>{r.kind === "network-access" ? "access network" : "mobility service"}</Td>
                <Td>{r.providerName}</Td>
                <Td mono>{r.realms.join(", ") || "—"}</Td>
                <Td>{r.validUntil ? formatTime(r.validUntil) : "open-ended"}</Td>
                <Td>{r.allowLocalHomeAgent ? "allowed" : "—"}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <EmptyState title="No roaming agreement in force">You can use your home provider&apos;s own networks.</EmptyState>
        )}
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="mb-3 text-lg font-semibold">Recent bootstraps</h2>
        {sessions.items.length ? (
          <>
            <Table caption="Your recent bootstrap attempts" head={["Time", "Outcome", "Serving realm", "Trigger", "Home address"]} testId="portal-sessions">
              {sessions.items.map((x) => (
                <tr key={x.id}>
                  <Td>{formatTime(x.createdAt)}</Td>
                  <Td><OutcomeBadge outcome={x.outcome} /></Td>
                  <Td mono>{x.servingRealm || "—"}</Td>
                  <Td>{x.trigger}</Td>
                  <Td mono>{x.homeAddress ?? "—"}</Td>
                </tr>
              ))}
            </Table>
            <Pagination basePath="/portal" params={{}} nextCursor={sessions.nextCursor} hasCursor={!!cursor} />
          </>
        ) : (
          <EmptyState title="No bootstrap yet">Your mobile node&apos;s bootstrap attempts appear here.</EmptyState>
        )}
      </section>
    </div>
  );
}
