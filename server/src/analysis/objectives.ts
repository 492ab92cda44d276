// Objective resolution (contract §5): per scenario and per objective, first match wins:
// own scenario line, own rto/rpo, policy's scenario line, policy's rto/rpo, then the plan's
// default-policy in the same order.
import { Scenario } from '../../../grammar/src/schema';
import { Entity, Model, ObjectiveStatements, ObjectiveValue, PolicyEntity } from '../model/types';
import { ObjectiveOrigin, ResolvedObjective, ResolvedObjectiveValue } from './types';

interface Source {
  statements: ObjectiveStatements;
  scenarioOrigin: ObjectiveOrigin;
  plainOrigin: ObjectiveOrigin;
  policy?: string;
}

function policyNamed(model: Model, name: string | undefined): PolicyEntity | undefined {
  return name === undefined ? undefined : model.policies.find((p) => p.name === name);
}

function sources(model: Model, entity: Entity): Source[] {
  const out: Source[] = [{ statements: entity.objectives, scenarioOrigin: 'scenario', plainOrigin: 'entity' }];
  const policy = policyNamed(model, entity.policy?.name);
  if (policy) out.push({ statements: policy.objectives, scenarioOrigin: 'policy-scenario', plainOrigin: 'policy', policy: policy.name });
  const fallback = policyNamed(model, model.plan?.defaultPolicy?.name);
  if (fallback) {
    out.push({ statements: fallback.objectives, scenarioOrigin: 'default-policy-scenario', plainOrigin: 'default-policy', policy: fallback.name });
  }
  return out;
}

function describe(origin: ObjectiveOrigin, scenario: Scenario, policy: string | undefined): string {
  switch (origin) {
    case 'scenario':
      return `its ${scenario} line`;
    case 'entity':
      return 'its own objective';
    case 'policy-scenario':
      return `policy ${policy} (${scenario} line)`;
    case 'policy':
      return `policy ${policy}`;
    case 'default-policy-scenario':
      return `the plan's default-policy ${policy} (${scenario} line)`;
    case 'default-policy':
      return `the plan's default-policy ${policy}`;
  }
}

export function resolveObjective(model: Model, entity: Entity, scenario: Scenario): ResolvedObjective {
  const out: ResolvedObjective = {};
  for (const field of ['rpo', 'rto'] as const) {
    for (const source of sources(model, entity)) {
      const candidates: [ObjectiveValue | undefined, ObjectiveOrigin][] = [
        [source.statements.scenarios[scenario]?.[field], source.scenarioOrigin],
        [source.statements[field], source.plainOrigin],
      ];
      const hit = candidates.find(([value]) => value !== undefined);
      if (hit && hit[0]) {
        const resolved: ResolvedObjectiveValue = {
          ...hit[0],
          origin: hit[1],
          describe: describe(hit[1], scenario, source.policy),
          ...(source.policy ? { policy: source.policy } : {}),
        };
        out[field] = resolved;
        break;
      }
    }
  }
  return out;
}
