// Objective resolution (docs/analysis.md, section 2): per scenario and per objective, first match wins:
// own scenario line, own rto/rpo, policy's scenario line, policy's rto/rpo, then the plan's
// default-policy in the same order.
import { Scenario } from '../../../grammar/src/schema';
import { Entity, Model, ObjectiveStatements, ObjectiveValue, PolicyEntity } from '../model/types';
import { ObjectiveOrigin, ResolvedObjective, ResolvedObjectiveValue } from './types';

/** One place objectives can come from, in resolution order. */
export interface ObjectiveSource {
  statements: ObjectiveStatements;
  scenarioOrigin: ObjectiveOrigin;
  plainOrigin: ObjectiveOrigin;
  /** describe() of plainOrigin, which does not depend on the scenario. */
  plainDescribe: string;
  policy?: string;
}

function source(statements: ObjectiveStatements, scenarioOrigin: ObjectiveOrigin, plainOrigin: ObjectiveOrigin, policy?: string): ObjectiveSource {
  const plainDescribe = describe(plainOrigin, 'node-failure', policy);
  if (policy === undefined) return { statements, scenarioOrigin, plainOrigin, plainDescribe };
  return { statements, scenarioOrigin, plainOrigin, plainDescribe, policy };
}

/**
 * Where entities' objectives come from: the entity, its policy, the plan's default-policy.
 * One per model: policies are looked up by name in a table built once, and the sources of
 * a policy are shared by every entity that uses it.
 */
export class ObjectiveSources {
  private readonly policies = new Map<string, PolicyEntity>();
  private readonly ofPolicy = new Map<PolicyEntity, ObjectiveSource>();
  private readonly fallback?: ObjectiveSource;

  constructor(model: Model) {
    // Names of model.policies are unique: duplicates lost to the first declaration.
    for (const policy of model.policies) this.policies.set(policy.name, policy);
    const defaultPolicy = model.plan?.defaultPolicy;
    const fallback = defaultPolicy === undefined ? undefined : this.policies.get(defaultPolicy.name);
    if (fallback) this.fallback = source(fallback.objectives, 'default-policy-scenario', 'default-policy', fallback.name);
  }

  of(entity: Entity): ObjectiveSource[] {
    const out: ObjectiveSource[] = [source(entity.objectives, 'scenario', 'entity')];
    const policy = entity.policy === undefined ? undefined : this.policies.get(entity.policy.name);
    if (policy) {
      let shared = this.ofPolicy.get(policy);
      if (!shared) this.ofPolicy.set(policy, (shared = source(policy.objectives, 'policy-scenario', 'policy', policy.name)));
      out.push(shared);
    }
    if (this.fallback) out.push(this.fallback);
    return out;
  }
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

// Fields written out rather than spread: object spread is a slow path on this hot loop.
function resolved(value: ObjectiveValue, origin: ObjectiveOrigin, describes: string, policy: string | undefined): ResolvedObjectiveValue {
  if (policy) return { seconds: value.seconds, node: value.node, property: value.property, path: value.path, origin, describe: describes, policy };
  return { seconds: value.seconds, node: value.node, property: value.property, path: value.path, origin, describe: describes };
}

function resolveField(sources: readonly ObjectiveSource[], scenario: Scenario, field: 'rpo' | 'rto'): ResolvedObjectiveValue | undefined {
  for (const source of sources) {
    const line = source.statements.scenarios[scenario]?.[field];
    if (line !== undefined) return resolved(line, source.scenarioOrigin, describe(source.scenarioOrigin, scenario, source.policy), source.policy);
    const plain = source.statements[field];
    if (plain !== undefined) return resolved(plain, source.plainOrigin, source.plainDescribe, source.policy);
  }
  return undefined;
}

/** The objectives of one scenario from an entity's sources (see ObjectiveSources). */
export function resolveFromSources(sources: readonly ObjectiveSource[], scenario: Scenario): ResolvedObjective {
  const out: ResolvedObjective = {};
  const rpo = resolveField(sources, scenario, 'rpo');
  if (rpo) out.rpo = rpo;
  const rto = resolveField(sources, scenario, 'rto');
  if (rto) out.rto = rto;
  return out;
}

export function resolveObjective(model: Model, entity: Entity, scenario: Scenario): ResolvedObjective {
  return resolveFromSources(new ObjectiveSources(model).of(entity), scenario);
}
