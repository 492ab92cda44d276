// Code-action latency: the language server's answer to a quick-fix request on a finding,
// on a generated workspace in which some datastores miss their objectives (so the
// request computes and verifies recommendations). Each request starts cold: a fresh
// copy of the snapshot (and of its check result), so nothing is answered from the
// recommendation caches of an earlier request.
import { CodeActionKind } from 'vscode-languageserver';
import { codeActions } from '../server/src/features/code-actions';
import { toLspDiagnostic } from '../server/src/features/diagnostics';
import { buildSnapshot, Snapshot } from '../server/src/workspace/snapshot';
import { generateWorkspace, Source } from './generate';
import { median } from './stats';
import { diagnosticEntity } from '../grammar/src/diagnostic-data';

/** Every tenth datastore loses its log backups and replica and keeps its full backups locally. */
function withFindings(sources: Source[]): Source[] {
  let n = 0;
  return sources.map((s) => ({
    path: s.path,
    text: s.text.replace(/datastore (db-\d+) \{[^}]*\}/g, (block) => {
      if (n++ % 10 !== 0) return block;
      return block
        .replace('  backup full every 1d retain 30d to geo', '  backup full every 1d retain 30d to local')
        .replace(/ {2}backup log every 5m retain 30d to geo\n/, '')
        .replace(/ {2}replica \S+ async lag 30s\n/, '');
    }),
  }));
}

export interface CodeActionTiming {
  entities: number;
  requests: number;
  actionsPerRequest: number;
  median: number;
  min: number;
  max: number;
}

function fresh(snapshot: Snapshot): Snapshot {
  return { ...snapshot, check: snapshot.check ? { ...snapshot.check } : undefined };
}

export function measureCodeActions(entities: number): CodeActionTiming {
  const sources = withFindings(generateWorkspace(entities)).map((s) => ({ uri: `file:///bench/${s.path}`, clientUri: `file:///bench/${s.path}`, text: s.text, open: false }));
  const snapshot = buildSnapshot(sources, 1, 20000);
  // One request per datastore with findings: its first objective finding.
  const targets: { uri: string; diagnostic: ReturnType<typeof toLspDiagnostic> }[] = [];
  for (const [uri, list] of snapshot.diagnostics) {
    const seen = new Set<unknown>();
    for (const d of list) {
      const entity = diagnosticEntity(d)?.name;
      if (d.severity !== 'error' || seen.has(entity)) continue;
      seen.add(entity);
      targets.push({ uri, diagnostic: toLspDiagnostic(snapshot, d) });
    }
  }
  if (targets.length === 0) throw new Error('the code-action workspace has no findings');
  const ask = (i: number): number => {
    const { uri, diagnostic } = targets[i % targets.length];
    return codeActions(fresh(snapshot), uri, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] }).length;
  };
  // Warm-up (JIT, parser caches), then one cold request per target.
  for (let i = 0; i < Math.min(20, targets.length); i++) ask(i);
  const samples: number[] = [];
  let actions = 0;
  for (let i = 0; i < targets.length; i++) {
    const start = performance.now();
    actions += ask(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    entities,
    requests: targets.length,
    actionsPerRequest: actions / targets.length,
    median: median(samples),
    min: samples[0],
    max: samples[samples.length - 1],
  };
}
