// missing-objective: give the entity a policy. One move per policy that states objectives
// (verification keeps only those the entity then meets), and last a new policy whose
// starting objectives are what the entity achieves (at least rto 4h, rpo 1h), appended at
// the end of the file: offered only when no existing policy is met.
import { fmt } from '../analysis/describe';
import { PolicyEntity } from '../model/types';
import { appendBlock, insertStatement, replaceStatement, TextEdit } from './edits';
import { Move, MOVE_COST, MoveContext } from './moves';

const MAX_POLICIES = 5;
/** Objective values a new policy may start with, smallest first. */
const LADDER = [300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 604800];
const START = { rto: 14400, rpo: 3600 };

function hasObjectives(policy: PolicyEntity): boolean {
  const o = policy.objectives;
  return o.rto !== undefined || o.rpo !== undefined || Object.values(o.scenarios).some((s) => s?.rto || s?.rpo);
}

function summary(policy: PolicyEntity): string {
  const parts = [
    ...(policy.objectives.rto ? [`rto ${fmt(policy.objectives.rto.seconds)}`] : []),
    ...(policy.objectives.rpo ? [`rpo ${fmt(policy.objectives.rpo.seconds)}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function unusedName(taken: ReadonlySet<string>): string {
  if (!taken.has('standard')) return 'standard';
  for (let i = 2; ; i++) if (!taken.has(`standard-${i}`)) return `standard-${i}`;
}

/** The smallest ladder value at least `seconds` (whole days above the ladder). */
function roundUp(seconds: number): number {
  return LADDER.find((v) => v >= seconds) ?? Math.ceil(seconds / 86400) * 86400;
}

function policyEdit(ctx: MoveContext, name: string): TextEdit {
  const e = ctx.entity;
  const existing = e.block.properties.find((p) => p.spec.key === 'policy');
  return existing ? replaceStatement(e.path, existing, `policy ${name}`) : insertStatement(e.path, ctx.text, e.block, `policy ${name}`);
}

export function policyMoves(ctx: MoveContext): Move[] {
  const e = ctx.entity;
  const moves: Move[] = ctx.model.policies
    .filter((p) => hasObjectives(p) && p.name !== e.policy?.name)
    .slice(0, MAX_POLICIES)
    .map((p) => ({
      slots: ['policy'],
      action: `Use policy '${p.name}'${summary(p)}`,
      short: `use policy '${p.name}'`,
      costTier: MOVE_COST.policy,
      edits: [policyEdit(ctx, p.name)],
      changes: 1,
    }));

  let rpo = START.rpo;
  let rto = START.rto;
  for (const s of ctx.estimate.scenarios) {
    if (s.outcome !== 'recovered') continue;
    if (s.rpoSeconds !== null) rpo = Math.max(rpo, s.rpoSeconds);
    if (s.rtoSeconds !== null) rto = Math.max(rto, s.rtoSeconds);
  }
  const lines = [`rto ${fmt(roundUp(rto))}`, `rpo ${fmt(roundUp(rpo))}`];
  const name = unusedName(new Set(ctx.model.policies.map((p) => p.name)));
  // Verified as the same objectives written in the entity itself (same resolution).
  const proxy = e.block.properties.some((p) => p.spec.key === 'rto' || p.spec.key === 'rpo')
    ? undefined
    : lines.map((l) => insertStatement(e.path, ctx.text, e.block, l));
  if (proxy) {
    moves.push({
      slots: ['policy', 'new-policy'],
      action: `Add policy '${name}' (${lines.join(', ')}) and use it`,
      short: `add policy '${name}'`,
      costTier: MOVE_COST.policy,
      edits: [policyEdit(ctx, name), appendBlock(e.path, ctx.text, [`policy ${name} {`, ...lines.map((l) => `  ${l}`), '}'])],
      proxy,
      changes: 2,
    });
  }
  return moves;
}
