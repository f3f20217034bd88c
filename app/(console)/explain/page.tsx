import type { Metadata } from "next";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { one, type SearchParams } from "@/components/ui/format";
import { EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { loadAgreementOverview } from "@/lib/data/agreement-overview";
import { isAppError } from "@/lib/errors";
import { explainBootstrap, type Explanation } from "@/lib/services/explain";
import { ExplanationView } from "./explanation-view";

export const metadata: Metadata = { title: "Explain a bootstrap" };

export default async function ExplainPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const q = { subscriberId: one(sp.subscriberId), nai: one(sp.nai), servingRealm: one(sp.servingRealm) ?? "" };
  const asked = !!(q.subscriberId || q.nai);
  let explanation: Explanation | null = null;
  let problem: string | null = null;
  if (asked) {
    try {
      explanation = await explainBootstrap(actor, q);
    } catch (e) {
      if (!isAppError(e) || (e.status !== 404 && e.status !== 422)) throw e;
      problem = e.status === 404 ? "No such subscriber, or not visible to you." : Object.values(e.fields ?? {}).join(" ") || e.message;
    }
  }
  // Realms the actor can see (its providers' and its counterparties'), offered as suggestions; any realm may be typed.
  const { providers } = await loadAgreementOverview(actor);
  const realms = [...new Set(providers.flatMap((p) => p.realms.map((r) => `${r}|${p.name}`)))].sort();

  return (
    <div className="space-y-6">
      <PageHeader
        title="Explain a bootstrap"
        description="For a subscriber attached at a serving realm: the roles and agreements considered, the scenario or the refusal, and the home agent that would be chosen. Nothing is recorded."
      />
      <form method="get" aria-label="Explain" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="explain-form">
        {/* The NAI field is pre-filled from ?subscriberId=, so a re-submit asks by NAI (whatever was typed). */}
        <div className="w-full max-w-sm">
          <label htmlFor="nai" className="block text-sm font-medium text-slate-800">Subscriber (mobility NAI)</label>
          <input
            id="nai" name="nai" defaultValue={q.nai ?? explanation?.subscriber.nai ?? ""} placeholder="alice@mip.example.net"
            spellCheck={false} autoComplete="off" className={inputClass} required
          />
        </div>
        <div className="w-full max-w-sm">
          <label htmlFor="servingRealm" className="block text-sm font-medium text-slate-800">Serving realm</label>
          <input
            id="servingRealm" name="servingRealm" list="known-realms" defaultValue={q.servingRealm} placeholder="empty = unknown access network"
            spellCheck={false} autoComplete="off" className={inputClass} aria-describedby="servingRealm-hint"
          />
          <datalist id="known-realms">
            {realms.map((r) => {
              const [realm, name] = r.split("|");
              return <option key={r} value={realm}>{name}</option>;
            })}
          </datalist>
          <p id="servingRealm-hint" className="mt-1 text-xs text-slate-500">Pick a known realm or type any; leave empty for an unknown network.</p>
        </div>
        <button type="submit" className={buttonClass("primary")}>Explain</button>
      </form>
      {problem ? <FormMessage message={problem} /> : null}
      {explanation ? (
        <ExplanationView e={explanation} />
      ) : !problem ? (
        <EmptyState title="Choose a subscriber and a serving realm">The decision appears here, exactly as the bootstrap endpoint would make it now.</EmptyState>
      ) : null}
    </div>
  );
}
