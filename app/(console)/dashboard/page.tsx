import type { Metadata } from "next";
import Link from "next/link";
import { HaLoadChart } from "@/components/dashboard/ha-load-chart";
import { OutcomeChart } from "@/components/dashboard/outcome-chart";
import { outcomeLabel } from "@/components/dashboard/outcome-colors";
import { SessionsChart } from "@/components/dashboard/sessions-chart";
import { Card, EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import {
  METRIC_RANGES,
  homeAgentLoad,
  outcomeBreakdown,
  parseMetricRange,
  sessionsOverTime,
  subscriberCount,
  summarize,
  type MetricRange,
} from "@/lib/data/metrics";

export const metadata: Metadata = { title: "Dashboard" };

const RANGE_LABEL: Record<MetricRange, string> = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const range = parseMetricRange(sp.range);
  const [overTime, breakdown, haLoad, subscribers] = await Promise.all([
    sessionsOverTime(actor, range),
    outcomeBreakdown(actor, range),
    homeAgentLoad(actor),
    subscriberCount(actor),
  ]);
  const summary = summarize(breakdown, subscribers);
  const topFailure = breakdown.find((o) => o.outcome !== "success");

  return (
    <div>
      <PageHeader
        title="Dashboard"
        description="Bootstrap activity and home agent load (times in UTC)."
        actions={
          <nav aria-label="Time range" className="flex rounded-md border border-slate-300 bg-white p-0.5">
            {METRIC_RANGES.map((r) => (
              <Link
                key={r}
                href={`/dashboard?range=${r}`}
                aria-current={r === range ? "page" : undefined}
                className={`rounded px-3 py-1 text-sm font-medium ${r === range ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {RANGE_LABEL[r]}
              </Link>
            ))}
          </nav>
        }
      />
      {sp.password === "changed" ? (
        <div className="mb-4">
          <FormMessage tone="success" message="Your password was changed." />
        </div>
      ) : null}

      <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Subscribers" value={summary.subscribers.toLocaleString("en-US")} />
        <Stat label={`Bootstraps, ${RANGE_LABEL[range].toLowerCase()}`} value={summary.sessions.toLocaleString("en-US")} />
        <Stat label="Success rate" value={summary.successRate === null ? "—" : `${(summary.successRate * 100).toFixed(1)} %`} />
        <Stat label="Most frequent failure" value={topFailure ? `${outcomeLabel(topFailure.outcome)} (${topFailure.count})` : "none"} />
      </dl>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title={`Sessions over time, by outcome (${RANGE_LABEL[range].toLowerCase()})`} className="lg:col-span-2">
          {summary.sessions ? (
            <SessionsChart data={overTime} />
          ) : (
            <EmptyState title="No bootstrap sessions in this window">
              Sessions appear here as mobile nodes bootstrap (<code>npm run mn -- bootstrap</code> or <code>npm run simulate</code>).
            </EmptyState>
          )}
        </Card>
        <Card title="Outcome breakdown">
          {breakdown.length ? <OutcomeChart data={breakdown} /> : <EmptyState title="No outcomes to show" />}
        </Card>
        <Card title="Home agent load" className="lg:col-span-3">
          {haLoad.length ? (
            <>
              <HaLoadChart data={haLoad} />
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer text-slate-700">Show as a table</summary>
                <table className="mt-2 min-w-full text-left text-sm">
                  <thead>
                    <tr className="text-xs uppercase text-slate-500">
                      <th scope="col" className="py-1 pr-4">Home agent</th>
                      <th scope="col" className="py-1 pr-4">Region</th>
                      <th scope="col" className="py-1 pr-4">State</th>
                      <th scope="col" className="py-1 pr-4">Active bindings</th>
                      <th scope="col" className="py-1 pr-4">Capacity</th>
                    </tr>
                  </thead>
                  <tbody>
                    {haLoad.map((h) => (
                      <tr key={h.id}>
                        <td className="py-1 pr-4">{h.name}</td>
                        <td className="py-1 pr-4">{h.region}</td>
                        <td className="py-1 pr-4">{h.state}</td>
                        <td className="py-1 pr-4">{h.activeBindings}</td>
                        <td className="py-1 pr-4">{h.capacity}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          ) : (
            <EmptyState title="No home agents yet">
              <Link href="/home-agents" className="font-medium text-brand-600 hover:underline">
                Add a home agent
              </Link>{" "}
              to see its load here.
            </EmptyState>
          )}
        </Card>
      </div>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-slate-900">{value}</dd>
    </div>
  );
}
