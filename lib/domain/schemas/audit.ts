// Query strings of the user and audit lists. Every filter is a bounded string or an allow-listed enum;
// nothing from here is ever spliced into SQL (Prisma parameterises every value).
import { z } from "zod";
import { ListQuerySchema } from "./list";
import { USER_ROLES } from "./user";
import { AUDIT_ACTOR_TYPES } from "@/lib/auth/actor";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const optText = (what: string, max: number) =>
  z.preprocess(blank, z.string({ error: `${what} must be text` }).trim().max(max, `${what} is at most ${max} characters`).optional());
const optDate = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? new Date(v) : blank(v)),
    z.date({ error: `${what} must be an RFC 3339 date-time` }).refine((d) => !Number.isNaN(d.getTime()), `${what} must be an RFC 3339 date-time`).optional(),
  );

export const UserListQuerySchema = ListQuerySchema.extend({
  role: z.preprocess(blank, z.enum(USER_ROLES, { error: `role must be one of ${USER_ROLES.join(", ")}` }).optional()),
  disabled: z.preprocess(
    (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : blank(v)),
    z.boolean({ error: "disabled must be true or false" }).optional(),
  ),
});
export type UserListQuery = { [K in keyof z.output<typeof UserListQuerySchema>]?: string | number | boolean | null };

export const AUDIT_FORMATS = ["json", "csv"] as const;

export const AuditListQuerySchema = ListQuerySchema.extend({
  /** the acting user's email or system label; matches the start (case as stored) */
  actor: optText("actor", 254),
  actorType: z.preprocess(blank, z.enum(AUDIT_ACTOR_TYPES, { error: `the actor type must be one of ${AUDIT_ACTOR_TYPES.join(", ")}` }).optional()),
  /** the acting user's id, or the subscriber's id on subscriber entries */
  actorId: optText("the actor id", 64),
  action: optText("action", 100),
  objectType: optText("the object type", 64),
  objectId: optText("the object id", 64),
  requestId: optText("the request id", 64),
  from: optDate("from"),
  to: optDate("to"),
  format: z.preprocess(blank, z.enum(AUDIT_FORMATS, { error: "format must be json or csv" }).optional()),
});
export type AuditListQuery = { [K in keyof z.output<typeof AuditListQuerySchema>]?: string | number | Date | null };
