// Display formatting shared by server-rendered pages. Times are shown in UTC so every operator, the
// API and the logs agree on what "12:00" means.

/** The one placeholder for an empty field on every detail page and table. */
export const EMPTY = "—";

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return EMPTY;
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === "" ? undefined : s.trim();
}

/** A <input type="datetime-local"> value has no zone: the form says UTC, so read it as UTC. */
export function utcFromLocalInput(v: string | undefined): string | undefined {
  if (!v) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : v;
}

export function toLocalInput(v: string | undefined): string {
  if (!v) return "";
  const d = new Date(utcFromLocalInput(v) ?? "");
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 16);
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
