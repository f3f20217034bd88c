import { z } from "zod";
import { addressField, blankToNull, idField, naiField, optionalId, textField } from "./fields";

export const HOME_ADDRESS_POLICIES = ["static", "dynamic", "privacy"] as const;
export type HomeAddressPolicy = (typeof HOME_ADDRESS_POLICIES)[number];
export const SUBSCRIBER_STATUSES = ["active", "suspended"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];
export const REBOOTSTRAP_REASONS = ["admin", "stale", "home-agent", "renumbering"] as const;

const policyField = z.enum(HOME_ADDRESS_POLICIES, { error: "the home-address policy must be static, dynamic or privacy" });
const statusField = z.enum(SUBSCRIBER_STATUSES, { error: "status must be active or suspended" });
const nullableNai = z.preprocess(blankToNull, naiField.nullable().optional());
const nullableAddress = z.preprocess(blankToNull, addressField.nullable().optional());
const nullableReason = z.preprocess(blankToNull, textField("the suspension reason", 500).nullable().optional());

const fields = {
  nai: naiField,
  msaProviderId: idField("the mobility service authorizer"),
  accessNai: nullableNai,
  asaProviderId: optionalId("the access service authorizer"),
  homeAddressPolicy: policyField.default("dynamic"),
  staticHomeAddress: nullableAddress,
  pinnedHomeAgentId: optionalId("the pinned home agent"),
  status: statusField.default("active"),
  suspendedReason: nullableReason,
};

/**
 * Rules between fields that need no database: a static policy needs its address and only a static policy
 * has one; a network-access NAI and its ASA come together. Rules that need the database (realm belongs
 * to the MSA, address inside a home prefix) are checked by lib/services/subscribers.ts.
 */
export function checkSubscriberShape(
  s: { homeAddressPolicy?: string; staticHomeAddress?: string | null; accessNai?: string | null; asaProviderId?: string | null },
  addIssue: (path: string, message: string) => void,
): void {
  if (s.homeAddressPolicy === "static" && !s.staticHomeAddress) {
    addIssue("staticHomeAddress", "a static home-address policy needs a static home address");
  }
  if (s.homeAddressPolicy !== undefined && s.homeAddressPolicy !== "static" && s.staticHomeAddress) {
    addIssue("staticHomeAddress", "only a static home-address policy has a static home address");
  }
  if (s.accessNai && !s.asaProviderId) addIssue("asaProviderId", "a network-access NAI needs its access service authorizer (ASA)");
}

export const SubscriberCreateSchema = z.object(fields).superRefine((s, ctx) =>
  checkSubscriberShape(s, (path, message) => ctx.addIssue({ code: "custom", path: [path], message })),
);
export type SubscriberCreateInput = z.input<typeof SubscriberCreateSchema>;
export type SubscriberCreate = z.output<typeof SubscriberCreateSchema>;

/** PATCH: any subset; the merged result is re-checked with checkSubscriberShape by the service. */
export const SubscriberUpdateSchema = z.object({
  nai: naiField.optional(),
  msaProviderId: idField("the mobility service authorizer").optional(),
  accessNai: nullableNai,
  asaProviderId: optionalId("the access service authorizer"),
  homeAddressPolicy: policyField.optional(),
  staticHomeAddress: nullableAddress,
  pinnedHomeAgentId: optionalId("the pinned home agent"),
  status: statusField.optional(),
  suspendedReason: nullableReason,
});
export type SubscriberUpdateInput = z.input<typeof SubscriberUpdateSchema>;
export type SubscriberUpdate = z.output<typeof SubscriberUpdateSchema>;
