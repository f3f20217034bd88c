import { Badge } from "@/components/ui/page-header";

const TONE = { planned: "blue", announced: "amber", completed: "green", cancelled: "slate" } as const;

export function RenumberingStateBadge({ state }: { state: string }) {
  return <Badge tone={TONE[state as keyof typeof TONE] ?? "slate"}>{state}</Badge>;
}
