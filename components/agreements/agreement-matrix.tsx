import Link from "next/link";
import { cellKey, type Matrix, type MatrixCell } from "@/lib/domain/agreement-overview";

const CELL_CLASS: Record<MatrixCell["state"], string> = {
  "in-force": "bg-green-100 text-green-900",
  suspended: "bg-amber-100 text-amber-900",
  none: "text-slate-500",
  self: "bg-slate-50 text-slate-400",
};

const AXES = {
  "network-access": { rows: "Serving ASP", cols: "ASA", title: "Network access: serving ASPs × ASAs" },
  mobility: { rows: "MSP", cols: "MSA", title: "Mobility: MSPs × MSAs" },
} as const;

/** Rows are the `from` role, columns the `to` role; each cell links to the agreement it shows. */
export function AgreementMatrix({ matrix }: { matrix: Matrix }) {
  const axes = AXES[matrix.kind];
  if (!matrix.rows.length || !matrix.cols.length) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600" role="status">
        {axes.title}: no {matrix.rows.length ? axes.cols : axes.rows} to show.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="text-sm" data-testid={`matrix-${matrix.kind}`}>
        <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-900">{axes.title}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-600">{axes.rows} ↓ / {axes.cols} →</th>
            {matrix.cols.map((c) => <th key={c.id} scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-700">{c.name}</th>)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {matrix.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="px-3 py-2 text-left text-xs font-semibold text-slate-700">{r.name}</th>
              {matrix.cols.map((c) => {
                const cell = matrix.cells[cellKey(r.id, c.id)];
                const text = cell.agreementId ? (
                  <Link href={`/agreements/${cell.agreementId}`} className="underline-offset-2 hover:underline" title={`${r.name} → ${c.name}: ${cell.label}`}>{cell.label}</Link>
                ) : (
                  <span title={`${r.name} → ${c.name}: ${cell.label}`}>{cell.label}</span>
                );
                return <td key={c.id} className={`px-3 py-2 text-xs whitespace-nowrap ${CELL_CLASS[cell.state]}`} data-state={cell.state}>{text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
