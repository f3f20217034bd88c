/** A staleness age for people: "2 d 6 h", or "off" for 0. */
export function describeMaxAge(seconds: number): string {
  if (seconds === 0) return "off";
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return [d ? `${d} d` : "", h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ") || `${seconds} s`;
}
