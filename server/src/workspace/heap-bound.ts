// Bounds the language server's memory between builds (Node only). Each build of a large
// workspace allocates several times its live size (syntax trees, validated statements,
// the model and the analysis of the new snapshot, while the previous one is still alive),
// and V8 lets the heap grow far beyond what is live before it collects: editing a
// 100,000-line file grew the process past 1.4 GB. Three measures (docs/benchmarks.md,
// "Memory of the language server"):
// - the young generation keeps its initial size (a few MB) during the first build instead
//   of doubling up to 16 MB a semi-space (32 MB resident), which V8 gives back only after
//   seconds of low allocation, if ever; later it may grow to half that (YOUNG_CAP);
// - after a build has been published and the previous snapshot dropped, a full collection
//   is run when the heap has grown well past what was live after the last one;
// - once the server has been idle for a moment after builds that left much garbage (or
//   after a full build that needed the collection above), V8's memory-reducing collection
//   (what its memory reducer runs, if ever, 8 or more seconds later) empties sparse pages,
//   shrinks the young generation and gives the freed memory back to the system; after the
//   first build that left much garbage (a large workspace opened) it runs at once, before
//   the requests that waited for that build are answered, and so it does again, until
//   the first edit, after each build that left a few MB (the editor's copy of a file
//   opened with the workspace, read after that build: the message and the text from disk
//   it replaced).
// Small workspaces never reach the thresholds, so typing in them never pays for a
// collection; the idle collection waits for a pause, never for a keystroke.
import type { Session } from 'inspector';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'v8';
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
/**
 * After the collection at opening and before the first edit, collect at once after a
 * build that left this much (bytes): opening a 100,000-line file with its workspace left
 * 9 MB (5 of heap, 4 of message buffers) after the collection, with nothing to collect it
 * while the server waits (docs/benchmarks.md, Memory of the language server).
 */
const OPENING_GROWTH = 4 * 1024 * 1024;
/** …once no build has been published for this long (ms). */
export const IDLE_MS = 1000;
/** A compacting collection not finished after this long (ms) is taken as over. */
export const COMPACTING_OVERDUE_MS = 10_000;

/** What the bound reads and does; the defaults are V8's (tests pass their own). */
export interface HeapControls {
  /** The heap in use, with the memory outside it that its objects hold (buffers: the messages read). */
  usedHeap(): number;
  /** The young generation's capacity (bytes), and whether V8 may grow it further. */
  youngCapacity(): number;
  letYoungGrow(grow: boolean): void;
  collect(): void;
  /**
   * A full collection that also moves the objects of sparse pages together, shrinks the
   * young generation and gives the freed memory back, then calls `done` (at once or from
   * the event loop): slower than collect() (about 140 against 55 ms at 100k lines), so run
   * only when the server is idle.
   */
  collectCompacting(done: () => void): void;
  /** Runs `run` after `ms` unless cancelled; must not keep the process alive. */
  later(run: () => void, ms: number): { cancel(): void };
}

function v8Controls(): HeapControls | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    let growing: boolean | undefined;
    const letYoungGrow = (grow: boolean): void => {
      if (grow === growing) return;
      // Read by V8 each time it grows the young generation (after a scavenge).
      setFlagsFromString(grow ? '--semi-space-growth-factor=2' : '--semi-space-growth-factor=1');
      growing = grow;
    };
    letYoungGrow(false);
    const reduceMemory = memoryReducingCollection();
    // Without the inspector: a collection "for size", which chooses its pages to empty as
    // the memory reducer does but keeps the young generation and the freed pages (about 10
    // MB more resident after the first build of a 100,000-line file; docs/benchmarks.md).
    // The flag is read by each collection; set for this one only, unless Node was started
    // with it.
    const sizeAlways = process.execArgv.includes('--optimize-for-size');
    const collectForSize = (): void => {
      if (sizeAlways) return collect();
      setFlagsFromString('--optimize-for-size');
      try {
        collect();
      } finally {
        setFlagsFromString('--no-optimize-for-size');
      }
    };
    const collectCompacting = (done: () => void): void => {
      if (reduceMemory?.(done)) return;
      collectForSize();
      done();
    };
    return {
      usedHeap: () => {
        const heap = getHeapStatistics();
        return heap.used_heap_size + heap.external_memory;
      },
      youngCapacity: () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
      letYoungGrow,
      collect,
      collectCompacting,
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

/**
 * V8's memory-reducing collection, through an in-process inspector session (no port is
 * opened): `HeapProfiler.collectGarbage` runs the collection V8 runs on a low-memory
 * notification, which JavaScript cannot ask for otherwise in Node 20 (`gc()` ignores its
 * options there). On the 100,000-line file: 137–138 MB resident a second after it, against
 * 147–148 after the collection for size, what V8's own memory reducer reaches 10–16
 * seconds after opening (docs/benchmarks.md, Memory of the language server). Returns
 * whether the collection was started (false: no inspector in this Node, or it failed).
 */
export function memoryReducingCollection(): ((done: () => void) => boolean) | undefined {
  let SessionClass: (new () => Session) | undefined;
  try {
    // Required here, not imported: a Node built without the inspector throws when it loads.
    SessionClass = (require('inspector') as typeof import('inspector')).Session;
  } catch {
    return undefined;
  }
  return (done) => {
    let session: Session | undefined;
    try {
      session = new SessionClass!();
      session.connect();
      const connected = session;
      connected.post('HeapProfiler.collectGarbage', () => {
        // Not from inside the answer's callback: disconnecting there stops the event loop
        // (Node 20).
        setImmediate(() => connected.disconnect());
        done();
      });
      return true;
    } catch {
      try {
        session?.disconnect();
      } catch {
        // already gone
      }
      return false;
    }
  };
}

/**
 * The young generation's capacity (both semi-spaces) beyond which V8 may not grow it: half
 * of V8's 32 MB. Kept at its initial few MB, an edit in a 1,000-file workspace measured
 * about 1.5 ms slower at p50 (more of each edit's results copied by scavenges); at 16 MB
 * as fast as at 32 within the machine's noise (docs/benchmarks.md).
 */
export const YOUNG_CAP = 16 * 1024 * 1024;

/** What the bound reads of a published build: whether it was patched from the last one. */
type Published = { since?: unknown };

/** The callback run after each published build (see heapBound), and what the server tells it of edits. */
export type HeapBound = ((published: Published) => Promise<void> | undefined) & {
  /** An open document was edited (not opened): the workspace is no longer being opened. */
  edited(): void;
};

/**
 * The callback the server runs after each published build. It returns a promise when it
 * has started a collection that requests waiting for that build should not overtake (the
 * first build of a large workspace), resolved once the collection has finished.
 */
export function heapBound(controls: HeapControls | undefined = v8Controls()): HeapBound {
  if (!controls) return Object.assign(() => undefined, { edited() {} });
  const { usedHeap, later } = controls;
  let liveAfterLast = usedHeap();
  let idle: { cancel(): void } | undefined;
  /** Garbage was left since the last compacting collection: one runs at the next pause. */
  let compactWhenIdle = false;
  /** A compacting collection has been started and has not finished (it may end later). */
  let compacting = false;
  /** No compacting collection has been started yet (the workspace is being opened). */
  let neverCompacted = true;
  /** The first build of a large workspace was collected at once. */
  let collectedAtOpening = false;
  /** A document has been edited: the workspace is no longer being opened. */
  let editedYet = false;
  /** Runs a collection now; `finished` is called when a compacting one has finished (or is overdue). */
  const collectNow = (compact: boolean, finished?: () => void): void => {
    idle?.cancel();
    idle = undefined;
    if (compact) {
      compactWhenIdle = false;
      compacting = true;
      neverCompacted = false;
      // Should the collection never report back, the bound goes on without it.
      const overdue = later(() => {
        compacting = false;
        finished?.();
      }, COMPACTING_OVERDUE_MS);
      controls.collectCompacting(() => {
        overdue.cancel();
        compacting = false;
        liveAfterLast = usedHeap();
        finished?.();
      });
    } else {
      controls.collect();
      liveAfterLast = usedHeap();
    }
  };
  const collectIdle = (): void => collectNow(true);
  const edited = (): void => {
    editedYet = true;
  };
  const afterPublish = (published: Published): Promise<void> | undefined => {
    idle?.cancel();
    idle = undefined;
    const full = published.since === undefined;
    // While edits are patched in (typing), the young generation may grow up to YOUNG_CAP;
    // not during the next full build (opening a workspace, files added or removed).
    controls.letYoungGrow(!full && controls.youngCapacity() < YOUNG_CAP);
    const used = usedHeap();
    const first = full && neverCompacted && used - liveAfterLast >= IDLE_GROWTH;
    const opening = collectedAtOpening && !editedYet;
    if (first || (opening && !compacting && used - liveAfterLast >= OPENING_GROWTH)) {
      // The first build of a large workspace: its garbage and the sparse pages go now, not
      // a second later, so that the memory after opening is what the workspace needs
      // (100,000 lines: about 140 ms once, after a build of about a second; the requests
      // that waited for the build are answered after it: the promise). The same for what
      // reading the files opened with it leaves, until the first edit.
      if (first) collectedAtOpening = true;
      return new Promise<void>((resolve) => collectNow(true, resolve));
    }
    if (used >= FLOOR && used >= GROWTH * liveAfterLast) {
      collectNow(false);
      // After a full build (a workspace opened, files added or removed), what was still in
      // use while it was published goes too, and the sparse pages are emptied, at a pause.
      compactWhenIdle = full;
    } else if (!compacting && used - liveAfterLast >= IDLE_GROWTH) {
      // (While a compacting collection runs, the growth is counted from what it leaves.)
      compactWhenIdle = true;
    }
    if (compactWhenIdle) idle = later(collectIdle, IDLE_MS);
    return undefined;
  };
  return Object.assign(afterPublish, { edited });
}
