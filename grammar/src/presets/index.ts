// The preset table (docs/presets.md): every managed service drspec knows, in one list. Adding
// a preset is adding its entry here (and its tests in test/unit/presets*.test.ts).
import { AWS_AURORA, AWS_DYNAMODB, AWS_RDS, AWS_S3 } from './aws';
import { AZURE_COSMOS_DB, AZURE_MYSQL_FLEXIBLE, AZURE_POSTGRES_FLEXIBLE, AZURE_SQL_DB, AZURE_STORAGE } from './azure';
import type { PresetSpec } from './types';

export * from './types';

export const PRESETS = [
  AZURE_SQL_DB,
  AZURE_POSTGRES_FLEXIBLE,
  AZURE_MYSQL_FLEXIBLE,
  AZURE_COSMOS_DB,
  AZURE_STORAGE,
  AWS_RDS,
  AWS_AURORA,
  AWS_DYNAMODB,
  AWS_S3,
] as const satisfies readonly PresetSpec[];

export type Preset = (typeof PRESETS)[number];
export type PresetName = Preset['name'];
/** The parameter names of one preset, e.g. `ParamName<'azure-sql-db'>`. */
export type ParamName<N extends PresetName> = Extract<Preset, { name: N }>['params'][number]['name'];

const byName = new Map<string, PresetSpec>(PRESETS.map((p) => [p.name, p]));

export const PRESET_NAMES: readonly PresetName[] = PRESETS.map((p) => p.name);

export function presetSpec(name: string): PresetSpec | undefined {
  return byName.get(name);
}

/** The preset whose service an `engine` word names (`engine azure-sql` → azure-sql-db). */
export function presetForEngine(engine: string): PresetSpec | undefined {
  const lower = engine.toLowerCase();
  return PRESETS.find((p) => (p.engines as readonly string[]).includes(lower));
}

/** The short name of a source as messages cite it: the last segment of its URL. */
export function sourceName(preset: PresetSpec, source: string): string {
  const url = preset.sources[source]?.url ?? source;
  return url.replace(/\.html$/, '').replace(/\/$/, '').split('/').pop() ?? source;
}
