// OpenAPI paths and schemas of user administration and the audit trail, merged into lib/api/openapi.ts.
import { z } from "zod";
import { UserInviteSchema, UserUpdateSchema } from "@/lib/domain/schemas/user";
import { DEFAULT_LIMIT, MAX_LIMIT } from "@/lib/domain/schemas/list";

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (schema: Json) => ({ "application/json": { schema } });
const okRef = (name: string, description = "OK", status = "200") => ({ [status]: { description, content: content(ref(name)) } });
const err = (description: string) => ({ description, content: content(ref("Error")) });
const readErrors = { "401": err("missing or invalid bearer token"), "403": err("the role does not allow this"), "404": err("absent") };
const writeErrors = {
  "400": err("malformed JSON"),
  "401": err("missing or invalid bearer token"),
  "403": err("the role does not allow this (admin only)"),
  "404": err("absent"),
  "409": err("conflict, e.g. duplicate email or the last enabled admin"),
  "422": err("validation failed; `fields` names each bad field"),
};
const q = (name: string, description: string, schema: Json = { type: "string" }) => ({ name, in: "query", required: false, description, schema });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const listParams = [
  q("limit", `page size (default ${DEFAULT_LIMIT}, max ${MAX_LIMIT})`, { type: "integer", minimum: 1, maximum: MAX_LIMIT }),
  q("cursor", "nextCursor of the previous page"),
];
const input = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;
  void _drop;
  return rest;
};
const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const time = { type: "string", format: "date-time" };
const obj = (properties: Json, required = Object.keys(properties)): Json => ({ type: "object", properties, required });

export const securitySchemas: Record<string, Json> = {
  UserCreate: input(UserInviteSchema),
  UserUpdate: input(UserUpdateSchema),
  User: obj({
    id: str, email: str, name: nullableStr, role: { type: "string", enum: ["admin", "operator", "auditor"] },
    providerIds: { type: "array", items: str, description: "an operator's provider scope" },
    disabled: { type: "boolean" }, mustChangePassword: { type: "boolean" }, totpEnabled: { type: "boolean" },
    lockedUntil: { type: ["string", "null"], format: "date-time" }, createdAt: time, updatedAt: time,
  }),
  UserCreated: { allOf: [ref("User"), { type: "object", properties: { password: { type: "string", description: "only when generated: the initial password, shown this once" } } }] },
  UserList: obj({ items: { type: "array", items: ref("User") }, nextCursor: nullableStr }),
  PasswordReset: obj({ password: { type: "string", description: "new initial password, shown this once" }, mustChangePassword: { type: "boolean", const: true } }),
  AuditEntry: obj({
    id: str, seq: { type: "integer" }, at: time, actorType: { type: "string", enum: ["user", "subscriber", "system"], description: "subscriber: a subscriber acting on itself through the portal (entries written before this type existed say system)" }, actorId: { type: ["string", "null"], description: "the user's id, or the subscriber's id when actorType is subscriber" }, actor: str,
    action: str, objectType: str, objectId: nullableStr, changes: { description: "{ before, after } with secrets redacted, or null" },
    requestId: nullableStr, hash: str,
  }),
  AuditList: obj({ items: { type: "array", items: ref("AuditEntry") }, nextCursor: nullableStr }),
  AuditVerify: obj({ ok: { type: "boolean" }, checked: { type: "integer" }, firstBadSeq: { type: ["integer", "null"] }, problem: nullableStr }),
};

const auditFilters = [
  q("actor", "start of the actor label (email, subscriber:<nai> or system:…)"),
  q("actorType", "who acted", { type: "string", enum: ["user", "subscriber", "system"] }),
  q("actorId", "the acting user's id, or the subscriber's id"),
  q("action", "start of the action, e.g. subscriber. or user.create"),
  q("objectType", "e.g. subscriber"),
  q("objectId", "the object's id"),
  q("requestId", "entries of one request (bulk changes share it)"),
  q("from", "at ≥ this time (RFC 3339)", time),
  q("to", "at < this time (RFC 3339)", time),
];
const csv = { "200": { description: "CSV (oldest first), secrets redacted", content: { "text/csv": { schema: { type: "string" } } } } };

export const securityPaths: Record<string, Json> = {
  "/api/v1/users": {
    get: {
      tags: ["users"], summary: "List user accounts, newest first (admin, auditor)", operationId: "listUsers",
      parameters: [...listParams, q("q", "start of the email or name"), q("role", "role", { type: "string", enum: ["admin", "operator", "auditor"] }), q("disabled", "true or false", { type: "boolean" })],
      responses: { ...okRef("UserList"), ...readErrors, "422": err("bad query parameter") },
    },
    post: {
      tags: ["users"], summary: "Create a user (admin); the initial password must be changed at first sign-in", operationId: "createUser",
      requestBody: { required: true, content: content(ref("UserCreate")) },
      responses: { ...okRef("UserCreated", "created", "201"), ...writeErrors },
    },
  },
  "/api/v1/users/{id}": {
    parameters: [idParam],
    get: { tags: ["users"], summary: "Get a user (admin, auditor)", operationId: "getUser", responses: { ...okRef("User"), ...readErrors } },
    patch: {
      tags: ["users"], summary: "Change role, provider scope, name or disabled (admin)", operationId: "updateUser",
      requestBody: { required: true, content: content(ref("UserUpdate")) }, responses: { ...okRef("User"), ...writeErrors },
    },
  },
  "/api/v1/users/{id}/reset-password": {
    parameters: [idParam],
    post: { tags: ["users"], summary: "Generate a new initial password (admin); shown once. Revokes the user's API tokens", operationId: "resetUserPassword", responses: { ...okRef("PasswordReset"), ...writeErrors } },
  },
  "/api/v1/audit": {
    get: {
      tags: ["audit"], summary: "The audit trail, newest first (operators: their own entries); ?format=csv exports", operationId: "listAudit",
      parameters: [...listParams, ...auditFilters, q("format", "json (default) or csv", { type: "string", enum: ["json", "csv"] })],
      responses: { ...okRef("AuditList"), ...readErrors, "422": err("bad query parameter") },
    },
  },
  "/api/v1/audit/export.csv": {
    get: { tags: ["audit"], summary: "The filtered audit trail as CSV", operationId: "exportAudit", parameters: auditFilters, responses: { ...csv, ...readErrors, "422": err("bad query parameter") } },
  },
  "/api/v1/audit/verify": {
    get: { tags: ["audit"], summary: "Verify the audit hash chain (admin, auditor)", operationId: "verifyAudit", responses: { ...okRef("AuditVerify"), ...readErrors } },
  },
};
