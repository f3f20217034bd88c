// OpenAPI paths of the subscriber CSV import (lib/services/subscriber-import.ts), merged into
// lib/api/openapi.ts. The job schema is the one GET /api/v1/jobs/{id} answers (openapi-renumbering.ts).
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/domain/subscriber-csv";

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const err = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

export const importPaths: Record<string, Json> = {
  "/api/v1/subscribers/import": {
    post: {
      tags: ["subscribers"],
      summary: "Import subscribers from CSV as a background job",
      description:
        `The first line names the columns, any of: ${IMPORT_COLUMNS.join(", ")} (nai is required). Each row is validated like ` +
        "POST /api/v1/subscribers; a bad row is listed in the job's errors with its line (the header is line 1) and does not stop the others. " +
        "`secret` (base64url, 16–64 bytes) imports an existing root secret; rows without one get a generated secret, downloadable once from " +
        `GET /api/v1/jobs/{id}/secrets. At most ${MAX_IMPORT_BYTES} bytes and ${MAX_IMPORT_ROWS} rows.`,
      operationId: "importSubscribers",
      requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } },
      responses: {
        "202": { description: "the queued job; poll GET /api/v1/jobs/{id}", content: { "application/json": { schema: ref("Job") } } },
        "401": err("missing or invalid bearer token"),
        "403": err("the role does not allow this"),
        "413": err("the file is larger than the limit"),
        "415": err("the body is not text/csv"),
        "422": err("unknown or repeated column, no nai column, unreadable CSV or too many rows; `fields` names it"),
      },
    },
  },
  "/api/v1/jobs/{id}/secrets": {
    parameters: [idParam],
    get: {
      tags: ["jobs"],
      summary: "The import's generated secrets as CSV nai,secret — exactly once (the job's owner or an admin)",
      operationId: "takeImportSecrets",
      responses: {
        "200": { description: "nai,secret lines; the stored copies are deleted", content: { "text/csv": { schema: { type: "string" } } } },
        "401": err("missing or invalid bearer token"),
        "403": err("auditors never see secrets"),
        "404": err("no such import job visible to this caller"),
        "409": err("the import is still running"),
        "410": err("already downloaded"),
      },
    },
  },
};
