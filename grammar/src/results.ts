// The words of analysis results: outcomes (in `estimate --format json`), the kinds of
// recovery path and the named parts of a recovery time. Declared here, beside the schema,
// because diagnostics carry them in their typed `data` (diagnostic-data.ts).

export const OUTCOMES = ['recovered', 'total-loss', 'no-recovery', 'not-estimated'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PATH_KINDS = ['live', 'geo', 'replica', 'backup', 'rebuild'] as const;
export type PathKind = (typeof PATH_KINDS)[number];

export const RTO_PART_NAMES = ['detect', 'decide', 'provision', 'deploy', 'scale-out', 'restore', 'rebuild', 'switch'] as const;
export type RtoPartName = (typeof RTO_PART_NAMES)[number];

/** One named part of a recovery time; `seconds` is null when unknown (a restore without size or rate). */
export interface RtoPart {
  name: RtoPartName;
  seconds: number | null;
}
