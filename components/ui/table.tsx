import type { ReactNode } from "react";

export function Table({ caption, head, children, testId }: { caption: string; head: ReactNode[]; children: ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table data-testid={testId} className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/**
 * A table cell. `nowrap` is for short names that contain hyphens (home agents, regions, scenarios):
 * "ha4-north" must not break at its hyphen. A table too wide for its column scrolls sideways.
 */
export function Td({ children, mono = false, nowrap = false, className = "" }: { children: ReactNode; mono?: boolean; nowrap?: boolean; className?: string }) {
  return <td className={`px-4 py-2.5 align-top text-slate-800 ${mono ? "font-mono text-xs" : ""} ${nowrap ? "whitespace-nowrap" : ""} ${className}`}>{children}</td>;
}
