import Link from "next/link";
import { AgreementStateBadge } from "@/components/agreements/agreement-state-badge";
import { formatTime } from "@/components/ui/format";
import { Badge, Card } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import type { Explanation } from "@/lib/services/explain";

function Provider({ p }: { p: Explanation["msa"] }) {
  if (!p) return <span className="text-slate-500">none</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span className="font-medium">{p.name}</span>
      {p.roles.map((r) => <Badge key={r} tone="blue">{r}</Badge>)}
    </span>
  );
}

/** The decision as an operator reads it: the verdict first, then the facts, then every reason in order. */
export function ExplanationView({ e }: { e: Explanation }) {
  const ok = e.outcome === "success";
  const d = e.decision;
  return (
    <div className="space-y-6" data-testid="explanation">
      <div
        role="status"
        className={`rounded-lg border px-5 py-4 ${ok ? "border-green-200 bg-green-50 text-green-900" : "border-red-200 bg-red-50 text-red-900"}`}
        data-testid="explain-verdict"
      >
        <p className="text-base font-semibold">
          {ok ? (
            <>Bootstrap would succeed: <span data-testid="explain-scenario">{d.kind}</span> scenario</>
          ) : (
            <>Bootstrap would be refused: <span className="font-mono" data-testid="explain-outcome">{e.outcome}</span></>
          )}
        </p>
        <p className="mt-1 text-sm">
          {ok && e.homeAgent?.ok
            ? `Home agent ${e.homeAgent.homeAgent.name} (${e.homeAgent.homeAgent.address}), chosen by rule “${e.homeAgent.rule}”.`
            : e.because[e.because.length - 1]}
        </p>
        <p className="mt-1 text-xs opacity-80">Judged at {formatTime(e.at)} for a correctly signed, fresh request. Nothing was recorded.</p>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Roles">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-500">Subscriber</dt>
            <dd>
              <Link href={`/subscribers/${e.subscriber.id}`} className="font-mono text-brand-600 hover:underline">{e.subscriber.nai}</Link>{" "}
              <Badge tone={e.subscriber.status === "active" ? "green" : "red"}>{e.subscriber.status}</Badge>
            </dd>
            <dt className="text-slate-500">Serving realm</dt>
            <dd className="font-mono">{e.servingRealm || "(unknown)"}{e.servingRegion ? <span className="font-sans text-slate-500"> — region {e.servingRegion}</span> : null}</dd>
            <dt className="text-slate-500">Serving provider</dt>
            <dd><Provider p={e.servingProvider} /></dd>
            <dt className="text-slate-500">MSA</dt>
            <dd><Provider p={e.msa} /></dd>
            {d.kind !== "refused" && "mspProvider" in d ? (
              <>
                <dt className="text-slate-500">HA provided by</dt>
                <dd><Provider p={d.mspProvider} /></dd>
                <dt className="text-slate-500">Local HA assignment</dt>
                <dd>{d.localMspProvider ? <Provider p={d.localMspProvider} /> : "not applicable"}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">Home address mode</dt>
            <dd>{e.homeAddressMode.effective}{e.homeAddressMode.note ? <span className="text-slate-500"> — {e.homeAddressMode.note}</span> : null}</dd>
          </dl>
        </Card>
        <Card title="Home agent">
          {e.homeAgent === null ? (
            <p className="text-sm text-slate-600">No home agent is chosen: the request is refused before HA selection.</p>
          ) : e.homeAgent.ok ? (
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]" data-testid="explain-home-agent">
              <dt className="text-slate-500">Name</dt><dd className="font-medium">{e.homeAgent.homeAgent.name}</dd>
              <dt className="text-slate-500">Address</dt><dd className="font-mono">{e.homeAgent.homeAgent.address}</dd>
              <dt className="text-slate-500">FQDN</dt><dd className="font-mono">{e.homeAgent.homeAgent.fqdn}</dd>
              <dt className="text-slate-500">Region</dt><dd>{e.homeAgent.homeAgent.region}</dd>
              <dt className="text-slate-500">Load</dt><dd>{e.homeAgent.homeAgent.activeBindings} / {e.homeAgent.homeAgent.capacity}</dd>
              <dt className="text-slate-500">Rule</dt><dd>{e.homeAgent.rule}</dd>
            </dl>
          ) : (
            <p className="text-sm text-red-800">No home agent available: <span className="font-mono">{e.homeAgent.error}</span></p>
          )}
        </Card>
      </div>

      <section aria-labelledby="considered-heading" className="space-y-2">
        <h2 id="considered-heading" className="text-lg font-semibold">Agreements considered</h2>
        {e.agreements.length ? (
          <Table caption="Agreements for the subscriber's MSA" testId="explain-agreements" head={["Kind", "From → to", "Window (UTC)", "State", "Used"]}>
            {e.agreements.map((a) => (
              <tr key={a.id}>
                <Td><Link href={`/agreements/${a.id}`} className="text-brand-600 hover:underline">{a.kind}</Link></Td>
                <Td>{a.fromProviderName} → {a.toProviderName}{a.allowLocalHomeAgent ? <span className="text-slate-500"> (local HA)</span> : null}</Td>
                <Td className="text-xs">{formatTime(a.validFrom)} – {a.validUntil ? formatTime(a.validUntil) : "open-ended"}</Td>
                <Td><AgreementStateBadge state={a.state} /></Td>
                <Td>{a.used ? <Badge tone="green">used</Badge> : "—"}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-600">The subscriber&apos;s MSA has no agreements.</p>
        )}
      </section>

      <section aria-labelledby="why-heading" className="space-y-2">
        <h2 id="why-heading" className="text-lg font-semibold">Why</h2>
        <ol className="list-decimal space-y-1 pl-6 text-sm text-slate-800" data-testid="explain-because">
          {e.because.map((b, i) => <li key={i}>{b}</li>)}
        </ol>
      </section>
    </div>
  );
}
