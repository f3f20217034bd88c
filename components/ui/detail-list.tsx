import type { ReactNode } from "react";

export type DetailRow = [label: string, value: ReactNode];

/** Label/value pairs of a detail page: two columns from `sm` up, stacked below; long values wrap anywhere. */
export function DetailList({ rows, testId }: { rows: DetailRow[]; testId?: string }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]" data-testid={testId}>
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="wrap-anywhere text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
