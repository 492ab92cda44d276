// What the report takes from the advice work (contract v1.1 §5 assumptions, §8 accepted
// risks), in one module: the assumptions of each estimate, and the acceptances of each
// entity (a seam: empty until the model carries `accept` statements).
import { Scenario } from '../../../grammar/src/schema';
import { EntityEstimate, ScenarioEstimate } from '../analysis/types';

/** A value the estimate used that the spec does not state (contract §5). */
export interface AssumptionView {
  what: string;
  value: string;
  /** `default`, or `preset NAME` with the figure's kind and source. */
  from: string;
}

/** One `accept` statement as the register lists it (contract §8). */
export interface AcceptanceView {
  codes: string[];
  /** Empty: every scenario. */
  scenarios: Scenario[];
  /** Days since 1970-01-01. */
  until?: number;
  reason: string;
  /** `policy NAME` when the acceptance is written in a policy the entity uses. */
  from?: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** The estimate's assumptions (§5) in words; a service's own first, then its dependencies'. */
export function assumptionsOf(estimate: ScenarioEstimate): AssumptionView[] {
  return estimate.assumptions.map((a) => ({
    what: a.entity ? `${a.entity}: ${a.what}` : a.what,
    value: a.value,
    from: a.from.kind === 'default' ? `default${a.note ? ` ${a.note}` : ''}` : `preset ${a.from.preset}, ${a.from.figureKind}: ${a.from.source}`,
  }));
}

/** The acceptances that apply to an entity's findings. */
export function acceptancesOf(estimate: EntityEstimate): AcceptanceView[] {
  const list = (estimate.entity as { acceptances?: unknown }).acceptances;
  if (!Array.isArray(list)) return [];
  return list
    .filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null)
    .map((a) => ({
      codes: Array.isArray(a.codes) ? a.codes.map(text) : [],
      scenarios: Array.isArray(a.scenarios) ? (a.scenarios.map(text) as Scenario[]) : [],
      until: typeof a.until === 'number' ? a.until : undefined,
      reason: text(a.reason),
      from: typeof a.from === 'string' ? a.from : undefined,
    }));
}
