// The server's settings (section `drspec`): read from initializationOptions at start,
// then through workspace/configuration, and again on workspace/didChangeConfiguration.

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface Settings {
  diagnostics: { debounceMs: number };
  inlayHints: { enabled: boolean };
  trace: { server: TraceLevel };
}

export const DEFAULT_SETTINGS: Settings = {
  diagnostics: { debounceMs: 200 },
  inlayHints: { enabled: true },
  trace: { server: 'off' },
};

const MAX_DEBOUNCE_MS = 10_000;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * A setting from a nested object (`{diagnostics: {debounceMs}}`) or from a flat one
 * (`{"diagnostics.debounceMs": …}`), as clients send either.
 */
function lookup(source: Record<string, unknown>, path: string): unknown {
  if (path in source) return source[path];
  let current: unknown = source;
  for (const part of path.split('.')) {
    const object = record(current);
    if (!object || !(part in object)) return undefined;
    current = object[part];
  }
  return current;
}

/** Settings from anything a client may send; wrong or missing values keep `base`. */
export function parseSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const outer = record(raw);
  if (!outer) return base;
  // Accept `{drspec: {...}}`, `{settings: {...}}` (our initializationOptions) or the section itself.
  const source = record(outer.drspec) ?? record(outer.settings) ?? outer;
  const debounce = lookup(source, 'diagnostics.debounceMs');
  const inlay = lookup(source, 'inlayHints.enabled');
  const trace = lookup(source, 'trace.server');
  return {
    diagnostics: {
      debounceMs:
        typeof debounce === 'number' && Number.isFinite(debounce) ? Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce))) : base.diagnostics.debounceMs,
    },
    inlayHints: { enabled: typeof inlay === 'boolean' ? inlay : base.inlayHints.enabled },
    trace: { server: trace === 'off' || trace === 'messages' || trace === 'verbose' ? trace : base.trace.server },
  };
}
