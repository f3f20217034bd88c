import { Badge } from "@/components/ui/page-header";

/** The outcomes a bootstrap session can record: success, then the spec's error codes in table order. */
export const SESSION_OUTCOMES = [
  "success",
  "malformed_request",
  "invalid_request",
  "stale_timestamp",
  "authentication_failed",
  "replay_detected",
  "subscriber_suspended",
  "no_roaming_agreement",
  "infrastructureless_not_supported",
  "no_home_agent_available",
  "home_prefix_exhausted",
  "rate_limited",
] as const;

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const tone = outcome === "success" ? "green" : /no_home_agent|exhausted|rate_limited/.test(outcome) ? "amber" : "red";
  return <Badge tone={tone}>{outcome.replace(/_/g, " ")}</Badge>;
}
