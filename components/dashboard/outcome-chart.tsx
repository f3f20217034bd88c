"use client";

import { Legend, Pie, PieChart, Tooltip } from "recharts";
import type { OutcomeCount } from "@/lib/data/metrics";
import { outcomeColor, outcomeLabel } from "./outcome-colors";

/** Share of each outcome over the selected window. */
export function OutcomeChart({ data }: { data: OutcomeCount[] }) {
  const rows = data.map((d, i) => ({ name: outcomeLabel(d.outcome), value: d.count, fill: outcomeColor(d.outcome, i) }));
  return (
    <figure data-testid="chart-outcomes" aria-label={`Pie chart of bootstrap outcomes: ${data.map((d) => `${outcomeLabel(d.outcome)} ${d.count}`).join(", ")}`} className="m-0">
      <PieChart responsive style={{ width: "100%", height: 300 }} title="Bootstrap outcomes">
        <Pie data={rows} dataKey="value" nameKey="name" innerRadius="45%" outerRadius="75%" isAnimationActive={false} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    </figure>
  );
}
