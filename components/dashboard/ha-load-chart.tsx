"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { HaLoad } from "@/lib/data/metrics";

/** Active bindings against capacity for each home agent. */
export function HaLoadChart({ data }: { data: HaLoad[] }) {
  const height = Math.max(160, 48 + data.length * 44);
  return (
    <figure data-testid="chart-ha-load" aria-label={`Bar chart of home agent load: ${data.map((h) => `${h.name} ${h.activeBindings} of ${h.capacity}`).join(", ")}`} className="m-0">
      <BarChart
        responsive
        layout="vertical"
        style={{ width: "100%", height }}
        data={data}
        margin={{ top: 8, right: 16, left: 8, bottom: 0 }}
        title="Home agent load: active bindings and capacity"
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} />
        <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 11, fill: "#475569" }} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="activeBindings" name="Active bindings" fill="#2563eb" isAnimationActive={false} />
        <Bar dataKey="capacity" name="Capacity" fill="#94a3b8" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
