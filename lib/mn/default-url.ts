/** Where the MN tools look for the console: MN_URL, else this machine on $PORT (as `npm start` serves it). */
export function defaultConsoleUrl(): string {
  return process.env.MN_URL?.trim() || `http://localhost:${process.env.PORT?.trim() || "3000"}`;
}
