// What the report takes from the advice work (docs/analysis.md assumptions, docs/language.md accepted
// risks), in one module: the assumptions of each estimate in words, and the acceptances
// that apply to an entity.
import { AcceptanceRecord, policyOf } from '../analysis/acceptance';
import { EntityEstimate, ScenarioEstimate } from '../analysis/types';
import { Acceptance, Model } from '../model/types';

/** A value the estimate used that the spec does not state (docs/analysis.md). */
export interface AssumptionView {
  what: string;
  value: string;
  /** `default`, or `preset NAME` with the figure's kind and source. */
  from: string;
}

/** The estimate's assumptions (docs/analysis.md) in words; a service's own first, then its dependencies'. */
export function assumptionsOf(estimate: ScenarioEstimate): AssumptionView[] {
  return estimate.assumptions.map((a) => ({
    what: a.entity ? `${a.entity}: ${a.what}` : a.what,
    value: a.value,
    from: a.from.kind === 'default' ? `default${a.note ? ` ${a.note}` : ''}` : `preset ${a.from.preset}, ${a.from.figureKind}: ${a.from.source}`,
  }));
}

/** The acceptances that apply to an entity's findings now: its own and its policy's, not expired. */
export function activeAcceptances(model: Model, records: readonly AcceptanceRecord[], estimate: EntityEstimate): Acceptance[] {
  const policy = policyOf(model, estimate.entity);
  const out: Acceptance[] = [];
  for (const r of records) {
    if (r.expired) continue;
    const owner = r.acceptance.owner;
    const mine = owner.kind === estimate.kind && owner.name === estimate.name;
    const policys = policy !== undefined && owner.kind === 'policy' && owner.name === policy.name;
    if (mine || policys) out.push(r.acceptance);
  }
  return out;
}
