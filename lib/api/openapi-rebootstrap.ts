// OpenAPI paths and schemas of network-initiated bootstrap (bulk re-bootstrap, the flagged-MN list,
// the staleness policy), merged into lib/api/openapi.ts. Request bodies come from the services' zod schemas.
import { z } from "zod";
import { RebootstrapIdsSchema, StalenessPolicySchema, REBOOTSTRAP_REASONS } from "@/lib/domain/schemas/rebootstrap";
import { DEFAULT_LIMIT, MAX_LIMIT } from "@/lib/domain/schemas/list";

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (schema: Json) => ({ "application/json": { schema } });
const okRef = (name: string, description = "OK") => ({ "200": { description, content: content(ref(name)) } });
const err = (description: string) => ({ description, content: content(ref("Error")) });
const readErrors = { "401": err("missing or invalid bearer token"), "404": err("absent, or not visible to this caller") };
const writeErrors = {
  "400": err("malformed JSON"),
  "401": err("missing or invalid bearer token"),
  "403": err("the role does not allow this"),
  "404": err("absent, or not visible to this caller"),
  "422": err("validation failed; `fields` names each bad field"),
};
const q = (name: string, description: string, schema: Json = { type: "string" }) => ({ name, in: "query", required: false, description, schema });
const input = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;
  void _drop;
  return rest;
};

export const rebootstrapSchemas: Record<string, Json> = {
  RebootstrapMany: input(RebootstrapIdsSchema),
  RebootstrapManyResult: {
    type: "object",
    properties: {
      flagged: { type: "integer", description: "subscribers flagged (reason admin)" },
      skipped: { type: "integer", description: "ids naming no subscriber visible to the caller (not flagged)" },
    },
    required: ["flagged", "skipped"],
  },
  StalenessPolicy: {
    type: "object",
    properties: {
      maxAgeSeconds: { type: "integer", description: "flag subscribers whose last successful bootstrap is older than this; 0 = off" },
      updatedAt: { type: ["string", "null"], format: "date-time" },
    },
    required: ["maxAgeSeconds", "updatedAt"],
  },
  StalenessPolicyUpdate: input(StalenessPolicySchema),
  StalenessRun: {
    type: "object",
    properties: {
      maxAgeSeconds: { type: "integer" },
      cutoff: { type: ["string", "null"], format: "date-time", description: "bootstraps before this time are stale; null when the policy is off" },
      flagged: { type: "integer", description: "subscribers flagged by this run (reason stale)" },
    },
    required: ["maxAgeSeconds", "cutoff", "flagged"],
  },
};

export const rebootstrapPaths: Record<string, Json> = {
  "/api/v1/subscribers/rebootstrap": {
    get: {
      tags: ["subscribers"], summary: "List the subscribers flagged for re-bootstrap, newest flag first", operationId: "listFlaggedSubscribers",
      parameters: [
        q("limit", `page size, default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}`, { type: "integer", minimum: 1, maximum: MAX_LIMIT }),
        q("cursor", "opaque cursor from the previous page's nextCursor"),
        q("reason", "only this reason", { type: "string", enum: [...REBOOTSTRAP_REASONS] }),
      ],
      responses: { ...okRef("SubscriberList"), ...readErrors, "422": err("bad query parameter") },
    },
    post: {
      tags: ["subscribers"], summary: "Flag a selection of subscribers for re-bootstrap (reason admin); ids outside the caller's scope are skipped", operationId: "requestRebootstrapMany",
      requestBody: { required: true, content: content(ref("RebootstrapMany")) },
      responses: { ...okRef("RebootstrapManyResult"), ...writeErrors },
    },
  },
  "/api/v1/settings/staleness": {
    get: { tags: ["settings"], summary: "The staleness policy", operationId: "getStalenessPolicy", responses: { ...okRef("StalenessPolicy"), "401": readErrors["401"] } },
    put: {
      tags: ["settings"], summary: "Set the staleness policy (admin only)", operationId: "setStalenessPolicy",
      requestBody: { required: true, content: content(ref("StalenessPolicyUpdate")) },
      responses: { ...okRef("StalenessPolicy"), ...writeErrors },
    },
  },
  "/api/v1/settings/staleness/apply": {
    post: { tags: ["settings"], summary: "Run the staleness policy now (admin only)", operationId: "applyStalenessPolicy", responses: { ...okRef("StalenessRun"), ...writeErrors } },
  },
};
