import { utilisationBasisPoints, utilisationLevel, type UtilisationLevel } from "@/lib/domain/aggregate";
import { formatShare } from "@/lib/domain/quantity-format";

const FILL: Record<UtilisationLevel, string> = { ok: "bg-green-600", warning: "bg-amber-500", critical: "bg-red-600" };
const LABEL: Record<UtilisationLevel, string> = { ok: "", warning: " (warning: 80 % or more)", critical: " (critical: 90 % or more)" };

/**
 * A utilisation bar from the exact counts (decimal strings or bigints: a /64 holds ~2^64 addresses). The
 * text comes from formatShare, so a tiny non-zero share reads "< 0.01 %"; the level (80 % warning,
 * 90 % critical) from lib/domain/aggregate.ts.
 */
export function UtilisationBar({ used, total, label }: { used: bigint | string | number; total: bigint | string | number; label: string }) {
  const u = BigInt(used);
  const t = BigInt(total);
  const basisPoints = utilisationBasisPoints(u, t);
  const level = utilisationLevel(u, t);
  const text = formatShare(u, t);
  const width = basisPoints === 0 ? 0 : Math.max(1, basisPoints / 100);
  return (
    <div className="min-w-32" data-testid="utilisation" data-level={level}>
      <div
        role="meter"
        aria-label={`${label} utilisation`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={basisPoints / 100}
        aria-valuetext={`${text}${LABEL[level]}`}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div className={`h-full ${FILL[level]}`} style={{ width: `${width}%` }} />
      </div>
      <span className={`whitespace-nowrap text-xs ${level === "critical" ? "font-semibold text-red-700" : level === "warning" ? "text-amber-800" : "text-slate-600"}`}>
        {text}
        {level !== "ok" ? ` · ${level}` : ""}
      </span>
    </div>
  );
}
