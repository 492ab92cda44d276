// Accepted risks (v1.1): `accept` statements of datastores, services and policies applied
// to the analysis findings. A finding is accepted when an acceptance of its entity (or of
// the policy the entity uses) names its code and covers all of its scenarios; when one
// covers only some, the finding is split: reported for the remaining scenarios, accepted
// for the others. Expired acceptances accept nothing (`acceptance-expired` on their date);
// an acceptance that accepts nothing is `unused-acceptance`.
import { AcceptedInfo, Diagnostic } from '../../../grammar/src/ast';
import { Scenario, SCENARIOS } from '../../../grammar/src/schema';
import { isAnalysisCode } from '../../../grammar/src/diagnostic-codes';
import { formatDate } from '../../../grammar/src/units';
import { Acceptance, Entity, Model, PolicyEntity } from '../model/types';
import { makeDiagnostic, Report } from './diagnostics/common';
import { diagnosticEntity, diagnosticScenarios } from '../../../grammar/src/diagnostic-data';

/** Rebuilds a finding for some of its scenarios (message and data for those only). */
export type Rebuild = (scenarios: Scenario[]) => Diagnostic;

/** One acceptance with what became of it: for `drspec report`'s risk register. */
export interface AcceptanceRecord {
  acceptance: Acceptance;
  /** Today is after `until`. */
  expired: boolean;
  /** It accepted at least one finding (or part of one). */
  used: boolean;
}

/** The codes an `accept` statement may name: the registry's analysis codes. */
export const isAcceptableCode = isAnalysisCode;

/** Whether a diagnostic is an accepted finding (not an error or warning to fix). */
export function isAccepted(d: Pick<Diagnostic, 'accepted'>): boolean {
  return d.accepted !== undefined;
}

/** The policy whose acceptances apply to an entity: its own `policy`, else the plan's default. */
export function policyOf(model: Model, entity: Entity): PolicyEntity | undefined {
  const name = entity.policy ? entity.policy.name : model.plan?.defaultPolicy?.name;
  return name === undefined ? undefined : model.names.policy.get(name);
}

export class Acceptances {
  private readonly records = new Map<Acceptance, AcceptanceRecord>();
  private readonly active = new Map<Entity, Acceptance[]>();

  /**
   * `entities`: whose own acceptances to record (every entity of the model by default). An
   * analysis patch (patch.ts) applies the acceptances to a few entities' findings only.
   */
  constructor(
    private readonly model: Model,
    private readonly today: number,
    entities: readonly Entity[] = model.entities,
  ) {
    for (const p of model.policies) for (let i = 0; i < p.acceptances.length; i++) this.record(p.acceptances[i]);
    for (const e of entities) for (let i = 0; i < e.acceptances.length; i++) this.record(e.acceptances[i]);
  }

  /** The (winning) entity of a kind and name. */
  private entity(kind: string, name: string): Entity | undefined {
    return kind === 'datastore' ? this.model.names.datastore.get(name) : kind === 'service' ? this.model.names.service.get(name) : undefined;
  }

  /** Marks acceptances as used again (an entity's findings reused from an earlier analysis). */
  markUsed(used: readonly Acceptance[]): void {
    for (const a of used) {
      const record = this.records.get(a);
      if (record) record.used = true;
    }
  }

  private record(a: Acceptance): void {
    this.records.set(a, { acceptance: a, expired: a.until !== undefined && this.today > a.until.days, used: false });
  }

  /** The entity's unexpired acceptances: its own first, then its policy's, in statement order. */
  private activeFor(entity: Entity): Acceptance[] {
    let list = this.active.get(entity);
    if (!list) {
      const all = [...entity.acceptances, ...(policyOf(this.model, entity)?.acceptances ?? [])];
      list = all.filter((a) => !this.records.get(a)?.expired);
      this.active.set(entity, list);
    }
    return list;
  }

  /**
   * The diagnostics to report for a finding: as is, accepted, or split by scenario into the
   * part still reported and the accepted parts (one per acceptance). Without `rebuild` a
   * finding that is only partly covered is reported in full. The acceptances that accept
   * something are added to `used` when given.
   */
  apply(d: Diagnostic, rebuild?: Rebuild, used?: Acceptance[]): Diagnostic[] {
    if (!isAcceptableCode(d.code) || this.records.size === 0) return [d];
    const of = diagnosticEntity(d);
    const entity = of ? this.entity(of.kind, of.name) : undefined;
    if (!entity) return [d];
    const candidates = this.activeFor(entity).filter((a) => a.codes.includes(d.code));
    if (candidates.length === 0) return [d];
    const scenarios: Scenario[] = [...diagnosticScenarios(d)];
    // A finding about no scenario in particular (untested, drill-overdue, …): any acceptance
    // of its code covers it, `in` or not (it has no scenario left uncovered).
    if (scenarios.length === 0) return [this.accept(d, candidates[0], used)];
    const parts = new Map<Acceptance, Scenario[]>();
    const remaining: Scenario[] = [];
    for (const s of scenarios) {
      const by = candidates.find((a) => !a.scenarios || a.scenarios.includes(s));
      if (!by) remaining.push(s);
      else {
        const part = parts.get(by);
        if (part) part.push(s);
        else parts.set(by, [s]);
      }
    }
    if (parts.size === 0) return [d];
    if (remaining.length === 0 && parts.size === 1) return [this.accept(d, [...parts.keys()][0], used)];
    if (!rebuild) return [d];
    const out: Diagnostic[] = [];
    if (remaining.length > 0) out.push(rebuild(ordered(remaining)));
    for (const [a, part] of parts) out.push(this.accept(rebuild(ordered(part)), a, used));
    return out;
  }

  private accept(d: Diagnostic, a: Acceptance, used: Acceptance[] | undefined): Diagnostic {
    const record = this.records.get(a);
    if (record) record.used = true;
    if (used && !used.includes(a)) used.push(a);
    const info: AcceptedInfo = { reason: a.reason, path: a.path, range: a.property.statement.range, owner: a.owner };
    if (a.until) info.until = formatDate(a.until.days);
    d.accepted = info;
    return d;
  }

  /** `acceptance-expired` and `unused-acceptance`, once every finding has gone through apply. */
  finish(report: Report): void {
    for (const { acceptance: a, expired, used } of this.records.values()) {
      const owner = a.owner.kind === 'policy' ? `the entities using policy ${a.owner.name}` : a.owner.name;
      const what = `${a.codes.join(', ')}${a.scenarios ? ` in ${a.scenarios.join(', ')}` : ''}`;
      const entity = a.owner.kind === 'policy' ? undefined : this.entity(a.owner.kind, a.owner.name);
      if (expired && a.until) {
        report(
          a.path,
          makeDiagnostic({
            code: 'acceptance-expired',
            entity,
            range: a.until.node.range,
            message: `the acceptance of ${what} for ${owner} expired after ${formatDate(a.until.days)}: its findings are reported again; fix them or accept them anew with a new date ("${a.reason}")`,
            data: { codes: a.codes, until: a.until.days, today: this.today, statement: a.property.statement.range },
          }),
        );
      } else if (!used) {
        report(
          a.path,
          makeDiagnostic({
            code: 'unused-acceptance',
            entity,
            range: a.property.statement.range,
            message: `accept ${what} matches no finding of ${owner}: remove it, or correct its codes and scenarios`,
            data: { codes: a.codes, statement: a.property.statement.range },
          }),
        );
      }
    }
  }

  /** Every acceptance of the model (policies first, then entities, in model order). */
  list(): AcceptanceRecord[] {
    return [...this.records.values()];
  }
}

function ordered(scenarios: readonly Scenario[]): Scenario[] {
  return SCENARIOS.filter((s) => scenarios.includes(s));
}
