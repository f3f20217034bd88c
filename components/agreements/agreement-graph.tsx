import { GRAPH_LAYOUT, type Graph } from "@/lib/domain/agreement-overview";

// Edge colours by computed state; dashed when not in force, so the picture reads without colour too.
const EDGE: Record<string, { stroke: string; dash?: string }> = {
  "in force": { stroke: "#16a34a" },
  suspended: { stroke: "#d97706", dash: "6 4" },
  draft: { stroke: "#94a3b8", dash: "2 4" },
  "not yet valid": { stroke: "#2563eb", dash: "2 4" },
  expired: { stroke: "#cbd5e1", dash: "2 4" },
};

const ROLE_NAMES: Record<string, string> = {
  ASP: "ASP (access)",
  ASA: "ASA (access auth.)",
  MSP: "MSP (home agents)",
  MSA: "MSA (mobility auth.)",
};

/** Providers as nodes in role columns, agreements as edges. Every node and edge has a <title>. */
export function AgreementGraph({ graph }: { graph: Graph }) {
  const L = GRAPH_LAYOUT;
  if (!graph.nodes.length) return <p className="text-sm text-slate-600" role="status">No providers to draw.</p>;
  const half = L.nodeWidth / 2;
  return (
    <figure className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-2 shadow-sm">
        <svg
          role="img" aria-labelledby="agreement-graph-title agreement-graph-desc" width={graph.width} height={graph.height}
          viewBox={`0 0 ${graph.width} ${graph.height}`} className="max-w-none" data-testid="agreement-graph"
        >
          <title id="agreement-graph-title">Providers and their agreements</title>
          <desc id="agreement-graph-desc">
            {`${graph.nodes.length} provider roles in four columns (ASP, ASA, MSP, MSA) and ${graph.edges.length} agreements: network-access edges from ASP to ASA, mobility edges from MSP to MSA.`}
          </desc>
          {graph.columns.map((c) => (
            <text key={c.role} x={c.x} y={20} textAnchor="middle" className="fill-slate-600 text-[12px] font-semibold">{ROLE_NAMES[c.role] ?? c.role}</text>
          ))}
          {graph.edges.map((e) => {
            const style = EDGE[e.state] ?? EDGE.draft;
            const x1 = e.from.x + half;
            const x2 = e.to.x - half;
            const mid = (x1 + x2) / 2;
            return (
              <a key={e.agreementId} href={`/agreements/${e.agreementId}`}>
                <path
                  d={`M ${x1} ${e.from.y} C ${mid} ${e.from.y}, ${mid} ${e.to.y}, ${x2} ${e.to.y}`}
                  fill="none" stroke={style.stroke} strokeWidth={2.5} strokeDasharray={style.dash} data-state={e.state}
                >
                  <title>{e.title}</title>
                </path>
              </a>
            );
          })}
          {graph.nodes.map((n) => (
            <g key={n.key}>
              <title>{`${n.name} as ${n.role}`}</title>
              <rect x={n.x - half} y={n.y - L.nodeHeight / 2} width={L.nodeWidth} height={L.nodeHeight} rx={6} className="fill-slate-50 stroke-slate-300" />
              <text x={n.x} y={n.y + 4} textAnchor="middle" className="fill-slate-800 text-[12px]">
                {n.name.length > 20 ? `${n.name.slice(0, 19)}…` : n.name}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600">
        {Object.entries(EDGE).map(([state, s]) => (
          <span key={state} className="inline-flex items-center gap-1.5">
            <svg width="28" height="8" aria-hidden><line x1="0" y1="4" x2="28" y2="4" stroke={s.stroke} strokeWidth="2.5" strokeDasharray={s.dash} /></svg>
            {state}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
