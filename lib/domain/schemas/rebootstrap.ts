// Inputs of network-initiated bootstrap (RFC 4640 §4): bulk re-bootstrap requests, the staleness
// policy, and the query of the flagged-MN list. Shared by the console actions and the API routes.
import { z } from "zod";
import { idField } from "./fields";
import { ListQuerySchema } from "./list";
import { SUBSCRIBER_STATUSES } from "./subscriber";

export const REBOOTSTRAP_REASONS = ["admin", "stale", "home-agent", "renumbering"] as const;
export type RebootstrapReason = (typeof REBOOTSTRAP_REASONS)[number];

/** One request flags at most this many subscribers by id (a filter selection is processed in batches). */
export const MAX_BULK_IDS = 1000;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const RebootstrapIdsSchema = z.object({
  subscriberIds: z
    .array(idField("a subscriber"), { error: "the selection must be a list of subscriber ids" })
    .min(1, "select at least one subscriber")
    .max(MAX_BULK_IDS, `at most ${MAX_BULK_IDS} subscribers per request`),
});

/** A selection by filter: the same filters as the subscriber list (all within the actor's scope). */
export const RebootstrapFilterSchema = z.object({
  filter: z.object({
    msaProviderId: z.preprocess(blank, idField("the mobility service authorizer").optional()),
    homeAgentId: z.preprocess(blank, idField("the home agent").optional()),
    status: z.preprocess(blank, z.enum(SUBSCRIBER_STATUSES, { error: `status must be one of ${SUBSCRIBER_STATUSES.join(", ")}` }).optional()),
  }, { error: "filter must be an object" }),
});

export type RebootstrapSelection = { subscriberIds: string[] } | { filter: z.input<typeof RebootstrapFilterSchema>["filter"] };

/** 0 switches the policy off; at most a year (a longer age would flag nothing useful). */
export const MAX_STALENESS_SECONDS = 366 * 86400;
export const StalenessPolicySchema = z.object({
  maxAgeSeconds: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
    z
      .number({ error: "the maximum age must be a number of seconds" })
      .int("the maximum age must be a whole number of seconds")
      .min(0, "the maximum age must be 0 (off) or more")
      .max(MAX_STALENESS_SECONDS, `the maximum age must be at most ${MAX_STALENESS_SECONDS} (366 days)`)
      .refine((n) => n === 0 || n >= 60, "the maximum age must be 0 (off) or at least 60 seconds"),
  ),
});
export type StalenessPolicy = z.output<typeof StalenessPolicySchema>;

export const FlaggedListQuerySchema = ListQuerySchema.extend({
  reason: z.preprocess(blank, z.enum(REBOOTSTRAP_REASONS, { error: `reason must be one of ${REBOOTSTRAP_REASONS.join(", ")}` }).optional()),
});
export type FlaggedListQuery = { limit?: number | string; cursor?: string; q?: string; reason?: string };
