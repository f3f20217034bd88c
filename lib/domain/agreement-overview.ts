// What is in force now, as the console draws it: a matrix per agreement kind (serving ASPs × ASAs,
// MSPs × MSAs) and a provider/agreement graph laid out in role columns. Pure: the caller loads the
// providers and agreements it may show; "now" is the request time.
import { KIND_ROLES, agreementState, isAgreementInForce, type AgreementKind } from "./agreements";

export type OverviewProvider = { id: string; name: string; roles: readonly string[] };
export type OverviewAgreement = {
  id: string;
  kind: string;
  fromProviderId: string;
  toProviderId: string;
  status: string;
  validFrom: Date;
  validUntil: Date | null;
  allowLocalHomeAgent: boolean;
};

export type MatrixCell =
  | { state: "in-force" | "suspended"; agreementId: string; label: string }
  /** no agreement in force or suspended; `agreementId` points at a draft / future / expired one if any */
  | { state: "none"; agreementId: string | null; label: string }
  /** the same provider on both axes: no agreement needed (its own network) */
  | { state: "self"; agreementId: null; label: string };

export type Matrix = { kind: AgreementKind; rows: OverviewProvider[]; cols: OverviewProvider[]; cells: Record<string, MatrixCell> };

export const cellKey = (rowId: string, colId: string) => `${rowId}|${colId}`;

const byName = (a: OverviewProvider, b: OverviewProvider) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);

/** Newest window first, so the cell links to the agreement an operator most likely wants. */
const newestFirst = (a: OverviewAgreement, b: OverviewAgreement) => b.validFrom.getTime() - a.validFrom.getTime() || (a.id < b.id ? 1 : -1);

export function pairCell(pair: readonly OverviewAgreement[], now: Date): MatrixCell {
  const live = pair.filter((a) => a.status !== "terminated").sort(newestFirst);
  const inForce = live.find((a) => isAgreementInForce(a, now));
  if (inForce) return { state: "in-force", agreementId: inForce.id, label: inForce.allowLocalHomeAgent ? "in force (local HA)" : "in force" };
  const suspended = live.find((a) => a.status === "suspended");
  if (suspended) return { state: "suspended", agreementId: suspended.id, label: "suspended" };
  const other = live[0];
  return other ? { state: "none", agreementId: other.id, label: `none (${agreementState(other, now)})` } : { state: "none", agreementId: null, label: "none" };
}

export function buildMatrix(kind: AgreementKind, providers: readonly OverviewProvider[], agreements: readonly OverviewAgreement[], now: Date): Matrix {
  const need = KIND_ROLES[kind];
  const rows = providers.filter((p) => p.roles.includes(need.from)).sort(byName);
  const cols = providers.filter((p) => p.roles.includes(need.to)).sort(byName);
  const pairs = new Map<string, OverviewAgreement[]>();
  for (const a of agreements) {
    if (a.kind !== kind) continue;
    const k = cellKey(a.fromProviderId, a.toProviderId);
    pairs.set(k, [...(pairs.get(k) ?? []), a]);
  }
  const cells: Record<string, MatrixCell> = {};
  for (const r of rows) {
    for (const c of cols) {
      cells[cellKey(r.id, c.id)] = r.id === c.id ? { state: "self", agreementId: null, label: "own network" } : pairCell(pairs.get(cellKey(r.id, c.id)) ?? [], now);
    }
  }
  return { kind, rows, cols, cells };
}

// ---------------------------------------------------------------- graph

export const GRAPH_COLUMNS = ["ASP", "ASA", "MSP", "MSA"] as const;
export type GraphNode = { key: string; providerId: string; name: string; role: string; x: number; y: number };
export type GraphEdge = {
  agreementId: string;
  kind: string;
  from: GraphNode;
  to: GraphNode;
  /** agreementState: in force, suspended, draft, not yet valid, expired */
  state: string;
  title: string;
};
export type Graph = { width: number; height: number; nodes: GraphNode[]; edges: GraphEdge[]; columns: { role: string; x: number }[] };

export const GRAPH_LAYOUT = { colGap: 220, rowGap: 44, top: 48, left: 90, nodeWidth: 150, nodeHeight: 28 } as const;

/**
 * One node per (provider, role): an integrated provider appears in each of its role columns, so every
 * network-access edge runs ASP → ASA and every mobility edge MSP → MSA, between neighbouring columns.
 * Terminated agreements are left out (they are history, not relationships).
 */
export function buildGraph(providers: readonly OverviewProvider[], agreements: readonly OverviewAgreement[], now: Date): Graph {
  const L = GRAPH_LAYOUT;
  const nodes: GraphNode[] = [];
  const index = new Map<string, GraphNode>();
  let tallest = 0;
  GRAPH_COLUMNS.forEach((role, col) => {
    const members = providers.filter((p) => p.roles.includes(role)).sort(byName);
    tallest = Math.max(tallest, members.length);
    members.forEach((p, row) => {
      const node = { key: `${role}:${p.id}`, providerId: p.id, name: p.name, role, x: L.left + col * L.colGap, y: L.top + row * L.rowGap };
      nodes.push(node);
      index.set(node.key, node);
    });
  });
  const edges: GraphEdge[] = [];
  for (const a of agreements) {
    if (a.status === "terminated" || (a.kind !== "network-access" && a.kind !== "mobility")) continue;
    const need = KIND_ROLES[a.kind as AgreementKind];
    const from = index.get(`${need.from}:${a.fromProviderId}`);
    const to = index.get(`${need.to}:${a.toProviderId}`);
    if (!from || !to) continue;
    const state = agreementState(a, now);
    edges.push({ agreementId: a.id, kind: a.kind, from, to, state, title: `${a.kind} agreement ${from.name} → ${to.name}: ${state}` });
  }
  return {
    width: L.left * 2 + (GRAPH_COLUMNS.length - 1) * L.colGap,
    height: L.top + Math.max(tallest, 1) * L.rowGap,
    nodes,
    edges,
    columns: GRAPH_COLUMNS.map((role, col) => ({ role, x: L.left + col * L.colGap })),
  };
}
