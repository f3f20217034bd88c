// One CSV cell for every export (audit trail, dormant MNs, generated secrets): RFC 4180 quoting when the
// value holds a comma, quote or line break, and spreadsheet formulas defused — a cell that starts with
// = + - @ or a tab / carriage return is prefixed with ' (OWASP's CSV-injection advice), because exported
// text comes from operators, imports and devices. Values that must round-trip exactly (secrets,
// addresses, ids) never start with those characters... except base64url secrets, which may start with
// "-": callers write those raw, not through here.
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
