import { z } from "zod";
import { realmField, textField } from "./fields";

export const PROVIDER_ROLES = ["ASP", "ASA", "MSP", "MSA"] as const;
export type ProviderRoleName = (typeof PROVIDER_ROLES)[number];

/** A realm is given as its name, or as `{ name, region }` (the region breaks HA-selection ties). */
// Not a z.union: a union reports "Invalid input" and hides parseRealm's message (e.g. "needs at least two labels").
export const RealmInputSchema = z.preprocess(
  (v) => (typeof v === "string" ? { name: v } : v),
  z.object(
    {
      name: realmField,
      region: z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(64, "region is at most 64 characters").nullable().optional()),
    },
    { error: "each realm is a name or { name, region }" },
  ).transform((r) => ({ name: r.name, region: r.region ?? null })),
);

const realmsField = z
  .array(RealmInputSchema, { error: "realms must be a list of realm names" })
  .max(200, "at most 200 realms")
  .refine((list) => new Set(list.map((r) => r.name)).size === list.length, "each realm may be listed once");

const rolesField = z
  .array(z.enum(PROVIDER_ROLES, { error: "each role must be one of ASP, ASA, MSP, MSA" }), {
    error: "roles must be a list of ASP, ASA, MSP, MSA",
  })
  .min(1, "a provider plays at least one role")
  .transform((roles) => [...new Set(roles)].sort());

export const ProviderCreateSchema = z.object({
  name: textField("name", 100),
  realms: realmsField.default([]),
  roles: rolesField,
});
export type ProviderCreateInput = z.input<typeof ProviderCreateSchema>;
export type ProviderCreate = z.output<typeof ProviderCreateSchema>;

/** PATCH: every field optional; `realms` and `roles` replace the whole set when given. */
export const ProviderUpdateSchema = z.object({
  name: textField("name", 100).optional(),
  realms: realmsField.optional(),
  roles: rolesField.optional(),
});
export type ProviderUpdateInput = z.input<typeof ProviderUpdateSchema>;
export type ProviderUpdate = z.output<typeof ProviderUpdateSchema>;
