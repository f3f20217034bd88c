import { z } from "zod";
import { idField, prefixField } from "./fields";
import { parsePrefix } from "@/lib/domain/ipv6";

export const PREFIX_STATES = ["active", "draining", "retired"] as const;
export type PrefixState = (typeof PREFIX_STATES)[number];

/** Shortest and longest home link prefix we accept: a home link needs room for HoAs beside the reserved IIDs. */
export const MIN_PREFIX_LENGTH = 16;
export const MAX_PREFIX_LENGTH = 124;

/**
 * The one rule for a home link prefix's text, shared by POST /prefixes and a renumbering plan's newPrefix
 * (which creates a home link prefix when it does not exist).
 */
export const homePrefixField = prefixField.refine((p) => {
  const r = parsePrefix(p);
  return r.ok && r.length >= MIN_PREFIX_LENGTH && r.length <= MAX_PREFIX_LENGTH;
}, `a home link prefix must be between /${MIN_PREFIX_LENGTH} and /${MAX_PREFIX_LENGTH} (usually /64)`);

const stateField = z.enum(PREFIX_STATES, { error: "state must be active, draining or retired" });

export const PrefixCreateSchema = z.object({
  homeAgentId: idField("the home agent"),
  prefix: homePrefixField,
  state: stateField.default("active"),
});
export type PrefixCreateInput = z.input<typeof PrefixCreateSchema>;
export type PrefixCreate = z.output<typeof PrefixCreateSchema>;

/**
 * The prefix text itself is not editable: moving a home link to a new prefix is a renumbering (its own
 * workflow), not an edit. The serving HA and the state may change.
 */
export const PrefixUpdateSchema = z.object({
  prefix: z.undefined({ error: "the prefix cannot be edited; plan a renumbering to move the home link" }).optional(),
  homeAgentId: idField("the home agent").optional(),
  state: stateField.optional(),
});
export type PrefixUpdateInput = z.input<typeof PrefixUpdateSchema>;
export type PrefixUpdate = z.output<typeof PrefixUpdateSchema>;
