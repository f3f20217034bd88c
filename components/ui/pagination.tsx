import Link from "next/link";

/** Cursor pagination: "First" drops the cursor, "Next" carries the server's nextCursor; other params stay. */
export function Pagination({ basePath, params, nextCursor, hasCursor }: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  hasCursor: boolean;
}) {
  const href = (cursor?: string) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "cursor") sp.set(k, v);
    if (cursor) sp.set("cursor", cursor);
    const s = sp.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-end gap-2">
      {hasCursor ? (
        <Link href={href()} className={linkClass}>
          First page
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={href(nextCursor)} className={linkClass} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
