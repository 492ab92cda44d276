// Objective resolution (docs/analysis.md, section 2): per scenario and per objective, first match wins:
// own scenario line, own rto/rpo, policy's scenario line, policy's rto/rpo, then the plan's
// default-policy in the same order.
import { Scenario, SCENARIOS } from '../../../grammar/src/schema';
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
  /**
   * The values resolved from it, by field and scenario (index 4: the plain rto/rpo line):
   * every entity of a policy shares them, and an entity's own plain objective is one
   * object for its four scenarios (docs/benchmarks.md, Hostile big inputs).
   */
  resolved?: (ResolvedObjectiveValue | undefined)[];
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
  if (policy) return Object.freeze({ seconds: value.seconds, node: value.node, property: value.property, path: value.path, origin, describe: describes, policy });
  return Object.freeze({ seconds: value.seconds, node: value.node, property: value.property, path: value.path, origin, describe: describes });
}

/** A field's slot in ObjectiveSource.resolved: per field, the four scenarios' lines, then the plain line. */
const SLOTS = SCENARIOS.length + 1;
const SCENARIO_SLOTS: Record<Scenario, number> = Object.fromEntries(SCENARIOS.map((s, i) => [s, i])) as Record<Scenario, number>;

// The value resolved once per source, field and scenario (shared, frozen), kept in a slot:
// no key string nor closure per lookup (every entity looks up two fields in four scenarios).
function resolveField(sources: readonly ObjectiveSource[], scenario: Scenario, field: 'rpo' | 'rto'): ResolvedObjectiveValue | undefined {
  const base = field === 'rpo' ? 0 : SLOTS;
  for (const source of sources) {
    const line = source.statements.scenarios[scenario]?.[field];
    if (line !== undefined) {
      const slots = (source.resolved ??= new Array<ResolvedObjectiveValue | undefined>(2 * SLOTS).fill(undefined));
      const at = base + SCENARIO_SLOTS[scenario];
      return (slots[at] ??= resolved(line, source.scenarioOrigin, describe(source.scenarioOrigin, scenario, source.policy), source.policy));
    }
    const plain = source.statements[field];
    if (plain !== undefined) {
      const slots = (source.resolved ??= new Array<ResolvedObjectiveValue | undefined>(2 * SLOTS).fill(undefined));
      return (slots[base + SLOTS - 1] ??= resolved(plain, source.plainOrigin, source.plainDescribe, source.policy));
    }
  }
  return undefined;
}

export const NO_OBJECTIVE: ResolvedObjective = Object.freeze({});
/** Stands for an absent value in the table of pairs. */
const ABSENT = Object.freeze({}) as ResolvedObjectiveValue;
/** One ResolvedObjective per distinct pair of values (weakly: they go with their sources). */
const pairs = new WeakMap<ResolvedObjectiveValue, WeakMap<ResolvedObjectiveValue, ResolvedObjective>>();

/** The objectives of one scenario from an entity's sources (see ObjectiveSources); shared and frozen. */
export function resolveFromSources(sources: readonly ObjectiveSource[], scenario: Scenario): ResolvedObjective {
  const rpo = resolveField(sources, scenario, 'rpo');
  const rto = resolveField(sources, scenario, 'rto');
  if (!rpo && !rto) return NO_OBJECTIVE;
  let byRto = pairs.get(rpo ?? ABSENT);
  if (!byRto) pairs.set(rpo ?? ABSENT, (byRto = new WeakMap()));
  let found = byRto.get(rto ?? ABSENT);
  if (!found) {
    const out: ResolvedObjective = {};
    if (rpo) out.rpo = rpo;
    if (rto) out.rto = rto;
    byRto.set(rto ?? ABSENT, (found = Object.freeze(out)));
  }
  return found;
}

export function resolveObjective(model: Model, entity: Entity, scenario: Scenario): ResolvedObjective {
  return resolveFromSources(new ObjectiveSources(model).of(entity), scenario);
}
