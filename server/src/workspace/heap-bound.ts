// Bounds the language server's memory between builds (Node only). Each build of a large
// workspace allocates several times its live size (syntax trees, validated statements,
// the model and the analysis of the new snapshot, while the previous one is still alive),
// and V8 lets the heap grow far beyond what is live before it collects: editing a
// 100,000-line file grew the process past 1.4 GB. After a build has been published and the
// previous snapshot dropped, a full collection is run when the heap has grown well past
// what was live after the last one. Small workspaces never reach the threshold, so typing
// in them never pays for a collection.
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

export function heapBound(): () => void {
  let collect: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
  let liveAfterLast = getHeapStatistics().used_heap_size;
  return () => {
    const used = getHeapStatistics().used_heap_size;
    if (used < FLOOR || used < GROWTH * liveAfterLast) return;
    collect!();
    liveAfterLast = getHeapStatistics().used_heap_size;
  };
}
