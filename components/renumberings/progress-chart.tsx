"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { RenumberingEventDto } from "@/lib/data/renumberings";

const SERIES = [
  { key: "migrated", name: "Migrated", color: "#16a34a" },
  { key: "pending", name: "Pending", color: "#d97706" },
  { key: "dormant", name: "Dormant", color: "#64748b" },
] as const;

/** Migrated / pending / dormant over time, from the recorded RenumberingEvent snapshots. */
export function RenumberingChart({ events }: { events: RenumberingEventDto[] }) {
  const rows = events.map((e) => ({ ...e, label: `${e.at.slice(5, 10)} ${e.at.slice(11, 16)}` }));
  const last = events[events.length - 1];
  return (
    <figure
      data-testid="renumbering-chart"
      className="m-0"
      aria-label={last ? `Line chart of renumbering progress: now ${last.migrated} migrated, ${last.pending} pending, ${last.dormant} dormant` : "No progress recorded yet"}
    >
      <LineChart responsive style={{ width: "100%", height: 280 }} data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={56} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {SERIES.map((s) => (
          <Line key={s.key} type="stepAfter" dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </figure>
  );
}
