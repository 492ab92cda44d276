// Accepted risks (v1.1): hand-worked cases of `accept` in datastores, services and
// policies — partial acceptance by scenario, expiry, unused acceptances, policy-level
// acceptances — and the invalid forms.
import { strict as assert } from 'assert';
import { parseDateText } from '../../grammar/src/units';
import { checkText, checkJson, summarize } from '../../server/src/cli/report';
import { CheckResult } from '../../server/src/check';
import { at, format, run } from '../fixtures/analysis/helpers';
import { diagnosticScenarios } from '../../grammar/src/diagnostic-data';

function report(result: CheckResult, path = 'test.drspec'): { path: string; diagnostics: NonNullable<ReturnType<CheckResult['diagnostics']['get']>> } {
  return { path, diagnostics: result.diagnostics.get(path) ?? [] };
}

/** Reported findings (not accepted) and accepted ones, as `line:col severity code: message`. */
function split(result: CheckResult): { reported: string[]; accepted: string[] } {
  const all = result.diagnostics.get('test.drspec') ?? [];
  return {
    reported: all.filter((d) => !d.accepted).map(format),
    accepted: all.filter((d) => d.accepted).map((d) => `${format(d)} [${d.accepted!.until ?? '-'}: ${d.accepted!.reason}]`),
  };
}

/** `line:col severity code`. */
function head(line: string): string {
  return /^\d+:\d+ \S+ \S+(?=:)/.exec(line)?.[0] ?? line;
}

// No copy outside the zone and no backup: lost in zone-failure, region-failure and
// data-corruption (three scenarios), kept only in node-failure.
const LAB = (accept: string): string => `datastore lab {
  rpo 1d
  rto 1d
${accept}}
`;

describe('accept: partial acceptance by scenario', () => {
  const result = run(LAB('  accept total-loss in zone-failure region-failure until 2026-12-31 "single-rack lab, rebuilt by hand"\n'));

  it('reports the finding for the remaining scenario only, and lists the accepted part', () => {
    const { reported, accepted } = split(result);
    assert.deepEqual(reported, [
      '1:11 error total-loss: no copy of lab survives data-corruption: all of its data would be lost (data-corruption: replicas carry the corruption and no backup is kept as long as corruption may go unnoticed)',
    ]);
    assert.deepEqual(accepted, [
      '1:11 error total-loss: no copy of lab survives zone-failure, region-failure: all of its data would be lost (zone-failure: the live data is in one zone and no copy is kept outside it; region-failure: no copy is kept outside the home region) [2026-12-31: single-rack lab, rebuilt by hand]',
    ]);
    const acceptedOne = (result.diagnostics.get('test.drspec') ?? []).find((d) => d.accepted)!;
    assert.deepEqual(diagnosticScenarios(acceptedOne), ['zone-failure', 'region-failure']);
    assert.equal(at({ range: acceptedOne.accepted!.range } as never), '4:3-4:103');
  });

  it('accepted findings count apart: the summary, the exit-relevant errors, text and JSON', () => {
    const files = [report(result)];
    assert.deepEqual(summarize(files), { errors: 1, warnings: 0, infos: 0, accepted: 1 });
    const text = checkText(files);
    assert.ok(!text.includes('zone-failure, region-failure'), 'accepted findings are hidden in text');
    assert.match(text, /1 error, 0 warnings, 0 infos, 1 accepted in 1 file\n$/);
    assert.match(
      checkText(files, undefined, true),
      /^test\.drspec:1:11: accepted total-loss: no copy of lab survives zone-failure, region-failure: .* \(accepted until 2026-12-31: single-rack lab, rebuilt by hand\)$/m,
    );
    const json = JSON.parse(checkJson(files));
    const accepted = json.files[0].diagnostics.filter((d: { accepted?: unknown }) => d.accepted);
    assert.equal(accepted.length, 1);
    assert.deepEqual(accepted[0].accepted, { reason: 'single-rack lab, rebuilt by hand', until: '2026-12-31' });
    assert.equal(accepted[0].severity, 'error');
    assert.deepEqual(json.summary, { errors: 1, warnings: 0, infos: 0, accepted: 1 });
  });

  it('covering every scenario accepts the finding whole; without `in` too', () => {
    const all = run(LAB('  accept total-loss in zone-failure region-failure data-corruption "lab"\n'));
    assert.deepEqual(split(all).reported, []);
    assert.equal(split(all).accepted.length, 1);
    const bare = run(LAB('  accept total-loss "lab"\n'));
    assert.deepEqual(split(bare).reported, []);
    assert.match(split(bare).accepted[0], /zone-failure, region-failure, data-corruption: .*\[-: lab\]$/);
  });

  it('two acceptances with different reasons each accept their part', () => {
    const r = run(LAB('  accept total-loss in zone-failure "zone: rack spare"\n  accept total-loss in region-failure data-corruption "region: accepted by the CTO"\n'));
    const { reported, accepted } = split(r);
    assert.deepEqual(reported, []);
    assert.equal(accepted.length, 2);
    assert.match(accepted[0], /survives zone-failure: .*\[-: zone: rack spare\]$/);
    assert.match(accepted[1], /survives region-failure, data-corruption: .*\[-: region: accepted by the CTO\]$/);
  });
});

describe('accept: expiry', () => {
  const text = LAB('  accept total-loss until 2026-06-01 "until the new rack arrives"\n');

  it('applies up to and including the until date', () => {
    const r = run(text, parseDateText('2026-06-01')!);
    assert.deepEqual(split(r).reported, []);
    assert.equal(split(r).accepted.length, 1);
  });

  it('on the day after, acceptance-expired on the date and the findings come back', () => {
    const r = run(text, parseDateText('2026-06-02')!);
    const { reported, accepted } = split(r);
    assert.deepEqual(accepted, []);
    assert.deepEqual(reported.map(head), ['1:11 error total-loss', '4:27 warning acceptance-expired']);
    const expired = (r.diagnostics.get('test.drspec') ?? []).find((d) => d.code === 'acceptance-expired')!;
    assert.equal(at(expired), '4:27-4:37');
    assert.match(expired.message, /^the acceptance of total-loss for lab expired after 2026-06-01: its findings are reported again/);
  });
});

describe('accept: unused acceptances', () => {
  it('an acceptance that matches no finding is unused-acceptance on the statement', () => {
    const r = run(`datastore db {
  redundancy zone
  backup full every 1h retain 7d to geo
  verify-restore every 30d
  rpo 1d
  accept rpo-unachievable "the hourly backups are slow"
  accept total-loss in region-failure "it is in a geo backup anyway"
}
`);
    assert.deepEqual(split(r).reported, [
      '6:3 warning unused-acceptance: accept rpo-unachievable matches no finding of db: remove it, or correct its codes and scenarios',
      '7:3 warning unused-acceptance: accept total-loss in region-failure matches no finding of db: remove it, or correct its codes and scenarios',
    ]);
  });

  it('a scenario the finding does not have leaves it unused', () => {
    const r = run(LAB('  accept total-loss in node-failure "never lost on a node failure"\n'));
    assert.deepEqual(split(r).reported.map(head), ['1:11 error total-loss', '4:3 warning unused-acceptance']);
  });
});

describe('accept: policy-level acceptances', () => {
  const result = run(`plan "P" {
  default-policy internal
}
policy internal {
  rpo 1d
  accept untested "restores are rehearsed by the platform team, outside this repository"
}
policy other {
  rpo 1d
}
datastore by-policy {
  redundancy zone
  backup full every 1h to geo
  policy internal
}
datastore by-default {
  redundancy zone
  backup full every 1h to geo
}
datastore own-policy {
  redundancy zone
  backup full every 1h to geo
  policy other
}
`);

  it('accepts the findings of entities using the policy, directly or as the default policy', () => {
    const { reported, accepted } = split(result);
    assert.deepEqual(reported, ['20:11 warning untested: own-policy has backups but no verify-restore: its restores are untested']);
    assert.deepEqual(accepted, [
      '11:11 warning untested: by-policy has backups but no verify-restore: its restores are untested [-: restores are rehearsed by the platform team, outside this repository]',
      '16:11 warning untested: by-default has backups but no verify-restore: its restores are untested [-: restores are rehearsed by the platform team, outside this repository]',
    ]);
    const d = (result.diagnostics.get('test.drspec') ?? []).find((x) => x.accepted)!;
    assert.deepEqual(d.accepted!.owner, { kind: 'policy', name: 'internal' });
  });

  it('the register lists every acceptance with its use', () => {
    assert.deepEqual(
      result.analysis.acceptances.map((r) => [r.acceptance.owner.name, r.acceptance.codes, r.acceptance.reason.slice(0, 8), r.used, r.expired]),
      [['internal', ['untested'], 'restores', true, false]],
    );
  });

  it('a policy acceptance nobody needs is unused', () => {
    const r = run('policy p {\n  rpo 1d\n  accept untested "x"\n}\n');
    assert.deepEqual(split(r).reported, ['3:3 warning unused-acceptance: accept untested matches no finding of the entities using policy p: remove it, or correct its codes and scenarios']);
  });
});

describe('accept: services and the forms the schema refuses', () => {
  it('a service accepts its own no-recovery', () => {
    const r = run('service tool {\n  rto 1d\n  accept no-recovery in zone-failure region-failure "internal tool, one zone on purpose"\n}\n');
    assert.deepEqual(split(r).reported, []);
    assert.equal(split(r).accepted.length, 1);
  });

  it('syntax and schema codes cannot be accepted; a reason is required', () => {
    const r = run('datastore d {\n  rpo 1d\n  accept syntax "x"\n  accept total-loss\n  accept total-loss ""\n  accept "no code"\n}\n');
    assert.deepEqual(split(r).reported.filter((l) => !/total-loss: no copy/.test(l)), [
      "3:10 error invalid-value: 'syntax' cannot be accepted: syntax and schema errors cannot be accepted, only the analysis codes from rpo-unachievable to estimate-incomplete",
      "4:3 error missing-value: 'accept' needs a reason in quotes (why the risk is accepted: required, for reviewers and auditors), e.g. accept total-loss in region-failure until 2027-06-30 \"single-region internal tool\"",
      "5:3 error missing-value: 'accept' needs a non-empty reason (why the risk is accepted: required, for reviewers and auditors), e.g. accept total-loss in region-failure until 2027-06-30 \"single-region internal tool\"",
      "6:3 error missing-value: 'accept' needs one or more of rpo-unachievable … estimate-incomplete, e.g. accept total-loss in region-failure until 2027-06-30 \"single-region internal tool\"",
    ]);
  });

  it('an acceptance whose `in` or `until` is invalid accepts nothing (it would be wider than written)', () => {
    const r = run(LAB('  accept total-loss in zone-falure "typo"\n  accept total-loss until 2026-02-30 "bad date"\n'));
    assert.deepEqual(split(r).accepted, []);
  });

  it('unused-acceptance and acceptance-expired cannot themselves be accepted', () => {
    const r = run(LAB('  accept unused-acceptance "x"\n'));
    assert.match(split(r).reported.join('\n'), /4:10 error invalid-value: 'unused-acceptance' cannot be accepted/);
  });
});
