// Bounds the language server's memory between builds (Node only). Each build of a large
// workspace allocates several times its live size (syntax trees, validated statements,
// the model and the analysis of the new snapshot, while the previous one is still alive),
// and V8 lets the heap grow far beyond what is live before it collects: editing a
// 100,000-line file grew the process past 1.4 GB. Three measures (docs/benchmarks.md,
// "Memory of the language server"):
// - the young generation keeps its initial size (a few MB) instead of doubling up to 16 MB
//   a semi-space during the first build of a large workspace, which V8 gives back only
//   after seconds of low allocation, if ever;
// - after a build has been published and the previous snapshot dropped, a full collection
//   is run when the heap has grown well past what was live after the last one;
// - once the server has been idle for a moment after builds that left much garbage, a
//   full collection gives the pages back to the system.
// Small workspaces never reach the thresholds, so typing in them never pays for a
// collection; the idle collection waits for a pause, never for a keystroke.
import { getHeapStatistics, setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/**
 * Collect when the heap is this many times what was live after the last collection… (1.5
 * rather than 2: editing a 100,000-line file then peaks at about 245 MB resident instead
 * of 300, for a full collection about every 50 keystrokes there; docs/benchmarks.md.)
 */
const GROWTH = 1.5;
/** …and at least this large (bytes). */
const FLOOR = 96 * 1024 * 1024;
/** Collect on idle when the heap has grown by this much since the last collection (bytes)… */
const IDLE_GROWTH = 16 * 1024 * 1024;
/** …once no build has been published for this long (ms). */
export const IDLE_MS = 1000;

/** What the bound reads and does; the defaults are V8's (tests pass their own). */
export interface HeapControls {
  usedHeap(): number;
  collect(): void;
  /** Runs `run` after `ms` unless cancelled; must not keep the process alive. */
  later(run: () => void, ms: number): { cancel(): void };
}

function v8Controls(): HeapControls | undefined {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    return {
      usedHeap: () => getHeapStatistics().used_heap_size,
      collect,
      later(run, ms) {
        const timer = setTimeout(run, ms);
        timer.unref();
        return { cancel: () => clearTimeout(timer) };
      },
    };
  } catch {
    return undefined;
  }
}

/** The callback the server runs after each published build. */
export function heapBound(controls: HeapControls | undefined = v8Controls()): () => void {
  if (!controls) return () => undefined;
  const { usedHeap, collect, later } = controls;
  let liveAfterLast = usedHeap();
  let idle: { cancel(): void } | undefined;
  const collectNow = (): void => {
    idle?.cancel();
    idle = undefined;
    collect();
    liveAfterLast = usedHeap();
  };
  return () => {
    idle?.cancel();
    idle = undefined;
    const used = usedHeap();
    if (used >= FLOOR && used >= GROWTH * liveAfterLast) {
      collectNow();
      return;
    }
    if (used - liveAfterLast >= IDLE_GROWTH) idle = later(collectNow, IDLE_MS);
  };
}
