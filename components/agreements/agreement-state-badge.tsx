import { Badge } from "@/components/ui/page-header";

const TONES: Record<string, "green" | "amber" | "slate" | "red" | "blue"> = {
  "in force": "green",
  suspended: "amber",
  draft: "slate",
  terminated: "red",
  "not yet valid": "blue",
  expired: "slate",
};

/** The computed state (in force / suspended / draft / terminated / not yet valid / expired). */
export function AgreementStateBadge({ state }: { state: string }) {
  return <Badge tone={TONES[state] ?? "slate"}>{state}</Badge>;
}
