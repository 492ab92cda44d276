// missing-objective: give the entity a policy. With policies that state objectives, one
// fix per policy (`policy NAME`, replacing a `policy` line already there); with none, a
// new policy block at the end of the file, referenced from the entity.
import { CodeAction, TextEdit } from 'vscode-languageserver';
import { formatDuration } from '../../../../grammar/src/units';
import { PolicyEntity } from '../../model/model';
import { toRange } from '../convert';
import { FixContext, quickFix } from './context';
import { appendBlockEdit, insertStatementEdit } from './insert';
import { NEW_POLICY_LINES } from './stubs';

const MAX_POLICIES = 5;

function hasObjectives(policy: PolicyEntity): boolean {
  const o = policy.objectives;
  return o.rto !== undefined || o.rpo !== undefined || Object.values(o.scenarios).some((s) => s?.rto || s?.rpo);
}

function summary(policy: PolicyEntity): string {
  const parts = [
    ...(policy.objectives.rto ? [`rto ${formatDuration(policy.objectives.rto.seconds)}`] : []),
    ...(policy.objectives.rpo ? [`rpo ${formatDuration(policy.objectives.rpo.seconds)}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function unusedPolicyName(taken: ReadonlySet<string>): string {
  if (!taken.has('standard')) return 'standard';
  for (let i = 2; ; i++) if (!taken.has(`standard-${i}`)) return `standard-${i}`;
}

export function missingObjectiveFixes(context: FixContext): CodeAction[] {
  const { snapshot, view, diagnostic } = context;
  const model = snapshot.model;
  if (!model) return [];
  const entity = model.entities.find((e) => e.path === view.uri && e.nameNode.startOffset === view.lines.offset(diagnostic.range.start));
  if (!entity) return [];
  const block = entity.block.node;
  const existing = entity.block.properties.find((p) => p.spec.key === 'policy');
  const policyEdit = (name: string): TextEdit => {
    if (existing) {
      const value = existing.statement.values[0];
      if (value) return { range: toRange(value.range), newText: name };
      return { range: toRange(existing.statement.range), newText: `policy ${name}` };
    }
    return insertStatementEdit(view, block, `policy ${name}`);
  };

  const usable = model.policies.filter((p) => hasObjectives(p) && p.name !== entity.policy?.name).slice(0, MAX_POLICIES);
  if (usable.length > 0) {
    return usable.map((policy, i) =>
      quickFix(context, `Use policy '${policy.name}'${summary(policy)}`, new Map([[view.uri, [policyEdit(policy.name)]]]), i === 0),
    );
  }
  const name = unusedPolicyName(new Set(model.policies.map((p) => p.name)));
  const edits = [policyEdit(name), appendBlockEdit(view, [`policy ${name} {`, ...NEW_POLICY_LINES.map((l) => `  ${l}`), '}'])];
  return [quickFix(context, `Add policy '${name}' (${NEW_POLICY_LINES.join(', ')}) and use it`, new Map([[view.uri, edits]]), true)];
}
