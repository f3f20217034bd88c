// Home agent selection (RFC 4640 §5.2 as DOMAIN.md orders it). Pure: the caller loads the candidates
// with their current load. The `because` list is what the session timeline and explain view show.

export type HomeAgentState = "in-service" | "draining" | "out-of-service";

export type HomeAgentCandidate = {
  id: string;
  name: string;
  fqdn: string;
  address: string;
  region: string;
  capacity: number;
  state: string;
  providerId: string;
  /** current bindings (HoA leases) on this HA, not counting the subscriber being served */
  activeBindings: number;
};

export type HaSelectionInput = {
  /** the subscriber's pinned HA, if any (whatever its state) */
  pinned: HomeAgentCandidate | null;
  /**
   * Seam for local HA assignment by a serving MSP whose mobility agreement allows it (DOMAIN.md §5.2);
   * scenario resolution fills this in when it applies. Empty today.
   */
  local: HomeAgentCandidate[];
  /** the HA of the subscriber's current binding, kept while it can still serve (a dynamic HoA stays put) */
  current: HomeAgentCandidate | null;
  /** the providing MSP's HAs */
  candidates: HomeAgentCandidate[];
  /** region of the serving realm, for tie-breaking; null when unknown */
  servingRegion: string | null;
};

export type HaSelection =
  | { ok: true; homeAgent: HomeAgentCandidate; rule: "pinned" | "local" | "current" | "least-loaded"; because: string[] }
  | { ok: false; because: string[] };

export function isInService(ha: { state: string }): boolean {
  return ha.state === "in-service";
}

export function hasSpareCapacity(ha: { activeBindings: number; capacity: number }): boolean {
  return ha.activeBindings < ha.capacity;
}

/** Least-loaded first (by utilisation, then absolute count), then same region as the serving network, then name. */
export function compareCandidates(servingRegion: string | null) {
  return (a: HomeAgentCandidate, b: HomeAgentCandidate): number => {
    const ua = a.activeBindings / Math.max(a.capacity, 1);
    const ub = b.activeBindings / Math.max(b.capacity, 1);
    if (ua !== ub) return ua - ub;
    if (a.activeBindings !== b.activeBindings) return a.activeBindings - b.activeBindings;
    const ra = servingRegion !== null && a.region === servingRegion ? 0 : 1;
    const rb = servingRegion !== null && b.region === servingRegion ? 0 : 1;
    if (ra !== rb) return ra - rb;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

function usable(ha: HomeAgentCandidate): boolean {
  return isInService(ha) && hasSpareCapacity(ha);
}

export function selectHomeAgent(input: HaSelectionInput): HaSelection {
  const because: string[] = [];
  const { pinned } = input;
  if (pinned) {
    // An operator's pin is honoured while the HA is in service, whatever its load: pinning is deliberate.
    if (isInService(pinned)) {
      because.push(`pinned home agent ${pinned.name} is in service`);
      return { ok: true, homeAgent: pinned, rule: "pinned", because };
    }
    because.push(`pinned home agent ${pinned.name} is ${pinned.state}; selecting another`);
  }
  const local = [...input.local].filter(usable).sort(compareCandidates(input.servingRegion));
  if (local.length > 0) {
    because.push(`local home agent ${local[0].name} assigned by the serving MSP`);
    return { ok: true, homeAgent: local[0], rule: "local", because };
  }
  const { current } = input;
  if (current) {
    if (usable(current) && input.candidates.some((c) => c.id === current.id)) {
      because.push(`keeps its current home agent ${current.name} (in service, spare capacity)`);
      return { ok: true, homeAgent: current, rule: "current", because };
    }
    because.push(`current home agent ${current.name} can no longer take the binding`);
  }
  const ranked = [...input.candidates].filter(usable).sort(compareCandidates(input.servingRegion));
  if (ranked.length === 0) {
    const total = input.candidates.length;
    const inService = input.candidates.filter(isInService).length;
    because.push(
      total === 0
        ? "the mobility service provider has no home agent"
        : `no home agent in service with spare capacity (${inService} of ${total} in service, all full or none)`,
    );
    return { ok: false, because };
  }
  const ha = ranked[0];
  const region = input.servingRegion !== null && ha.region === input.servingRegion ? `, same region ${ha.region}` : "";
  because.push(`least-loaded in-service home agent ${ha.name} (${ha.activeBindings}/${ha.capacity} bindings${region})`);
  return { ok: true, homeAgent: ha, rule: "least-loaded", because };
}
