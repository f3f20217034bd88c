import { z } from "zod";
import { NewPasswordSchema } from "@/lib/auth/password";
import { idField, textField } from "./fields";

export const USER_ROLES = ["admin", "operator", "auditor"] as const;

export const emailField = z
  .string({ error: "email is required" })
  .trim()
  .toLowerCase()
  .min(3, "email is required")
  .max(254, "email is at most 254 characters")
  // Local accounts like admin@localhost are legitimate here, so no TLD is required.
  .refine((v) => /^[^\s@]+@[^\s@]+$/.test(v), "email must look like name@host");

/** The one password policy (length, well-known passwords) lives in lib/auth/password.ts. */
export const passwordField = NewPasswordSchema;

export const UserCreateSchema = z
  .object({
    email: emailField,
    name: textField("name", 100).optional(),
    role: z.enum(USER_ROLES, { error: "role must be admin, operator or auditor" }),
    providerIds: z.array(idField("a provider")).max(1000).default([]),
    password: passwordField,
  })
  .superRefine((u, ctx) => {
    if (u.role === "operator" && u.providerIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["providerIds"], message: "an operator needs at least one provider in scope" });
    }
  });
export type UserCreateInput = z.input<typeof UserCreateSchema>;
export type UserCreate = z.output<typeof UserCreateSchema>;

export const ApiTokenCreateSchema = z.object({
  userId: idField("the user"),
  name: textField("name", 100),
  expiresAt: z.preprocess(
    (v) => (v === "" || v === undefined ? null : typeof v === "string" ? new Date(v) : v),
    z.date({ error: "the expiry must be an RFC 3339 date-time" }).nullable(),
  ).refine((d) => d === null || (!Number.isNaN(d.getTime()) && d.getTime() > Date.now()), "the expiry must be a future date-time"),
});
export type ApiTokenCreateInput = z.input<typeof ApiTokenCreateSchema>;

/** PATCH /api/v1/users/{id}: every field optional; the operator-needs-a-provider rule is checked in the service
 * against the merged result (a PATCH of `role` alone must see the stored scope). */
export const UserUpdateSchema = z
  .object({
    name: textField("name", 100).nullable().optional(),
    role: z.enum(USER_ROLES, { error: "role must be admin, operator or auditor" }).optional(),
    providerIds: z.array(idField("a provider")).max(1000).optional(),
    disabled: z.boolean({ error: "disabled must be true or false" }).optional(),
    /** only `false`: an admin removes a lost second factor; enrolling is the user's own act (/account/security) */
    totpEnabled: z.literal(false, { error: "two-factor sign-in can only be turned off here (the user enrols it)" }).optional(),
  })
  .strict();
export type UserUpdateInput = z.input<typeof UserUpdateSchema>;

/** POST /api/v1/users and the console form: the initial password is optional (generated when absent). */
export const UserInviteSchema = z
  .object({
    email: emailField,
    name: textField("name", 100).optional(),
    role: z.enum(USER_ROLES, { error: "role must be admin, operator or auditor" }),
    providerIds: z.array(idField("a provider")).max(1000).default([]),
    password: passwordField.optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === "operator" && u.providerIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["providerIds"], message: "an operator needs at least one provider in scope" });
    }
  });
