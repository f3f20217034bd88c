import { z } from "zod";
import { addressField, idField, intField, textField } from "./fields";

export const HOME_AGENT_STATES = ["in-service", "draining", "out-of-service"] as const;
export type HomeAgentState = (typeof HOME_AGENT_STATES)[number];

// RFC 1035 host name (letters, digits, hyphens; at least two labels), stored lower-case.
const FQDN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const fqdnField = z
  .string({ error: "the host name (FQDN) is required" })
  .trim()
  .transform((v) => v.toLowerCase().replace(/\.$/, ""))
  .refine((v) => FQDN.test(v), "the host name (FQDN) must be a DNS host name such as ha1.example.net");

const stateField = z.enum(HOME_AGENT_STATES, { error: "state must be in-service, draining or out-of-service" });
const capacityField = intField("capacity", 1, 100_000_000);

export const HomeAgentCreateSchema = z.object({
  providerId: idField("the mobility service provider"),
  name: textField("name", 100),
  fqdn: fqdnField,
  address: addressField,
  region: textField("region", 64),
  capacity: capacityField,
  state: stateField.default("in-service"),
});
export type HomeAgentCreateInput = z.input<typeof HomeAgentCreateSchema>;
export type HomeAgentCreate = z.output<typeof HomeAgentCreateSchema>;

/** The owning MSP is fixed at creation (its prefixes and leases hang off it). */
export const HomeAgentUpdateSchema = z.object({
  name: textField("name", 100).optional(),
  fqdn: fqdnField.optional(),
  address: addressField.optional(),
  region: textField("region", 64).optional(),
  capacity: capacityField.optional(),
  state: stateField.optional(),
});
export type HomeAgentUpdateInput = z.input<typeof HomeAgentUpdateSchema>;
export type HomeAgentUpdate = z.output<typeof HomeAgentUpdateSchema>;
