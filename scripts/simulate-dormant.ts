// `npm run simulate -- --dormant <share>`: which demo MNs stay asleep in a run. The share is a percentage
// ("20%"), a fraction ("0.2") or a number of MNs ("12"); the MNs are picked by NAI with a seeded shuffle,
// so the same --seed leaves the same MNs dormant in every run (against the same credentials file).
import { demoRandom } from "@/lib/services/demo-seed-data";

export type DormantShare = { kind: "percent" | "fraction" | "count"; value: number };

/** Parse the option; a string is the usage problem to report. */
export function parseDormant(text: string): DormantShare | string {
  const t = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (percent) {
    const v = Number(percent[1]);
    return v <= 100 ? { kind: "percent", value: v } : "--dormant must be at most 100%";
  }
  if (/^\d+$/.test(t)) return { kind: "count", value: Number(t) };
  if (/^(?:0?\.\d+|[01]\.0*|0)$/.test(t)) {
    const v = Number(t);
    return v <= 1 ? { kind: "fraction", value: v } : "--dormant as a fraction must be from 0 to 1";
  }
  return `--dormant must be a percentage (20%), a fraction (0.2) or a number of MNs (12); got "${text}"`;
}

/** How many of `total` MNs the share means (percentages and fractions round to the nearest MN). */
export function dormantCount(share: DormantShare, total: number): number | string {
  if (share.kind === "count") {
    return share.value <= total ? share.value : `--dormant ${share.value} is more than the ${total} MNs in the credentials file`;
  }
  const fraction = share.kind === "percent" ? share.value / 100 : share.value;
  return Math.round(fraction * total);
}

/** The dormant NAIs: a seeded shuffle of the distinct NAIs in sorted order, first `count` of them. */
export function pickDormant(nais: readonly string[], count: number, seed: number): Set<string> {
  const list = [...new Set(nais)].sort();
  const rnd = demoRandom(seed);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return new Set(list.slice(0, count));
}
