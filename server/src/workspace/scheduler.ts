// When to build. Requests always see the latest texts: `current()` rebuilds synchronously
// when the sources changed since the last build. Diagnostics are published after a short
// debounce, by a background build that runs in steps (snapshotSteps) and yields between
// them. The scheduler is in one of three states:
//
//   idle ──schedule()──▶ waiting ──debounce──▶ building ──done──▶ idle (publishes if still latest)
//                          ▲  │schedule(): restart the wait       │
//                          └──┴───────── schedule(): a newer edit cancels the build ◀┘
//
// A cancelled build stops at its next step (what it parsed stays cached); a build whose
// revision is no longer the latest when it finishes is not published, so stale
// diagnostics are never published.
import { SourceStore } from './documents';
import { fileOnlySnapshot, ParseCache, previewSnapshot, Snapshot, snapshotSteps, todayInDays } from './snapshot';

export interface SchedulerOptions {
  debounceMs(): number;
  /** Publishes the diagnostics of a snapshot that is still the latest. */
  publish(snapshot: Snapshot): void;
  /**
   * Called once a build has been published (the Node server bounds its heap there); a
   * promise it returns is waited for by whenPublished().
   */
  afterPublish?(snapshot: Snapshot): Promise<void> | undefined;
  today?(): number;
  log?(message: string): void;
  /** Told when the full pipeline failed and the snapshot fell back to syntax and schema checks. */
  error?(message: string): void;
  /**
   * Whether the workspace folders have been read (always, when not given). Until then a
   * build publishes only what each file says on its own (fileOnlySnapshot): the names,
   * policies and plan a file uses may be declared in files not read yet, and a full build
   * would report them missing. The caller schedules a build once they are read.
   */
  ready?(): boolean;
}

export type SchedulerState = 'idle' | 'waiting' | 'building';

/** A background build in progress; `cancelled` is set by a newer edit. */
interface Build {
  revision: number;
  cancelled: boolean;
}

export class BuildScheduler {
  private snapshot: Snapshot | undefined;
  private readonly cache: ParseCache = new Map();
  /** Cancels the debounce wait in progress, if any. */
  private timer: (() => void) | undefined;
  private build: Build | undefined;
  private disposed = false;
  private lastFailure: string | undefined;
  private lastFileFailures = new Set<string>();
  private publishWaiters: (() => void)[] = [];

  constructor(
    private readonly store: SourceStore,
    private readonly options: SchedulerOptions,
  ) {}

  /** Waiting for the debounce, building in the background, or neither. */
  get state(): SchedulerState {
    if (this.timer) return 'waiting';
    return this.build ? 'building' : 'idle';
  }

  private today(): number {
    return this.options.today ? this.options.today() : todayInDays();
  }

  private isCurrent(snapshot: Snapshot | undefined, today: number): snapshot is Snapshot {
    return snapshot !== undefined && snapshot.revision === this.store.revision && snapshot.today === today;
  }

  /** The snapshot of the current sources, built now if they changed. */
  current(): Snapshot {
    const today = this.today();
    if (this.isCurrent(this.snapshot, today)) return this.snapshot;
    const started = Date.now();
    const steps = snapshotSteps(this.store.all(), this.store.revision, today, this.cache);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return this.adopt(step.value, started);
  }

  /**
   * For a request on `uri` that reads declarations only (completion): the last snapshot
   * with the latest text of `uri` when the edits since left what it reads as it was
   * (previewSnapshot), without waiting for a build; else current().
   */
  currentFor(uri: string): Snapshot {
    const today = this.today();
    const last = this.snapshot;
    if (last !== undefined && last.revision === this.store.revision && last.today === today) return last;
    if (last !== undefined && last.today === today) {
      const preview = previewSnapshot(last, this.store.all(), this.cache, uri);
      if (preview) return preview;
    }
    return this.current();
  }

  /** Keeps a finished build as the current snapshot and reports its failures. */
  private adopt(built: Snapshot, started: number): Snapshot {
    this.snapshot = built;
    this.options.log?.(`built revision ${built.revision}: ${built.files.size} file(s) in ${Date.now() - started} ms`);
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

  /**
   * Publishes diagnostics after the debounce (`now`: without it, as when the workspace
   * folders have just been read and requests wait for the build); a later call restarts
   * the wait and cancels a build in progress.
   */
  schedule(now = false): void {
    if (this.disposed) return;
    if (this.build && !this.build.cancelled) {
      this.build.cancelled = true;
      this.options.log?.(`cancelled the build of revision ${this.build.revision}: a newer change arrived`);
    }
    this.timer?.();
    const fire = (): void => {
      this.timer = undefined;
      // A build that ends without publishing (stale, cancelled) leaves the waiters to the
      // next one, unless none is coming.
      void this.buildAndPublish().finally(() => {
        if (this.state === 'idle') this.releasePublishWaiters();
      });
    };
    const debounce = now ? 0 : this.options.debounceMs();
    if (debounce <= 0 && typeof setImmediate === 'function') {
      // No wait asked for: setTimeout's shortest is a millisecond, setImmediate runs once
      // the messages already read are handled.
      const immediate = setImmediate(fire);
      this.timer = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(fire, debounce);
      this.timer = () => clearTimeout(timeout);
    }
  }

  /**
   * Resolves once a build has been published and what afterPublish returned has resolved
   * (the first build of a large workspace is collected there), or at once when no build is
   * waiting or running. The requests that waited for the workspace folders wait for it, so
   * that they are answered after that build and its collection (language-server.ts).
   */
  whenPublished(): Promise<void> {
    if (this.state === 'idle' || this.disposed) return Promise.resolve();
    return new Promise<void>((resolve) => this.publishWaiters.push(resolve));
  }

  private releasePublishWaiters(): void {
    const waiters = this.publishWaiters;
    this.publishWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async buildAndPublish(): Promise<void> {
    const today = this.today();
    if (this.options.ready && !this.options.ready()) {
      // Not kept as the current snapshot: requests wait for the folders and a full build.
      const partial = fileOnlySnapshot(this.store.all(), this.store.revision, today, this.cache);
      await yieldToEventLoop();
      if (this.disposed || partial.revision !== this.store.revision || this.timer) return;
      this.options.publish(partial);
      return;
    }
    let snapshot = this.snapshot;
    if (!this.isCurrent(snapshot, today)) {
      const build: Build = { revision: this.store.revision, cancelled: false };
      this.build = build;
      try {
        snapshot = await this.buildInSteps(build, today);
      } finally {
        if (this.build === build) this.build = undefined;
      }
      if (!snapshot) return;
    }
    // Let notifications that arrived during the build be processed first: if one of
    // them changed a text, this result is stale and the newer change has its own timer.
    await yieldToEventLoop();
    if (this.disposed || snapshot.revision !== this.store.revision || this.timer) return;
    this.options.publish(snapshot);
    const bounded = this.options.afterPublish?.(snapshot);
    if (bounded) await bounded;
    this.releasePublishWaiters();
  }

  /** The build, one step at a time; undefined when it was cancelled. */
  private async buildInSteps(build: Build, today: number): Promise<Snapshot | undefined> {
    const started = Date.now();
    const steps = snapshotSteps(this.store.all(), build.revision, today, this.cache);
    for (;;) {
      const step = steps.next();
      if (step.done) {
        // A request may have built a newer revision meanwhile: keep the newest.
        return this.snapshot && this.snapshot.revision >= build.revision && this.snapshot.today === today ? this.snapshot : this.adopt(step.value, started);
      }
      await yieldToEventLoop();
      if (build.cancelled || this.disposed) return undefined;
      // A request built this revision synchronously while we yielded: use its result.
      if (this.isCurrent(this.snapshot, today) && this.snapshot.revision === build.revision) return this.snapshot;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.releasePublishWaiters();
    this.timer?.();
    this.timer = undefined;
    if (this.build) this.build.cancelled = true;
  }
}

/** Lets waiting messages be read: setImmediate in Node, setTimeout in a web worker (no setImmediate there). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
