// The OpenAPI 3.1 description of /api/v1, served at GET /api/v1/openapi.json. Request bodies are
// generated from the same zod schemas the services validate with (one source of truth); responses are
// the DTOs of lib/data, described here by hand.
import { z } from "zod";
import {
  HomeAgentCreateSchema, HomeAgentUpdateSchema, PrefixCreateSchema, PrefixUpdateSchema, ProviderCreateSchema,
  ProviderUpdateSchema, SubscriberCreateSchema, SubscriberUpdateSchema,
} from "@/lib/domain/schemas";
import { DEFAULT_LIMIT, MAX_LIMIT } from "@/lib/domain/schemas/list";
import { AgreementCreateSchema, AgreementUpdateSchema } from "@/lib/domain/schemas/agreement";
import { rebootstrapPaths, rebootstrapSchemas } from "./openapi-rebootstrap";
import { portalPaths, portalSchemas } from "./openapi-portal";
import { securityPaths, securitySchemas } from "./openapi-security";
import { ipamPaths, ipamSchemas } from "./openapi-renumbering";
import { importPaths } from "./openapi-import";

type Json = Record<string, unknown>;

function inputSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;
  void _drop;
  return rest;
}

const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const time = { type: "string", format: "date-time" };
const nullableTime = { type: ["string", "null"], format: "date-time" };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Json, required = Object.keys(properties)): Json => ({ type: "object", properties, required });

const dtos: Record<string, Json> = {
  Error: {
    type: "object",
    properties: {
      error: { type: "string", description: "machine-readable code, e.g. validation_failed, not_found, conflict, unauthorized, forbidden, malformed_json" },
      message: { type: "string" },
      fields: { type: "object", additionalProperties: { type: "string" }, description: "per-field messages (422, some 409)" },
    },
    required: ["error", "message"],
  },
  Provider: obj({
    id: str,
    name: str,
    realms: { type: "array", items: str },
    realmDetails: { type: "array", items: obj({ name: str, region: nullableStr }) },
    roles: { type: "array", items: { type: "string", enum: ["ASP", "ASA", "MSP", "MSA"] } },
    createdAt: time,
    updatedAt: time,
  }),
  HomeAgent: obj({
    id: str,
    providerId: str,
    name: str,
    fqdn: str,
    address: str,
    region: str,
    capacity: { type: "integer" },
    state: { type: "string", enum: ["in-service", "draining", "out-of-service"] },
    activeBindings: { type: "integer", description: "HoA leases currently held on this HA" },
    createdAt: time,
    updatedAt: time,
  }),
  Prefix: obj({
    id: str,
    homeAgentId: str,
    providerId: str,
    prefix: str,
    length: { type: "integer" },
    state: { type: "string", enum: ["active", "draining", "retired"] },
    assigned: { type: "integer", description: "home addresses leased in this prefix" },
    capacity: { type: ["integer", "string"], description: "usable home addresses (reserved IIDs and the HA address excluded); a decimal string above 2^53-1" },
    createdAt: time,
    updatedAt: time,
  }),
  Subscriber: obj({
    id: str,
    nai: str,
    msaProviderId: str,
    accessNai: nullableStr,
    asaProviderId: nullableStr,
    homeAddressPolicy: { type: "string", enum: ["static", "dynamic", "privacy"] },
    staticHomeAddress: nullableStr,
    pinnedHomeAgentId: nullableStr,
    status: { type: "string", enum: ["active", "suspended"] },
    suspendedReason: nullableStr,
    homeAddress: { ...nullableStr, description: "current HoA (from the lease), if any" },
    homeAgentId: { ...nullableStr, description: "HA of the current binding" },
    lastBootstrapAt: nullableTime,
    rebootstrapRequired: { type: "boolean" },
    rebootstrapReason: { type: ["string", "null"], enum: ["admin", "stale", "home-agent", "renumbering", null] },
    rebootstrapAt: nullableTime,
    createdAt: time,
    updatedAt: time,
  }),
  Session: obj({
    id: str,
    subscriberId: nullableStr,
    nai: str,
    servingRealm: str,
    trigger: str,
    homeAddressMode: str,
    outcome: { type: "string", description: "success or an error code of spec/bootstrap-v1.md" },
    httpStatus: { type: "integer" },
    scenario: nullableStr,
    homeAgentId: nullableStr,
    homeAddress: nullableStr,
    homePrefix: nullableStr,
    keyName: nullableStr,
    expiresAt: nullableTime,
    sourceAddress: nullableStr,
    latencyMs: { type: "number" },
    explanation: { description: "the scenario decision (JSON)" },
    steps: { type: ["array", "null"], items: obj({ step: str, atMs: { type: "number" }, ok: { type: "boolean" }, detail: str }, ["step", "atMs", "ok"]) },
    createdAt: time,
  }),
  Agreement: obj({
    id: str,
    kind: { type: "string", enum: ["network-access", "mobility"] },
    fromProviderId: { ...str, description: "the serving ASP (network-access) or the MSP (mobility)" },
    fromProviderName: str,
    toProviderId: { ...str, description: "the ASA (network-access) or the MSA (mobility)" },
    toProviderName: str,
    status: { type: "string", enum: ["draft", "active", "suspended", "terminated"] },
    validFrom: time,
    validUntil: nullableTime,
    allowLocalHomeAgent: { type: "boolean" },
    state: { type: "string", description: "computed at request time: in force, draft, suspended, terminated, not yet valid or expired" },
    inForce: { type: "boolean", description: "active and inside its window right now" },
    createdAt: time,
    updatedAt: time,
  }),
  Explanation: {
    type: "object",
    description: "the bootstrap decision for a subscriber at a serving realm; nothing is recorded",
    properties: {
      at: time,
      subscriber: { type: "object" },
      servingRealm: str,
      servingProvider: { type: ["object", "null"] },
      servingRegion: nullableStr,
      msa: { type: ["object", "null"] },
      agreements: { type: "array", items: { type: "object" }, description: "the agreements for the subscriber's MSA, each with state, inForce and used" },
      outcome: { type: "string", description: "success, or the error code the bootstrap endpoint would answer" },
      decision: { type: "object", description: "{ kind: split|integrated-asp|third-party-msp, mspProvider, localMspProvider, agreementIds, because } or { kind: refused, error, because }" },
      homeAddressMode: obj({ requested: str, effective: str, note: nullableStr }),
      homeAgent: { type: ["object", "null"], description: "{ ok: true, rule, homeAgent, because } or { ok: false, error, because }; null when refused before HA selection" },
      because: { type: "array", items: str },
    },
    required: ["at", "subscriber", "servingRealm", "outcome", "decision", "because"],
  },
  ApiToken: obj({
    id: str,
    userId: str,
    name: str,
    prefix: { type: "string", description: "first characters of the token, to recognise it" },
    expiresAt: nullableTime,
    revokedAt: nullableTime,
    lastUsedAt: { ...nullableTime, description: "updated at most once a minute" },
    createdAt: time,
  }),
  ApiTokenCreate: {
    type: "object",
    properties: {
      name: { type: "string", minLength: 1, maxLength: 100 },
      expiresAt: { ...nullableTime, description: "optional; a future time" },
      userId: { type: "string", description: "admins only: create the token for this user (default: the caller)" },
    },
    required: ["name"],
  },
  Secret: obj({ secret: { type: "string", description: "base64url root secret (spec/bootstrap-v1.md), shown this once" } }),
};
dtos.SubscriberCreated = { allOf: [ref("Subscriber"), ref("Secret")] };
for (const name of ["Provider", "HomeAgent", "Prefix", "Subscriber", "Session", "Agreement", "ApiToken"]) {
  dtos[`${name}List`] = obj({ items: { type: "array", items: ref(name) }, nextCursor: { ...nullableStr, description: "pass as ?cursor= for the next page; null on the last page" } });
}

const inputs: Record<string, z.ZodType> = {
  ProviderCreate: ProviderCreateSchema,
  ProviderUpdate: ProviderUpdateSchema,
  HomeAgentCreate: HomeAgentCreateSchema,
  HomeAgentUpdate: HomeAgentUpdateSchema,
  PrefixCreate: PrefixCreateSchema,
  PrefixUpdate: PrefixUpdateSchema,
  SubscriberCreate: SubscriberCreateSchema,
  SubscriberUpdate: SubscriberUpdateSchema,
  AgreementCreate: AgreementCreateSchema,
  AgreementUpdate: AgreementUpdateSchema,
};

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });
const errors = {
  "401": errorResponse("missing or invalid bearer token"),
  "403": errorResponse("the role does not allow this (auditors are read-only)"),
};
const readErrors = { "401": errors["401"], "404": errorResponse("absent, or not visible to this caller") };
const writeErrors = {
  ...errors,
  "400": errorResponse("malformed JSON"),
  "404": errorResponse("absent, or not visible to this caller"),
  "409": errorResponse("conflict: duplicate, overlapping or still referenced"),
  "422": errorResponse("validation failed; `fields` names each bad field"),
};
const ok = (schema: string, description = "OK", status = "200") => ({
  [status]: { description, content: { "application/json": { schema: ref(schema) } } },
});
const body = (schema: string) => ({ required: true, content: { "application/json": { schema: ref(schema) } } });
const idParam = { name: "id", in: "path", required: true, schema: str };
const q = (name: string, description: string, schema: Json = str) => ({ name, in: "query", required: false, description, schema });
const listParams = [
  q("limit", `page size, default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT} (above: 422)`, { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
  q("cursor", "opaque cursor from the previous page's nextCursor"),
];

function collection(tag: string, item: string, create: string, search: string, filters: Json[]) {
  return {
    get: {
      tags: [tag], summary: `List ${tag}`, operationId: `list${item}s`,
      parameters: [...listParams, q("q", search), ...filters],
      responses: { ...ok(`${item}List`), ...readErrors, "422": errorResponse("bad query parameter") },
    },
    post: {
      tags: [tag], summary: `Create a ${item}`, operationId: `create${item}`,
      requestBody: body(create),
      responses: { ...ok(item, "created", "201"), ...writeErrors },
    },
  };
}

function member(tag: string, item: string, update: string) {
  return {
    parameters: [idParam],
    get: { tags: [tag], summary: `Get a ${item}`, operationId: `get${item}`, responses: { ...ok(item), ...readErrors } },
    patch: { tags: [tag], summary: `Update a ${item} (only the fields given)`, operationId: `update${item}`, requestBody: body(update), responses: { ...ok(item), ...writeErrors } },
    delete: { tags: [tag], summary: `Delete a ${item} (409 while referenced)`, operationId: `delete${item}`, responses: { "204": { description: "deleted" }, ...writeErrors } },
  };
}

let cached: Json | null = null;

export function openApiDocument(): Json {
  if (cached) return cached;
  const schemas: Record<string, Json> = { ...dtos };
  for (const [name, schema] of Object.entries(inputs)) schemas[name] = inputSchema(schema);
  Object.assign(schemas, rebootstrapSchemas, ipamSchemas, securitySchemas, portalSchemas);

  const subscriberCollection = collection("subscribers", "Subscriber", "SubscriberCreate", "start of the NAI (user part case-sensitive)", [
    q("msaProviderId", "only this MSA's subscribers"),
    q("homeAgentId", "only subscribers bound to this HA"),
    q("status", "active or suspended", { type: "string", enum: ["active", "suspended"] }),
    q("rebootstrapRequired", "only flagged (true) or unflagged (false)", { type: "boolean" }),
  ]);
  subscriberCollection.post.responses = { ...ok("SubscriberCreated", "created; `secret` is shown this once", "201"), ...writeErrors };

  cached = {
    openapi: "3.1.0",
    info: {
      title: "MIP6 Console operator API",
      version: "1.0.0",
      description:
        "Provision the RFC 4640 bootstrapping domain: providers, home agents, home link prefixes, subscribers, and read bootstrap sessions. " +
        "Lists return { items, nextCursor } in a stable order. Errors are { error, message, fields? }. Out-of-scope objects are 404. " +
        "Get a token with `npm run cli -- token create --email <user> --name <label>`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    tags: ["providers", "agreements", "home-agents", "prefixes", "subscribers", "sessions", "explain", "tokens", "settings", "leases", "renumberings", "jobs", "users", "audit"].map((name) => ({ name })),
    paths: {
      "/api/v1/providers": collection("providers", "Provider", "ProviderCreate", "start of the name or of a realm", [
        q("role", "only providers holding this role", { type: "string", enum: ["ASP", "ASA", "MSP", "MSA"] }),
      ]),
      "/api/v1/providers/{id}": member("providers", "Provider", "ProviderUpdate"),
      "/api/v1/home-agents": collection("home-agents", "HomeAgent", "HomeAgentCreate", "start of the name, FQDN or address", [
        q("providerId", "only this MSP's HAs"),
        q("state", "HA state", { type: "string", enum: ["in-service", "draining", "out-of-service"] }),
        q("region", "exact region"),
      ]),
      "/api/v1/home-agents/{id}": member("home-agents", "HomeAgent", "HomeAgentUpdate"),
      "/api/v1/prefixes": collection("prefixes", "Prefix", "PrefixCreate", "an address (finds the prefix containing it) or the start of the prefix text", [
        q("homeAgentId", "only this HA's prefixes"),
        q("state", "prefix state", { type: "string", enum: ["active", "draining", "retired"] }),
      ]),
      "/api/v1/prefixes/{id}": member("prefixes", "Prefix", "PrefixUpdate"),
      "/api/v1/subscribers": subscriberCollection,
      "/api/v1/subscribers/{id}": member("subscribers", "Subscriber", "SubscriberUpdate"),
      "/api/v1/subscribers/{id}/rotate-secret": {
        parameters: [idParam],
        post: { tags: ["subscribers"], summary: "Replace the root secret; the old one stops working", operationId: "rotateSecret", responses: { ...ok("Secret", "the new secret, shown this once"), ...writeErrors } },
      },
      "/api/v1/subscribers/{id}/rebootstrap": {
        parameters: [idParam],
        post: { tags: ["subscribers"], summary: "Flag the MN for re-bootstrap (reason admin)", operationId: "requestRebootstrap", responses: { ...ok("Subscriber"), ...writeErrors } },
        delete: { tags: ["subscribers"], summary: "Withdraw the MN's re-bootstrap flag, whatever its reason", operationId: "clearRebootstrap", responses: { ...ok("Subscriber"), ...writeErrors } },
      },
      ...rebootstrapPaths,
      ...portalPaths,
      ...securityPaths,
      ...ipamPaths,
      ...importPaths,
      "/api/v1/sessions": {
        get: {
          tags: ["sessions"], summary: "List bootstrap sessions, newest first", operationId: "listSessions",
          parameters: [
            ...listParams,
            q("q", "start of the NAI as sent"),
            q("subscriberId", "only this subscriber's sessions"),
            q("homeAgentId", "only sessions served by this HA"),
            q("outcome", "success or an error code, e.g. bad_mac"),
            q("scenario", "e.g. split"),
            q("from", "createdAt ≥ this time (RFC 3339)", time),
            q("to", "createdAt < this time (RFC 3339)", time),
          ],
          responses: { ...ok("SessionList"), ...readErrors, "422": errorResponse("bad query parameter") },
        },
      },
      "/api/v1/sessions/{id}": {
        parameters: [idParam],
        get: { tags: ["sessions"], summary: "Get a bootstrap session", operationId: "getSession", responses: { ...ok("Session"), ...readErrors } },
      },
      "/api/v1/agreements": collection("agreements", "Agreement", "AgreementCreate", "start of either provider's name", [
        q("kind", "network-access or mobility", { type: "string", enum: ["network-access", "mobility"] }),
        q("status", "lifecycle status", { type: "string", enum: ["draft", "active", "suspended", "terminated"] }),
        q("providerId", "agreements with this provider on either side"),
        q("inForce", "only agreements in force now (true) or not (false)", { type: "boolean" }),
      ]),
      "/api/v1/agreements/{id}": (() => {
        const m = member("agreements", "Agreement", "AgreementUpdate");
        m.patch.summary = "Update an agreement or move its status (draft → active ⇄ suspended, any → terminated; 409 otherwise, terminated is final)";
        m.delete.summary = "Delete a draft or terminated agreement (409 otherwise)";
        return m;
      })(),
      "/api/v1/explain": {
        get: {
          tags: ["explain"], summary: "Explain the bootstrap decision for a subscriber at a serving realm, without recording a session", operationId: "explain",
          parameters: [
            q("subscriberId", "the subscriber (404 when not visible); required unless nai is given"),
            q("nai", "instead of subscriberId: the subscriber's mobility NAI"),
            q("servingRealm", "the realm the MN is attached at; empty when unknown"),
            q("homeAddressMode", "the mode the MN would request (default: the subscriber's policy)", { type: "string", enum: ["static", "dynamic", "privacy"] }),
            q("now", "evaluate agreements at this time instead of now (RFC 3339)", time),
          ],
          responses: { ...ok("Explanation"), ...readErrors, "422": errorResponse("bad query parameter") },
        },
      },
      "/api/v1/tokens": {
        get: {
          tags: ["tokens"], summary: "List the caller's API tokens (admins: ?userId=)", operationId: "listTokens",
          parameters: [q("userId", "admins only: another user's tokens")],
          responses: { ...ok("ApiTokenList"), ...readErrors },
        },
        post: {
          tags: ["tokens"], summary: "Create an API token; `token` is in this answer only", operationId: "createToken",
          requestBody: body("ApiTokenCreate"),
          responses: {
            "201": { description: "created", content: { "application/json": { schema: { allOf: [ref("ApiToken"), obj({ token: { type: "string", description: "mip6_…, shown this once" } })] } } } },
            ...writeErrors,
          },
        },
      },
      "/api/v1/tokens/{id}": {
        parameters: [idParam],
        get: { tags: ["tokens"], summary: "Get one of the caller's tokens", operationId: "getToken", responses: { ...ok("ApiToken"), ...readErrors } },
        delete: { tags: ["tokens"], summary: "Revoke a token (it stops working at once)", operationId: "revokeToken", responses: { "204": { description: "revoked" }, ...writeErrors } },
      },
      "/api/v1/openapi.json": {
        get: { tags: [], summary: "This document", operationId: "openapi", security: [], responses: { "200": { description: "OpenAPI 3.1 document", content: { "application/json": {} } } } },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "API token mip6_…" } },
      schemas,
    },
  };
  return cached;
}
