import { z } from "zod";
import { idField, prefixField } from "./fields";
import { parsePrefix } from "@/lib/domain/ipv6";
import { MAX_AGGREGATE_LENGTH, MIN_AGGREGATE_LENGTH } from "@/lib/domain/aggregate";

const aggregatePrefixField = prefixField.refine((p) => {
  const r = parsePrefix(p);
  return r.ok && r.length >= MIN_AGGREGATE_LENGTH && r.length <= MAX_AGGREGATE_LENGTH;
}, `an aggregate must be between /${MIN_AGGREGATE_LENGTH} and /${MAX_AGGREGATE_LENGTH} (e.g. a /29 or a /48)`);

export const AggregateCreateSchema = z.object({
  providerId: idField("the provider"),
  prefix: aggregatePrefixField,
});
export type AggregateCreateInput = z.input<typeof AggregateCreateSchema>;

/** Carve the next free /64 of an aggregate into a home link prefix served by this HA. */
export const AggregateAllocateSchema = z.object({
  homeAgentId: idField("the home agent"),
});
export type AggregateAllocateInput = z.input<typeof AggregateAllocateSchema>;
