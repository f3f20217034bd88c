// One color per bootstrap outcome, the same in every chart. Unknown codes fall back to a palette.
const KNOWN: Record<string, string> = {
  success: "#16a34a",
  authentication_failed: "#dc2626",
  stale_timestamp: "#f59e0b",
  replay_detected: "#9333ea",
  subscriber_suspended: "#64748b",
  no_roaming_agreement: "#ea580c",
  infrastructureless_not_supported: "#0891b2",
  no_home_agent_available: "#be123c",
  home_prefix_exhausted: "#7c2d12",
  invalid_request: "#ca8a04",
  malformed_request: "#a16207",
  rate_limited: "#475569",
};
const FALLBACK = ["#2563eb", "#db2777", "#0d9488", "#4f46e5", "#84cc16"];

export function outcomeColor(outcome: string, index = 0): string {
  return KNOWN[outcome] ?? FALLBACK[index % FALLBACK.length];
}

export function outcomeLabel(outcome: string): string {
  return outcome.replace(/_/g, " ");
}
