"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { SessionsOverTime } from "@/lib/data/metrics";
import { outcomeColor, outcomeLabel } from "./outcome-colors";

/** Bootstrap sessions per hour/day, stacked by outcome. */
export function SessionsChart({ data }: { data: SessionsOverTime }) {
  const rows = data.buckets.map((b) => ({ label: b.label, ...b.counts }));
  return (
    <figure data-testid="chart-sessions" aria-label={`Bar chart: bootstrap sessions per ${data.unit} by outcome, ${data.buckets.reduce((s, b) => s + b.total, 0)} in total`} className="m-0">
      <BarChart
        responsive
        style={{ width: "100%", height: 300 }}
        data={rows}
        margin={{ top: 8, right: 8, left: 0, bottom: 0 }}
        title={`Bootstrap sessions per ${data.unit} by outcome`}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={40} />
        <Tooltip />
        <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
        {data.outcomes.map((o, i) => (
          // The series name is the label, so the legend and the tooltip both show "authentication failed".
          <Bar key={o} dataKey={o} name={outcomeLabel(o)} stackId="outcome" fill={outcomeColor(o, i)} isAnimationActive={false} />
        ))}
      </BarChart>
    </figure>
  );
}
