// Runs the staleness policy periodically inside the server process (started from instrumentation.ts).
// Several app instances may each run this timer: stalenessTick lets one of them work per period and
// every update it makes is conditional, so the result is the same as with one instance.
import { stalenessTick } from "@/lib/services/staleness";

export const STALENESS_PERIOD_MS = 60_000;

const KEY = Symbol.for("mip6.stalenessTimer");
type Holder = { [KEY]?: NodeJS.Timeout };

/** Idempotent: a second call (dev reloads re-run register()) keeps the first timer. */
export function startStalenessTimer(periodMs = STALENESS_PERIOD_MS): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow run (huge backlog) is not overlapped by the next tick
    running = true;
    try {
      const run = await stalenessTick(new Date(), periodMs);
      if (run?.flagged) console.info(`[staleness] flagged ${run.flagged} subscriber(s) not bootstrapped since ${run.cutoff}`);
    } catch (e) {
      console.error("[staleness] periodic run failed:", e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), periodMs);
  // The timer must not keep a process alive that is otherwise done (tests, CLI that import the server).
  timer.unref();
  holder[KEY] = timer;
}

export function stopStalenessTimer(): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) clearInterval(holder[KEY]);
  delete holder[KEY];
}
