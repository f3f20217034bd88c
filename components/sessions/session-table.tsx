import Link from "next/link";
import { Table, Td } from "@/components/ui/table";
import { EMPTY, formatTime } from "@/components/ui/format";
import type { SessionDto } from "@/lib/data/sessions";
import { OutcomeBadge } from "./outcome-badge";

export function SessionTable({ sessions, haNames, caption }: { sessions: SessionDto[]; haNames: Map<string, string>; caption: string }) {
  return (
    <Table caption={caption} testId="sessions-table" head={["Time", "NAI", "Outcome", "Scenario", "Home agent", "Home address", "Serving realm", "Latency"]}>
      {sessions.map((s) => (
        <tr key={s.id} className="hover:bg-slate-50">
          <Td>
            <Link href={`/sessions/${s.id}`} className="font-medium text-brand-600 hover:underline">
              {formatTime(s.createdAt)}
            </Link>
          </Td>
          <Td mono>{s.nai}</Td>
          <Td>
            <OutcomeBadge outcome={s.outcome} />
          </Td>
          <Td nowrap>{s.scenario ?? EMPTY}</Td>
          <Td nowrap>{s.homeAgentId ? (haNames.get(s.homeAgentId) ?? s.homeAgentId) : EMPTY}</Td>
          <Td mono>{s.homeAddress ?? EMPTY}</Td>
          <Td mono>{s.servingRealm || "(unknown)"}</Td>
          <Td>{s.latencyMs.toFixed(1)} ms</Td>
        </tr>
      ))}
    </Table>
  );
}
