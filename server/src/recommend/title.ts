// Titles of recommendations (docs/analysis.md, Recommendations): imperative, at most 80 characters, with the
// effect and the cost tier — `Add log backups every 5m to geo → RPO 5m (L1)` — and the
// storage a change keeps, for the option's detail ("+1.2TB backup storage").
import { Diagnostic } from '../../../grammar/src/ast';
import { formatSize } from '../../../grammar/src/units';
import { fmt } from '../analysis/describe';
import { EntityEstimate } from '../analysis/types';
import { Move, StorageKind } from './moves';
import { diagnosticScenarios } from '../../../grammar/src/diagnostic-data';

export const MAX_TITLE = 80;

export interface Effect {
  /** e.g. "RPO 5m", "RTO 41m, RPO 15m", "survives region-failure". */
  text: string;
  /** The scenarios it is about, for the CLI's line (`… → RPO 5m in region-failure`). */
  scenarios: string[];
  /** Whether `text` is a figure that the scenarios qualify (not "survives …"). */
  metric: boolean;
}

const WARNING_EFFECT: Readonly<Record<string, string>> = {
  untested: 'tested',
  'retention-too-short': 'survives data-corruption',
  'pitr-gap': 'no point-in-time gap',
  'backup-chain-broken': 'restorable chain',
  'same-region-failover': 'survives region-failure',
  'missing-objective': 'objectives met',
};

function scenariosOf(d: Diagnostic): string[] {
  return [...diagnosticScenarios(d)];
}

/** What the change achieves for the findings it resolves, in the targeted entity's figures after it. */
export function effectOf(resolved: readonly Diagnostic[], before: EntityEstimate | undefined, after: EntityEstimate | undefined): Effect {
  const rpoScenarios = new Set<string>();
  const rtoScenarios = new Set<string>();
  const recover = new Set<string>();
  const warnings: string[] = [];
  for (const d of resolved) {
    const scenarios = scenariosOf(d);
    switch (d.code) {
      case 'rpo-unachievable':
      case 'dependency-rpo':
        scenarios.forEach((s) => rpoScenarios.add(s));
        break;
      case 'rto-unachievable':
      case 'dependency-rto':
        scenarios.forEach((s) => rtoScenarios.add(s));
        break;
      case 'total-loss':
      case 'no-recovery':
        for (const s of scenarios) {
          const at = before?.scenarios.find((x) => x.scenario === s);
          if (at?.objective.rpo && d.code === 'total-loss') rpoScenarios.add(s);
          if (at?.objective.rto) rtoScenarios.add(s);
          if (!at?.objective.rpo && !at?.objective.rto) recover.add(s);
        }
        break;
      default:
        if (WARNING_EFFECT[d.code]) warnings.push(WARNING_EFFECT[d.code]);
    }
  }
  const worst = (scenarios: Set<string>, field: 'rpoSeconds' | 'rtoSeconds'): number | null | undefined => {
    let max: number | null | undefined;
    for (const s of after?.scenarios ?? []) {
      if (!scenarios.has(s.scenario)) continue;
      const v = s[field];
      if (v === null) return null;
      max = max === undefined || max === null ? v : Math.max(max, v);
    }
    return max;
  };
  const parts: string[] = [];
  const rpo = worst(rpoScenarios, 'rpoSeconds');
  const rto = worst(rtoScenarios, 'rtoSeconds');
  if (rpoScenarios.size > 0 && rpo !== undefined && rpo !== null) parts.push(`RPO ${fmt(rpo)}`);
  if (rtoScenarios.size > 0 && rto !== undefined && rto !== null) parts.push(`RTO ${fmt(rto)}`);
  const metricScenarios = [...new Set([...rpoScenarios, ...rtoScenarios])];
  if (parts.length > 0) {
    return { text: parts.join(', '), scenarios: order(metricScenarios), metric: true };
  }
  if (recover.size > 0) {
    const verb = after?.kind === 'service' ? 'recovers in' : 'survives';
    return { text: `${verb} ${order([...recover]).join(', ')}`, scenarios: order([...recover]), metric: false };
  }
  return { text: [...new Set(warnings)].join(', ') || 'fixed', scenarios: [], metric: false };
}

const SCENARIO_ORDER = ['node-failure', 'zone-failure', 'region-failure', 'data-corruption'];

function order(scenarios: string[]): string[] {
  return [...scenarios].sort((a, b) => SCENARIO_ORDER.indexOf(a) - SCENARIO_ORDER.indexOf(b));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joined(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The action words of the moves, in decreasing length until the title fits: the costliest
 * move first (so a sync replica's note about write latency is never cut), then every move
 * in full, the others short, all short, and the first with a count of the rest.
 */
function actionForms(moves: readonly Move[]): string[] {
  const sorted = [...moves].sort((a, b) => b.costTier - a.costTier);
  const short = (m: Move): string => m.short ?? m.action;
  const sentence = (parts: string[]): string => upperFirst(joined(parts.map((p, i) => (i === 0 ? p : lowerFirst(p)))));
  const forms = [
    sentence(sorted.map((m) => m.action)),
    sentence(sorted.map((m, i) => (i === 0 ? m.action : short(m)))),
    sentence(sorted.map(short)),
  ];
  if (sorted.length > 1) {
    const rest = sorted.length - 1;
    forms.push(`${upperFirst(sorted[0].action)} and ${rest} more change${rest === 1 ? '' : 's'}`);
    forms.push(`${upperFirst(short(sorted[0]))} and ${rest} more change${rest === 1 ? '' : 's'}`);
  }
  return forms;
}

function fit(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1)).trimEnd()}…`;
}

/** The option's title (≤ 80 characters) and the CLI's summary line (without the tier). */
export function titleOf(changed: string | undefined, moves: readonly Move[], effect: Effect, tier: number): { title: string; summary: string; action: string } {
  // A change to another entity (a dependency) names it: "In orders-db: …", shorter "orders-db: …".
  const prefixes = changed === undefined ? [''] : [`In ${changed}: `, `${changed}: `];
  const forms = prefixes.flatMap((prefix) => actionForms(moves).map((a) => `${prefix}${a}`));
  const effects = [effect.text, effect.text.split(', ')[0]];
  let title: string | undefined;
  for (const e of effects) {
    const suffix = ` → ${e} (L${tier})`;
    const action = forms.find((a) => a.length + suffix.length <= MAX_TITLE);
    if (action !== undefined) {
      title = `${action}${suffix}`;
      break;
    }
  }
  if (title === undefined) {
    const suffix = ` → ${effects[1]} (L${tier})`;
    title = fit(`${fit(forms[forms.length - 1], MAX_TITLE - suffix.length)}${suffix}`, MAX_TITLE);
  }
  const scenarios = effect.metric && effect.scenarios.length > 0 ? ` in ${effect.scenarios.join(', ')}` : '';
  return { title, summary: `${forms[0]} → ${effect.text}${scenarios}`, action: forms[0] };
}

const STORAGE_WORDS: Readonly<Record<StorageKind, string>> = { backup: 'backup storage', replica: 'replica storage' };

/** "+1.2TB backup storage, +200GB replica storage", or undefined when not known. */
export function storageDetail(moves: readonly Move[]): string | undefined {
  const totals: Partial<Record<StorageKind, number>> = {};
  for (const m of moves) {
    for (const [kind, bytes] of Object.entries(m.storage ?? {}) as [StorageKind, number][]) totals[kind] = (totals[kind] ?? 0) + bytes;
  }
  const parts = (Object.entries(totals) as [StorageKind, number][]).filter(([, b]) => b > 0).map(([kind, b]) => `+${formatSize(b)} ${STORAGE_WORDS[kind]}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
