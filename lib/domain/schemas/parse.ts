import { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

/** zod issues → one message per field (the first), keyed by the top-level field name. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    out[key] ??= issue.message;
  }
  return out;
}

/** Parse input with one of the shared schemas; invalid input becomes a 422 with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ValidationError({ _: "expected a JSON object" }, "the body must be a JSON object");
  }
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(fieldErrorsOf(r.error));
  return r.data;
}
