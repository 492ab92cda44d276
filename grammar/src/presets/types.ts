// The shapes of the preset tables (docs/presets.md): a managed service's parameters, the
// statements it implies under which conditions, and every figure with its kind and source.
// The tables themselves are azure.ts and aws.ts; index.ts joins them.

/** How firm a published figure is: a stated behaviour, a "typically", or a contract. */
export const FIGURE_KINDS = ['documented', 'typical', 'sla'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** A provider page a figure comes from. */
export interface SourceSpec {
  url: string;
  /** The page's title as published, with its own revision date where it shows one. */
  title: string;
  /** When the figure was last read on the page (YYYY-MM-DD). */
  checked: string;
}

/** One published number or behaviour, in our own words. */
export interface FigureSpec {
  /** As written in drspec (`10m`, `geo`), or a plain value for notes (`99.999999999%`). */
  value: string;
  kind: FigureKind;
  /** A key of the preset's `sources`. */
  source: string;
  /** What the provider states, paraphrased. */
  says: string;
}

/** A duration bound: written as drspec writes it, or a multiple of another parameter. */
export type Bound = string | { times: number; param: string };

export type ParamValueSpec =
  /** A duration within [min, max]; `choices` when only some values are possible. */
  | { type: 'duration'; min: Bound; max: Bound; choices?: readonly string[] }
  | { type: 'enum'; words: readonly { word: string; doc: string }[] }
  | { type: 'integer'; min: number; max: number }
  /** A region name (checked like every region reference). */
  | { type: 'region' };

/** A condition on a parameter's value (given or default). */
export type Condition =
  | { param: string; in: readonly string[] }
  /** The parameter is given (parameters without a default, e.g. a second region). */
  | { param: string; set: true }
  /** Durations in seconds, integers as written. */
  | { param: string; atLeast: number };

export interface ParamSpec {
  name: string;
  doc: string;
  value: ParamValueSpec;
  /** A key of `sources`: where the possible values are documented. */
  source: string;
  /** The documented default. Absent: nothing is implied until the parameter is given. */
  default?: { value: Bound; kind: FigureKind; source: string; says: string };
  /** No default exists: the preset cannot be used without it (`missing-value`). */
  required?: boolean;
  /** The parameter means something only when this holds (e.g. periodic backups only). */
  onlyWith?: Condition;
}

/** A piece of an implied statement: a keyword, a figure of the preset, or a parameter's value. */
export type Part = string | { figure: string } | { param: string };

export interface ImpliedSpec {
  /** The statement: keywords, figures and parameters, in drspec order. */
  parts: readonly Part[];
  /** Implied only when every condition holds. */
  when?: readonly Condition[];
  /**
   * Backups: one statement per copy of the storage named by `param` (the presets data):
   * local → `to local`; zone → `to zone`; geo → `to local` and `to geo`; geo-zone →
   * `to zone` and `to geo`. The geo copy gets `copy-lag` from the figure `geoCopyLag`.
   */
  copies?: { param: string; geoCopyLag?: string };
}

export interface PresetSpec {
  name: string;
  title: string;
  provider: 'azure' | 'aws';
  /** One sentence for completion and hovers. */
  doc: string;
  /**
   * The service can also keep replicas in other regions that the preset does not model
   * (read replicas, active geo-replication): recommendations may add a `replica` line.
   */
  ownReplicas?: boolean;
  /** `engine` words that name this service, for the "Use preset" quick fix. */
  engines: readonly string[];
  sources: Readonly<Record<string, SourceSpec>>;
  params: readonly ParamSpec[];
  /** The figures the implied statements use, by id. */
  figures: Readonly<Record<string, FigureSpec>>;
  implies: readonly ImpliedSpec[];
  /** Published facts that imply no statement but matter for recovery, shown in the hover. */
  notes: readonly FigureSpec[];
}
