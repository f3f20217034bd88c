// Roaming agreement input (spec/api-v1.md `/api/v1/agreements`). Shape only: the rules that need the
// two providers (kind vs roles, self, overlap, lifecycle) live in lib/domain/agreements.ts and are
// applied by lib/services/agreements.ts.
import { z } from "zod";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from "@/lib/domain/agreements";
import { blankToNull, boolField, idField } from "./fields";
import { ListQuerySchema } from "./list";

// RFC 3339 date-time with an explicit offset (Z or ±hh:mm); seconds may be left out by forms.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;

const rfc3339 = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && RFC3339.test(v.trim()) ? new Date(v.trim()) : v instanceof Date ? v : typeof v === "string" ? "invalid" : v),
    z
      .date({ error: `${what} must be an RFC 3339 date-time such as 2026-12-03T12:00:00Z` })
      .refine((d) => !Number.isNaN(d.getTime()), `${what} must be an RFC 3339 date-time such as 2026-12-03T12:00:00Z`),
  ).meta({ description: `${what}, RFC 3339 with an offset`, examples: ["2026-12-03T12:00:00Z"] });

const kindField = z.enum(AGREEMENT_KINDS, { error: "kind must be network-access or mobility" });
const statusField = z.enum(AGREEMENT_STATUSES, { error: "status must be draft, active, suspended or terminated" });
const validUntilField = z.preprocess(blankToNull, rfc3339("the end of validity").nullable());

/** A new agreement starts as a draft, or directly active; suspended and terminated make no sense at birth. */
export const AgreementCreateSchema = z.object({
  kind: kindField,
  fromProviderId: idField("the serving provider (ASP or MSP)").meta({ description: "the serving ASP (network-access) or the MSP (mobility)" }),
  toProviderId: idField("the authorizing provider (ASA or MSA)").meta({ description: "the ASA (network-access) or the MSA (mobility)" }),
  status: z.enum(["draft", "active"], { error: "a new agreement is draft or active" }).default("draft"),
  validFrom: rfc3339("the start of validity"),
  validUntil: validUntilField.optional().transform((v) => v ?? null),
  allowLocalHomeAgent: boolField.default(false).meta({ description: "mobility only: the MSP may assign a local HA (RFC 4640 §5.2)" }),
});
export type AgreementCreateInput = z.input<typeof AgreementCreateSchema>;
export type AgreementCreate = z.output<typeof AgreementCreateSchema>;

/**
 * PATCH: any subset. `status` moves along the lifecycle (draft → active ⇄ suspended, any → terminated);
 * the kind and the two providers may change only while the agreement is a draft (checked by the service).
 */
export const AgreementUpdateSchema = z.object({
  kind: kindField.optional(),
  fromProviderId: idField("the serving provider (ASP or MSP)").optional(),
  toProviderId: idField("the authorizing provider (ASA or MSA)").optional(),
  status: statusField.optional(),
  validFrom: rfc3339("the start of validity").optional(),
  validUntil: validUntilField.optional(),
  allowLocalHomeAgent: boolField.optional(),
});
export type AgreementUpdateInput = z.input<typeof AgreementUpdateSchema>;
export type AgreementUpdate = z.output<typeof AgreementUpdateSchema>;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const AgreementListQuerySchema = ListQuerySchema.extend({
  kind: z.preprocess(blank, kindField.optional()),
  status: z.preprocess(blank, statusField.optional()),
  /** either side of the agreement */
  providerId: z.preprocess(blank, z.string().trim().min(1).max(64).optional()),
  inForce: z.preprocess(
    (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : blank(v)),
    z.boolean({ error: "in force must be true or false" }).optional(),
  ),
});
export type AgreementListQuery = { [K in keyof z.output<typeof AgreementListQuerySchema>]?: string | number | boolean | null };
