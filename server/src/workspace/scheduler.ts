// When to build. Requests always see the latest texts: `current()` rebuilds synchronously
// when the sources changed since the last build. Diagnostics are published after a short
// debounce; a newer change restarts the timer, and a build that finds a newer revision
// before publishing drops its results, so stale diagnostics are never published.
import { SourceStore } from './documents';
import { buildSnapshot, ParseCache, Snapshot, todayInDays } from './snapshot';

export interface SchedulerOptions {
  debounceMs(): number;
  /** Publishes the diagnostics of a snapshot that is still the latest. */
  publish(snapshot: Snapshot): void;
  /** Called once a build has been published (the Node server bounds its heap there). */
  afterPublish?(): void;
  today?(): number;
  log?(message: string): void;
  /** Told when the full pipeline failed and the snapshot fell back to syntax and schema checks. */
  error?(message: string): void;
}

export class BuildScheduler {
  private snapshot: Snapshot | undefined;
  private readonly cache: ParseCache = new Map();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private lastFailure: string | undefined;
  private lastFileFailures = new Set<string>();

  constructor(
    private readonly store: SourceStore,
    private readonly options: SchedulerOptions,
  ) {}

  private today(): number {
    return this.options.today ? this.options.today() : todayInDays();
  }

  /** The snapshot of the current sources, built now if they changed. */
  current(): Snapshot {
    const today = this.today();
    const cached = this.snapshot;
    if (cached && cached.revision === this.store.revision && cached.today === today) return cached;
    const started = Date.now();
    const revision = this.store.revision;
    const built = buildSnapshot(this.store.all(), revision, today, this.cache);
    this.snapshot = built;
    this.options.log?.(`built revision ${revision}: ${built.files.size} file(s) in ${Date.now() - started} ms`);
    // The same failure on every keystroke is reported once.
    if (built.degraded && built.degraded !== this.lastFailure) {
      this.options.error?.(`the analysis failed; only syntax and schema diagnostics are shown: ${built.degraded}`);
    }
    this.lastFailure = built.degraded;
    // A file that trips an internal error has an `internal` diagnostic; the log gets the
    // stack, once per distinct failure.
    const failures = new Set<string>();
    for (const f of built.check?.failures ?? []) {
      const key = `${f.path} ${f.phase} ${f.message}`;
      failures.add(key);
      if (!this.lastFileFailures.has(key)) this.options.error?.(`internal error while ${f.phase} ${f.path}: ${f.detail}`);
    }
    this.lastFileFailures = failures;
    return built;
  }

  /** Publishes diagnostics after the debounce; a later call restarts the wait. */
  schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.buildAndPublish();
    }, this.options.debounceMs());
  }

  private async buildAndPublish(): Promise<void> {
    const snapshot = this.current();
    // Let notifications that arrived during the build be processed first: if one of
    // them changed a text, this result is stale and the newer change has its own timer.
    // (setTimeout rather than setImmediate: the server also runs in a web worker.)
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (this.disposed || snapshot.revision !== this.store.revision || this.timer) return;
    this.options.publish(snapshot);
    this.options.afterPublish?.();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
