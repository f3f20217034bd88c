// The error codes of spec/bootstrap-v1.md "Errors", in the order the server checks them.
export const BOOTSTRAP_ERRORS = {
  rate_limited: 429,
  malformed_request: 400,
  invalid_request: 422,
  stale_timestamp: 401,
  authentication_failed: 401,
  replay_detected: 409,
  subscriber_suspended: 403,
  no_roaming_agreement: 403,
  infrastructureless_not_supported: 403,
  no_home_agent_available: 503,
  home_prefix_exhausted: 503,
  internal_error: 500,
} as const;

export type BootstrapErrorCode = keyof typeof BOOTSTRAP_ERRORS;

export type BootstrapErrorResult = {
  status: number;
  body: { error: BootstrapErrorCode; message: string; fields?: Record<string, string> };
  headers?: Record<string, string>;
};

export type HandlerResult = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/**
 * One fixed message for every authentication failure: an unknown NAI and a wrong MAC must give
 * byte-identical bodies (spec "Errors"), so nothing request-specific may go into it.
 */
export const AUTHENTICATION_FAILED_MESSAGE = "authentication failed: unknown NAI or wrong MAC";

export function errorResult(
  code: BootstrapErrorCode,
  message: string,
  fields?: Record<string, string>,
  headers?: Record<string, string>,
): BootstrapErrorResult {
  const body: BootstrapErrorResult["body"] = { error: code, message };
  if (fields) body.fields = fields;
  return headers ? { status: BOOTSTRAP_ERRORS[code], body, headers } : { status: BOOTSTRAP_ERRORS[code], body };
}
