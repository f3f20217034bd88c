// OpenAPI path and schema of the operator's portal invite, merged into lib/api/openapi.ts.
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (schema: Json) => ({ "application/json": { schema } });
const err = (description: string) => ({ description, content: content(ref("Error")) });

export const portalSchemas: Record<string, Json> = {
  PortalInvite: {
    type: "object",
    properties: {
      token: { type: "string", description: "one-time invite token, shown this once (stored hashed)" },
      path: { type: "string", description: "the invite page for the subscriber: /portal/invite/{token} on this console" },
      expiresAt: { type: "string", format: "date-time", description: "the invite works once, until then (7 days)" },
    },
    required: ["token", "path", "expiresAt"],
  },
};

export const portalPaths: Record<string, Json> = {
  "/api/v1/subscribers/{id}/portal-invite": {
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
    post: {
      tags: ["subscribers"],
      summary: "Create a one-time link with which the subscriber sets its self-service portal password; replaces its unused older invites",
      operationId: "createPortalInvite",
      responses: {
        "201": { description: "created; `token` is shown this once", content: content(ref("PortalInvite")) },
        "401": err("missing or invalid bearer token"),
        "403": err("the role does not allow this"),
        "404": err("absent, or not visible to this caller"),
      },
    },
  },
};
