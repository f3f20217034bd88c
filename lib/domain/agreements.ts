// Roaming agreements (DOMAIN.md, RFC 4640 §6–§7): which kinds join which roles, the status lifecycle
// and the overlap rule. Pure: services load the providers and existing agreements and call these.
import type { FieldErrors } from "@/lib/errors";
import { isAgreementInForce } from "./scenario";

export { isAgreementInForce };

export const AGREEMENT_KINDS = ["network-access", "mobility"] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export const AGREEMENT_STATUSES = ["draft", "active", "suspended", "terminated"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** network-access: a serving ASP lets an ASA's subscribers attach; mobility: an MSP serves an MSA's subscribers. */
export const KIND_ROLES: Record<AgreementKind, { from: string; to: string }> = {
  "network-access": { from: "ASP", to: "ASA" },
  mobility: { from: "MSP", to: "MSA" },
};

type Party = { id: string; name: string; roles: readonly string[] };

export type AgreementDraft = {
  kind: AgreementKind;
  from: Party;
  to: Party;
  validFrom: Date;
  validUntil: Date | null;
  allowLocalHomeAgent: boolean;
};

/** Field errors for a new or changed agreement (empty when valid). */
export function agreementFieldErrors(d: AgreementDraft): FieldErrors {
  const errors: FieldErrors = {};
  const need = KIND_ROLES[d.kind];
  if (d.from.id === d.to.id) errors.toProviderId = "an agreement needs two different providers";
  if (!d.from.roles.includes(need.from)) {
    errors.fromProviderId = `${d.from.name} does not hold the ${need.from} role needed for a ${d.kind} agreement`;
  }
  if (!d.to.roles.includes(need.to)) {
    errors.toProviderId ??= `${d.to.name} does not hold the ${need.to} role needed for a ${d.kind} agreement`;
  }
  if (d.validUntil && d.validUntil.getTime() <= d.validFrom.getTime()) {
    errors.validUntil = "the end of validity must be after its start";
  }
  if (d.allowLocalHomeAgent && d.kind !== "mobility") {
    errors.allowLocalHomeAgent = "local home agent assignment applies to mobility agreements only";
  }
  return errors;
}

type Window = { validFrom: Date; validUntil: Date | null };

/** Half-open windows [from, until) overlap; null until = open-ended. */
export function windowsOverlap(a: Window, b: Window): boolean {
  const aEnd = a.validUntil?.getTime() ?? Infinity;
  const bEnd = b.validUntil?.getTime() ?? Infinity;
  return a.validFrom.getTime() < bEnd && b.validFrom.getTime() < aEnd;
}

type Existing = Window & { id: string; kind: string; fromProviderId: string; toProviderId: string; status: string };

/** An agreement of the same kind between the same pair whose window overlaps (terminated ones do not count). */
export function findOverlap(
  d: { kind: string; fromProviderId: string; toProviderId: string } & Window,
  existing: readonly Existing[],
  ignoreId?: string,
): Existing | null {
  return (
    existing.find(
      (e) =>
        e.id !== ignoreId &&
        e.status !== "terminated" &&
        e.kind === d.kind &&
        e.fromProviderId === d.fromProviderId &&
        e.toProviderId === d.toProviderId &&
        windowsOverlap(e, d),
    ) ?? null
  );
}

/** draft → active ⇄ suspended; any → terminated (final). Staying in the same status is allowed. */
export function canTransition(from: string, to: string): boolean {
  if (from === to) return from !== "terminated" || to === "terminated";
  if (from === "terminated") return false;
  if (to === "terminated") return true;
  if (from === "draft") return to === "active";
  if (from === "active") return to === "suspended";
  if (from === "suspended") return to === "active";
  return false;
}

/** What an operator sees in lists and the matrix. */
export function agreementState(a: { status: string; validFrom: Date; validUntil: Date | null }, now: Date): string {
  if (isAgreementInForce(a, now)) return "in force";
  if (a.status !== "active") return a.status;
  return a.validFrom.getTime() > now.getTime() ? "not yet valid" : "expired";
}
