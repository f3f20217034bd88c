import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OutcomeBadge } from "@/components/sessions/outcome-badge";
import { EMPTY, formatTime } from "@/components/ui/format";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getHomeAgent } from "@/lib/data/home-agents";
import { getSession, type SessionDto } from "@/lib/data/sessions";
import { isNotFound } from "@/lib/errors";
import { DetailList, type DetailRow } from "@/components/ui/detail-list";

export const metadata: Metadata = { title: "Session" };

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const { id } = await params;
  let s: SessionDto;
  try {
    s = await getSession(actor, id);
  } catch (e) {
    if (isNotFound(e)) notFound();
    throw e;
  }
  const ha = s.homeAgentId ? await getHomeAgent(actor, s.homeAgentId).catch(() => null) : null;

  const rows: DetailRow[] = [
    ["Outcome", <span key="o" className="inline-flex items-center gap-2"><OutcomeBadge outcome={s.outcome} /> <span className="text-slate-500">HTTP {s.httpStatus}</span></span>],
    ["Time", formatTime(s.createdAt)],
    // The NAI the MN sent; a link to its subscriber when one matched (an unknown NAI has none).
    [
      "Subscriber",
      s.subscriberId ? (
        <Link key="s" href={`/subscribers/${s.subscriberId}`} className="font-mono text-brand-600 hover:underline" data-testid="session-subscriber">{s.nai}</Link>
      ) : (
        <span key="s" data-testid="session-subscriber"><span className="font-mono">{s.nai}</span> <span className="text-slate-500">(no such subscriber)</span></span>
      ),
    ],
    ["Serving realm", <span key="r" className="font-mono">{s.servingRealm || EMPTY}</span>],
    ["Trigger", s.trigger],
    ["Home address mode", s.homeAddressMode],
    ["Scenario", s.scenario ?? EMPTY],
    ["Home agent", ha ? <span key="h">{ha.name} <span className="font-mono text-slate-500">{ha.fqdn} · {ha.address}</span></span> : s.homeAgentId ?? EMPTY],
    ["Home address", <span key="a" className="font-mono" data-testid="session-home-address">{s.homeAddress ?? EMPTY}</span>],
    ["Home prefix", <span key="p" className="font-mono">{s.homePrefix ?? EMPTY}</span>],
    ["IKE key name", <span key="k" className="font-mono">{s.keyName ?? EMPTY}</span>],
    ["Key expires", formatTime(s.expiresAt)],
    ["Source address", <span key="src" className="font-mono">{s.sourceAddress ?? EMPTY}</span>],
    ["Server latency", `${s.latencyMs.toFixed(1)} ms`],
  ];

  return (
    <div>
      <PageHeader
        title="Bootstrap session"
        description={<span className="font-mono text-xs">{s.id}</span>}
        actions={<Link href="/sessions" className="text-sm font-medium text-brand-600 hover:underline">All sessions</Link>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Details">
          <DetailList rows={rows} />
        </Card>
        <div className="space-y-6">
          <Card title="Timeline">
            {s.steps?.length ? (
              <ol className="relative space-y-3 border-l border-slate-200 pl-5" data-testid="session-steps">
                {s.steps.map((st, i) => (
                  <li key={i} className="relative">
                    <span
                      aria-hidden
                      className={`absolute -left-[1.6rem] top-1 h-3 w-3 rounded-full ring-2 ring-white ${st.ok ? "bg-green-500" : "bg-red-500"}`}
                    />
                    <p className="text-sm font-medium text-slate-900">
                      {st.step} <span className="sr-only">{st.ok ? "(passed)" : "(failed)"}</span>
                      <span className="ml-2 font-mono text-xs text-slate-500">+{Number(st.atMs).toFixed(1)} ms</span>
                    </p>
                    {st.detail ? <p className="text-sm text-slate-600">{st.detail}</p> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-slate-600">No timeline was recorded for this attempt.</p>
            )}
          </Card>
          <Card title="Explanation">
            <Explanation value={s.explanation} />
          </Card>
        </div>
      </div>
    </div>
  );
}

/** The decision as recorded: a list of reasons (an array, or an object's `because`), else the raw JSON. */
function Explanation({ value }: { value: unknown }) {
  const because = Array.isArray(value)
    ? value
    : typeof value === "object" && value !== null && Array.isArray((value as { because?: unknown }).because)
      ? (value as { because: unknown[] }).because
      : null;
  if (value === null || value === undefined || (because && because.length === 0 && Array.isArray(value))) {
    return <p className="text-sm text-slate-600">No scenario decision was reached for this attempt.</p>;
  }
  return (
    <div className="space-y-3 text-sm">
      {because?.length ? (
        <ol className="list-decimal space-y-1 pl-5 text-slate-800" data-testid="session-explanation">
          {because.map((b, i) => (
            <li key={i}>{typeof b === "string" ? b : JSON.stringify(b)}</li>
          ))}
        </ol>
      ) : null}
      {Array.isArray(value) ? null : (
        <details>
          <summary className="cursor-pointer text-slate-700">Recorded decision (JSON)</summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(value, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
