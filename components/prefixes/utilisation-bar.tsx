import type { UtilisationLevel } from "@/lib/domain/aggregate";

const FILL: Record<UtilisationLevel, string> = { ok: "bg-green-600", warning: "bg-amber-500", critical: "bg-red-600" };
const LABEL: Record<UtilisationLevel, string> = { ok: "", warning: " (warning: 80 % or more)", critical: " (critical: 90 % or more)" };

function percentText(bp: number): string {
  if (bp === 0) return "0 %";
  if (bp < 1) return "< 0.01 %";
  return `${(bp / 100).toFixed(2)} %`;
}

/** A utilisation bar; the level (80 % warning, 90 % critical) is computed by lib/domain/aggregate.ts. */
export function UtilisationBar({ basisPoints, level, label }: { basisPoints: number; level: UtilisationLevel; label: string }) {
  const width = basisPoints === 0 ? 0 : Math.max(1, basisPoints / 100);
  return (
    <div className="min-w-32" data-testid="utilisation" data-level={level}>
      <div
        role="meter"
        aria-label={`${label} utilisation`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={basisPoints / 100}
        aria-valuetext={`${percentText(basisPoints)}${LABEL[level]}`}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div className={`h-full ${FILL[level]}`} style={{ width: `${width}%` }} />
      </div>
      <span className={`text-xs ${level === "critical" ? "font-semibold text-red-700" : level === "warning" ? "text-amber-800" : "text-slate-600"}`}>
        {percentText(basisPoints)}
        {level !== "ok" ? ` · ${level}` : ""}
      </span>
    </div>
  );
}
