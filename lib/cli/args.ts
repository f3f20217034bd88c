// Command-line values may start with "-": a base64url secret does one time in 64, and an NAI's user part
// may too ("-" is RFC 7542 atext). node:util parseArgs would take "--secret -abc" for an unknown option, so
// options that take a value are joined to it ("--secret=-abc") before parsing.
export function joinOptionValues(args: readonly string[], valueOptions: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : null;
    if (name !== null && valueOptions.includes(name) && i + 1 < args.length) {
      out.push(`${a}=${args[i + 1]}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}
