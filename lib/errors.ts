// Typed errors that services throw and route handlers / actions map to responses.
// Unknown errors never reach a client as text: they become a generic 500 / "Something went wrong".

export type FieldErrors = Record<string, string>;

// Recognised by a brand, not by instanceof: Next.js bundles a module once per layer (instrumentation, server
// components and actions, route handlers), so an error can come from another copy of this class — the Prisma
// client is created by whichever layer asks first and shared through globalThis, and its NUL guard throws a
// ValidationError of that layer's copy. Symbol.for gives every copy the same key.
const APP_ERROR = Symbol.for("mip6.AppError");

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
    Object.defineProperty(this, APP_ERROR, { value: true });
  }
}

/** 404: absent, or not visible to this caller (never reveal which). */
export class NotFoundError extends AppError {
  constructor(what = "resource") {
    super(404, "not_found", `${what} not found`);
  }
}

/** 403: the role forbids the action (scope problems are 404, not 403). */
export class ForbiddenError extends AppError {
  constructor(message = "your role does not allow this action") {
    super(403, "forbidden", message);
  }
}

/** 409: duplicate, in use, or a state transition that is not allowed. */
export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldErrors, code = "conflict") {
    super(409, code, message, fields);
  }
}

/** 422: validation failed; `fields` maps each bad field to a message for people. */
export class ValidationError extends AppError {
  constructor(fields: FieldErrors, message = "validation failed") {
    super(422, "validation_failed", message, fields);
  }
}

export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && (e as { [APP_ERROR]?: unknown })[APP_ERROR] === true;
}

/** A 404 of any copy of this module (see AppError). */
export function isNotFound(e: unknown): boolean {
  return isAppError(e) && e.status === 404;
}

/** Prisma's unique-constraint violation (P2002), whichever driver adapter raised it. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

/** Prisma's foreign-key violation (P2003). */
export function isForeignKeyViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2003";
}
