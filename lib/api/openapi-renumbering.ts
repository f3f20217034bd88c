// OpenAPI paths and schemas of prefix IPAM (aggregates, next free /64), HoA leases, renumbering and
// background jobs, merged into lib/api/openapi.ts. Request bodies come from the services' zod schemas.
import { z } from "zod";
import { AggregateAllocateSchema, AggregateCreateSchema } from "@/lib/domain/schemas/aggregate";
import { RenumberingCreateSchema } from "@/lib/domain/schemas/renumbering";
import { DEFAULT_LIMIT, MAX_LIMIT } from "@/lib/domain/schemas/list";

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (schema: Json) => ({ "application/json": { schema } });
const okRef = (name: string, description = "OK", status = "200") => ({ [status]: { description, content: content(ref(name)) } });
const err = (description: string) => ({ description, content: content(ref("Error")) });
const readErrors = { "401": err("missing or invalid bearer token"), "404": err("absent, or not visible to this caller") };
const writeErrors = {
  "400": err("malformed JSON"),
  "401": err("missing or invalid bearer token"),
  "403": err("the role does not allow this"),
  "404": err("absent, or not visible to this caller"),
  "409": err("conflict: overlapping, full, or a state transition that is not allowed"),
  "422": err("validation failed; `fields` names each bad field"),
};
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const q = (name: string, description: string, schema: Json = { type: "string" }) => ({ name, in: "query", required: false, description, schema });
const listParams = [
  q("limit", `page size, default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}`, { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
  q("cursor", "opaque cursor from the previous page's nextCursor"),
];
const input = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;
  void _drop;
  return rest;
};
const str = { type: "string" };
const int = { type: "integer" };
const time = { type: "string", format: "date-time" };
const nullable = (t: string, extra: Json = {}) => ({ type: [t, "null"], ...extra });
const obj = (properties: Json, required = Object.keys(properties)): Json => ({ type: "object", properties, required });
const list = (item: string) => obj({ items: { type: "array", items: ref(item) }, nextCursor: nullable("string") });
const counts = obj({ pending: int, migrated: int, dormant: int });

export const ipamSchemas: Record<string, Json> = {
  AggregateCreate: input(AggregateCreateSchema),
  AggregateAllocate: input(AggregateAllocateSchema),
  RenumberingCreate: input(RenumberingCreateSchema),
  Aggregate: obj({
    id: str, providerId: str, prefix: str, length: int,
    slash64Total: { type: "string", description: "number of /64s, decimal string (a /29 has 34359738368)" },
    slash64Used: { type: "string", description: "/64s overlapped by home link prefixes, decimal string" },
    utilisationBp: { type: "integer", description: "used / total in basis points" },
    level: { type: "string", enum: ["ok", "warning", "critical"], description: "warning from 80 %, critical from 90 %" },
    homePrefixes: int, createdAt: time,
  }),
  Lease: obj({
    id: str, subscriberId: str, nai: str, prefixId: str, prefix: str, homeAgentId: str, address: str,
    kind: { type: "string", enum: ["static", "dynamic", "privacy"] }, expiresAt: nullable("string", { format: "date-time" }), createdAt: time,
  }),
  Job: obj({
    id: str, type: str, state: { type: "string", enum: ["queued", "running", "succeeded", "failed"] }, total: int, done: int,
    errors: { type: "array", items: obj({ line: int, field: str, message: str }) }, createdAt: time, updatedAt: time,
  }),
  Renumbering: obj({
    id: str, oldPrefixId: str, newPrefixId: nullable("string"), oldPrefix: str, newPrefix: str, homeAgentId: str,
    state: { type: "string", enum: ["planned", "announced", "completed", "cancelled"] }, dormantAfterSeconds: int,
    counts, total: int, job: { oneOf: [ref("Job"), { type: "null" }] },
    createdAt: time, announcedAt: nullable("string", { format: "date-time" }), completedAt: nullable("string", { format: "date-time" }),
  }),
  RenumberingMember: obj({
    subscriberId: str, nai: str, oldAddress: str, newAddress: { type: "string", description: "empty when the new prefix had no room; assigned at bootstrap" },
    isStatic: { type: "boolean" }, keptIid: { type: "boolean" }, state: { type: "string", enum: ["pending", "migrated", "dormant"] },
    migratedAt: nullable("string", { format: "date-time" }), lastBootstrapAt: nullable("string", { format: "date-time" }),
  }),
  RenumberingCompleted: {
    allOf: [ref("Renumbering"), obj({ leftBehind: { type: "array", items: ref("RenumberingMember"), description: "at most 1000; the dormant CSV has them all" }, leftBehindCount: int })],
  },
  RenumberingEvents: obj({ items: { type: "array", items: obj({ at: time, pending: int, migrated: int, dormant: int }) } }),
  AggregateList: list("Aggregate"),
  LeaseList: list("Lease"),
  RenumberingList: list("Renumbering"),
  RenumberingMemberList: list("RenumberingMember"),
};

const body = (name: string) => ({ required: true, content: content(ref(name)) });

export const ipamPaths: Record<string, Json> = {
  "/api/v1/aggregates": {
    get: { tags: ["prefixes"], summary: "List provider aggregates with /64 utilisation", operationId: "listAggregates", parameters: [...listParams, q("q", "an address or prefix inside (any spelling) or the start of the prefix")], responses: { ...okRef("AggregateList"), ...readErrors } },
    post: { tags: ["prefixes"], summary: "Create a provider aggregate (/16–/64, no overlap)", operationId: "createAggregate", requestBody: body("AggregateCreate"), responses: { ...okRef("Aggregate", "created", "201"), ...writeErrors } },
  },
  "/api/v1/aggregates/{id}": {
    parameters: [idParam],
    get: { tags: ["prefixes"], summary: "Get an aggregate", operationId: "getAggregate", responses: { ...okRef("Aggregate"), ...readErrors } },
    delete: { tags: ["prefixes"], summary: "Delete an aggregate (409 while home prefixes are carved from it)", operationId: "deleteAggregate", responses: { "204": { description: "deleted" }, ...writeErrors } },
  },
  "/api/v1/aggregates/{id}/allocate": {
    parameters: [idParam],
    post: { tags: ["prefixes"], summary: "Carve the next free /64 as a home link prefix of the HA (409 aggregate_full)", operationId: "allocateSlash64", requestBody: body("AggregateAllocate"), responses: { ...okRef("Prefix", "created", "201"), ...writeErrors } },
  },
  "/api/v1/leases": {
    get: {
      tags: ["leases"], summary: "List home address leases, newest first", operationId: "listLeases",
      parameters: [...listParams, q("q", "an address (any spelling), a prefix, or the start of an NAI"), q("subscriberId", "this subscriber's lease"), q("prefixId", "leases in this prefix"), q("homeAgentId", "leases on this HA")],
      responses: { ...okRef("LeaseList"), ...readErrors },
    },
  },
  "/api/v1/leases/{id}": {
    parameters: [idParam],
    get: { tags: ["leases"], summary: "Get a lease", operationId: "getLease", responses: { ...okRef("Lease"), ...readErrors } },
    delete: { tags: ["leases"], summary: "Release the home address (the MN is flagged to re-bootstrap)", operationId: "releaseLease", responses: { "204": { description: "released" }, ...writeErrors } },
  },
  "/api/v1/renumberings": {
    get: { tags: ["renumberings"], summary: "List renumberings", operationId: "listRenumberings", parameters: [...listParams, q("q", "start of the old or new prefix")], responses: { ...okRef("RenumberingList"), ...readErrors } },
    post: { tags: ["renumberings"], summary: "Plan a renumbering (state planned; `job` builds the preview)", operationId: "planRenumbering", requestBody: body("RenumberingCreate"), responses: { ...okRef("Renumbering", "created", "201"), ...writeErrors } },
  },
  "/api/v1/renumberings/{id}": {
    parameters: [idParam],
    get: { tags: ["renumberings"], summary: "Get a renumbering with counts { pending, migrated, dormant }", operationId: "getRenumbering", responses: { ...okRef("Renumbering"), ...readErrors } },
  },
  "/api/v1/renumberings/{id}/members": {
    parameters: [idParam],
    get: {
      tags: ["renumberings"], summary: "The preview / progress: each affected subscriber's old and new HoA", operationId: "listRenumberingMembers",
      parameters: [...listParams, q("q", "an old or new address (any spelling) or the start of an NAI"), q("state", "pending, migrated or dormant", { type: "string", enum: ["pending", "migrated", "dormant"] })],
      responses: { ...okRef("RenumberingMemberList"), ...readErrors },
    },
  },
  "/api/v1/renumberings/{id}/events": {
    parameters: [idParam],
    get: { tags: ["renumberings"], summary: "Snapshots of the counts over time (the progress chart)", operationId: "listRenumberingEvents", responses: { ...okRef("RenumberingEvents"), ...readErrors } },
  },
  "/api/v1/renumberings/{id}/announce": {
    parameters: [idParam],
    post: {
      tags: ["renumberings"], summary: "Announce: the old prefix drains, every affected MN is flagged (reason renumbering)", operationId: "announceRenumbering",
      responses: { ...okRef("Renumbering", "announced"), "202": { description: "announcing in the background; poll `job`", content: content(ref("Renumbering")) }, ...writeErrors },
    },
  },
  "/api/v1/renumberings/{id}/cancel": {
    parameters: [idParam],
    post: { tags: ["renumberings"], summary: "Cancel a planned renumbering (409 once announced or while its job runs)", operationId: "cancelRenumbering", responses: { ...okRef("Renumbering"), ...writeErrors } },
  },
  "/api/v1/renumberings/{id}/complete": {
    parameters: [idParam, q("force", "complete with MNs left behind (listed in the answer)", { type: "boolean" })],
    post: { tags: ["renumberings"], summary: "Complete: retire the old prefix (409 while MNs have not migrated, unless force)", operationId: "completeRenumbering", responses: { ...okRef("RenumberingCompleted"), ...writeErrors } },
  },
  "/api/v1/renumberings/{id}/dormant.csv": {
    parameters: [idParam],
    get: {
      tags: ["renumberings"], summary: "The dormant MNs as CSV (nai,subscriberId,oldAddress,newAddress,static,lastBootstrapAt)", operationId: "dormantCsv",
      responses: { "200": { description: "text/csv", content: { "text/csv": { schema: { type: "string" } } } }, ...readErrors },
    },
  },
  "/api/v1/jobs/{id}": {
    parameters: [idParam],
    get: { tags: ["jobs"], summary: "A background job's progress", operationId: "getJob", responses: { ...okRef("Job"), ...readErrors } },
  },
};
