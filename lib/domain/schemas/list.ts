// Query strings of the list endpoints and pages. Values arrive as text (URL, form) or typed (code).
import { z } from "zod";
import { HOME_AGENT_STATES } from "./home-agent";
import { PREFIX_STATES } from "./prefix";
import { SUBSCRIBER_STATUSES } from "./subscriber";
import { PROVIDER_ROLES } from "./provider";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const optId = z.preprocess(blank, z.string().trim().min(1).max(64).optional());
const optEnum = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(blank, z.enum(values, { error: `${what} must be one of ${values.join(", ")}` }).optional());
const optDate = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? new Date(v) : blank(v)),
    z.date({ error: `${what} must be an RFC 3339 date-time` }).refine((d) => !Number.isNaN(d.getTime()), `${what} must be an RFC 3339 date-time`).optional(),
  );
const optBool = z.preprocess(
  (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : blank(v)),
  z.boolean({ error: "must be true or false" }).optional(),
);

export const ListQuerySchema = z.object({
  limit: z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? DEFAULT_LIMIT : typeof v === "string" ? Number(v) : v),
    z
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(MAX_LIMIT, `limit must be at most ${MAX_LIMIT}`),
  ),
  cursor: z.preprocess(blank, z.string().max(2000, "cursor is too long").optional()),
  q: z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : blank(v)), z.string().max(300, "the search text is at most 300 characters").optional()),
});
/** What callers pass: typed values from code, or the raw strings of a query string / searchParams. */
type QueryInput<S extends z.ZodType> = { [K in keyof z.output<S>]?: string | number | boolean | Date | null };
export type ListQueryInput = QueryInput<typeof ListQuerySchema>;

export const ProviderListQuerySchema = ListQuerySchema.extend({ role: optEnum(PROVIDER_ROLES, "role") });
export const HomeAgentListQuerySchema = ListQuerySchema.extend({
  providerId: optId,
  state: optEnum(HOME_AGENT_STATES, "state"),
  region: z.preprocess(blank, z.string().max(64).optional()),
});
export const PrefixListQuerySchema = ListQuerySchema.extend({
  homeAgentId: optId,
  state: optEnum(PREFIX_STATES, "state"),
});
export const SubscriberListQuerySchema = ListQuerySchema.extend({
  msaProviderId: optId,
  homeAgentId: optId,
  status: optEnum(SUBSCRIBER_STATUSES, "status"),
  rebootstrapRequired: optBool,
});
export const SessionListQuerySchema = ListQuerySchema.extend({
  subscriberId: optId,
  homeAgentId: optId,
  outcome: z.preprocess(blank, z.string().max(64).regex(/^[a-z_]+$/, "outcome is a code such as success or unknown_nai").optional()),
  scenario: z.preprocess(blank, z.string().max(64).regex(/^[a-z-]+$/, "scenario is a name such as split").optional()),
  from: optDate("from"),
  to: optDate("to"),
});

export type ProviderListQuery = QueryInput<typeof ProviderListQuerySchema>;
export type HomeAgentListQuery = QueryInput<typeof HomeAgentListQuerySchema>;
export type PrefixListQuery = QueryInput<typeof PrefixListQuerySchema>;
export type SubscriberListQuery = QueryInput<typeof SubscriberListQuerySchema>;
export type SessionListQuery = QueryInput<typeof SessionListQuerySchema>;

export const LeaseListQuerySchema = ListQuerySchema.extend({
  subscriberId: optId,
  prefixId: optId,
  homeAgentId: optId,
});
export type LeaseListQuery = QueryInput<typeof LeaseListQuerySchema>;
