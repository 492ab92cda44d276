// Units: literal classification and normalisation (units.ts), and the compound
// notation used in messages.
import { strict as assert } from 'assert';
import { DURATION_UNITS, formatDate, formatDuration, formatRate, formatSize, parseDateText, parseNumericLiteral, parseNumericLiteralSlowly, SIZE_UNITS } from '../../grammar/src/units';

describe('units: parseNumericLiteral', () => {
  const valid: [string, string, number][] = [
    ['12', 'number', 12],
    ['99.5', 'number', 99.5],
    ['0', 'number', 0],
    ['50%', 'percent', 50],
    ['12.5%', 'percent', 12.5],
    ['250ms', 'duration', 0.25],
    ['90s', 'duration', 90],
    ['15m', 'duration', 900],
    ['2h', 'duration', 7200],
    ['1d', 'duration', 86400],
    ['1w', 'duration', 604800],
    ['1.5h', 'duration', 5400],
    ['1h30m', 'duration', 5400],
    ['2d12h', 'duration', 216000],
    ['1w2d3h4m5s6ms', 'duration', 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5 + 0.006],
    ['1m30s', 'duration', 90],
    ['1B', 'size', 1],
    ['2KB', 'size', 2e3],
    ['200MB', 'size', 200e6],
    ['10GB', 'size', 10e9],
    ['3TB', 'size', 3e12],
    ['1PB', 'size', 1e15],
    ['1KiB', 'size', 1024],
    ['1MiB', 'size', 1024 ** 2],
    ['1.5GiB', 'size', 1.5 * 1024 ** 3],
    ['2TiB', 'size', 2 * 1024 ** 4],
    ['1PiB', 'size', 1024 ** 5],
    ['500MB/s', 'rate', 500e6],
    ['60MB/m', 'rate', 1e6],
    ['5GB/h', 'rate', 5e9 / 3600],
    ['864GB/d', 'rate', 1e7],
    ['1GiB/s', 'rate', 1024 ** 3],
    ['1970-01-02', 'date', 1],
    ['2024-02-29', 'date', 19782],
    ['2026-12-31', 'date', 20818],
  ];
  for (const [text, kind, value] of valid) {
    it(`${text} is a ${kind} of ${value}`, () => {
      const result = parseNumericLiteral(text);
      assert.equal(result.kind, kind);
      assert.ok(result.kind !== 'invalid');
      assert.ok(Math.abs(result.value - value) < 1e-9, `${result.value} ≠ ${value}`);
    });
  }

  const invalid: [string, RegExp, string | undefined][] = [
    ['5min', /unknown duration unit/, '5m'],
    ['2hours', /unknown duration unit/, '2h'],
    ['10sec', /unknown duration unit/, '10s'],
    ['1y', /unknown duration unit/, '365d'],
    ['2years', /unknown duration unit/, '730d'],
    ['1h1h', /largest unit to the smallest/, undefined],
    ['30m1h', /largest unit to the smallest/, undefined],
    ['10Gb', /unknown size unit/, '10GB'],
    ['10gb', /unknown size unit/, '10GB'],
    ['10kb', /unknown size unit/, '10KB'],
    ['1gib', /unknown size unit/, '1GiB'],
    ['5Gb/s', /unknown size unit/, '5GB/s'],
    ['5GB/x', /rate period/, '5GB/s'],
    ['5GB/sec', /rate period/, '5GB/s'],
    ['5XB/s', /unknown size unit 'XB'/, undefined],
    ['2026-02-30', /not a real calendar date/, undefined],
    ['2025-02-29', /not a real calendar date/, undefined],
    ['2024-13-01', /not a real calendar date/, undefined],
    ['2024-00-10', /not a real calendar date/, undefined],
    ['2024-1-1', /not a valid date/, undefined],
    ['1e5', /not a duration/, undefined],
    ['1.5.2', /unknown unit/, undefined],
    ['7%%', /unknown unit/, undefined],
  ];
  for (const [text, problem, hint] of invalid) {
    it(`${text} is invalid${hint ? `, did you mean ${hint}` : ''}`, () => {
      const result = parseNumericLiteral(text);
      assert.equal(result.kind, 'invalid');
      if (result.kind !== 'invalid') return;
      assert.match(result.problem, problem);
      assert.equal(result.hint, hint);
    });
  }
});

describe('units: formatting', () => {
  const durations: [number, string][] = [
    [0, '0s'],
    [0.25, '250ms'],
    [59, '59s'],
    [60, '1m'],
    [4500, '1h15m'],
    [86400, '1d'],
    [90061, '1d1h1m1s'],
    [604800, '7d'],
  ];
  for (const [seconds, text] of durations) {
    it(`formatDuration(${seconds}) = ${text}`, () => assert.equal(formatDuration(seconds), text));
  }
  it('formatDuration output parses back to the same seconds', () => {
    for (const seconds of [1, 61, 3599, 3661, 86399, 1234567]) {
      const back = parseNumericLiteral(formatDuration(seconds));
      assert.ok(back.kind === 'duration' && back.value === seconds, formatDuration(seconds));
    }
  });
  it('formatSize and formatRate use the largest decimal unit', () => {
    assert.equal(formatSize(8333333), '8.33MB');
    assert.equal(formatSize(999), '999B');
    assert.equal(formatSize(200e9), '200GB');
    assert.equal(formatRate(200e6), '200MB/s');
  });
  it('dates convert both ways', () => {
    assert.equal(formatDate(19782), '2024-02-29');
    assert.equal(parseDateText('2024-02-29'), 19782);
    assert.equal(parseDateText('2025-02-29'), undefined);
    assert.equal(parseDateText('soon'), undefined);
  });
});

describe('units: limits', () => {
  const invalid: [string, RegExp][] = [
    ['9'.repeat(400) + 's', /more than the largest duration drspec accepts \(36500d, i\.e\. 100 years\)/],
    ['99999999999w', /more than the largest duration/],
    ['36501d', /more than the largest duration/],
    ['999999999999PB', /more than the largest size drspec accepts \(1000PB\)/],
    ['1001PB/s', /more than the largest rate drspec accepts \(1000PB\/s\)/],
    ['0.5B/d', /less than the smallest rate drspec accepts other than 0 \(1B\/d\)/],
    ['1' + '0'.repeat(16), /more than the largest number/],
    ['1e308', /not a duration/],
  ];
  for (const [text, problem] of invalid) {
    it(`${text.length > 20 ? text.slice(0, 20) + '…' : text} is invalid`, () => {
      const result = parseNumericLiteral(text);
      assert.equal(result.kind, 'invalid');
      assert.match(result.kind === 'invalid' ? result.problem : '', problem);
    });
  }
  it('the limits themselves, and 0B/s, are valid', () => {
    for (const text of ['36500d', '1000PB', '1000PB/s', '1B/d', '0B/s', '1000000000000000']) assert.notEqual(parseNumericLiteral(text).kind, 'invalid', text);
  });
  it('the largest estimates print in plain digits', () => {
    assert.equal(formatDuration(1e18 / (1 / 86400)), '1000000000000000000d');
    assert.equal(formatSize(36500 * 86400 * 1e18), '3153600000000PB');
    assert.doesNotMatch(formatSize(1e40), /e\+/);
    assert.doesNotMatch(formatDuration(1e30), /e\+/);
  });
});

describe('units: limits in a check', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkSources } = require('../../server/src/check') as typeof import('../../server/src/check');
  it('restore-rate 0B/s is an invalid-value; write-rate 0B/s is fine; no estimate is infinite', () => {
    const text = `datastore d {\n  rpo ${'9'.repeat(400)}s\n  size 1TB\n  restore-rate 0B/s\n  write-rate 0B/s\n  backup full every 1d to geo\n}\n`;
    const result = checkSources([{ path: 'x.drspec', text }], { today: 20000 });
    const invalid = (result.diagnostics.get('x.drspec') ?? []).filter((d) => d.code === 'invalid-value');
    assert.deepEqual(invalid.map((d) => d.range.start.line), [1, 3]);
    assert.match(invalid[1].message, /'restore-rate' must be more than 0B\/s/);
    const numbers = JSON.stringify(result.analysis.entities.map((e) => e.scenarios.map((s) => [s.rpoSeconds, s.rtoSeconds, s.dataAtRiskBytes, s.rpoMet, s.rtoMet])));
    assert.doesNotMatch(numbers, /null,null,null,true|Infinity|NaN/);
    for (const s of result.analysis.entities[0].scenarios) assert.notEqual(s.rpoMet, true, 'no objective is met by an absurd value');
  });
});

describe('units: the fast path agrees with the general one', () => {
  it('on numbers, percents, durations, sizes and rates of every unit, and near-misses', () => {
    const units = ['', '%', ...Object.keys(DURATION_UNITS), ...Object.keys(SIZE_UNITS), 'b', 'kb', 'Gb', 'min', 'x', '.', '%%', 'h30m', 'GB/', '/s', 'MB/s', 'GB/h', 'KiB/m', 'PB/d', 'GB/x', 'Gb/s', 'GB/s/s', 'ms/s'];
    const numbers = ['0', '1', '7', '10', '99.5', '0.1', '0.25', '1.5', '3.14159', '123456789012345', '1234567890123456', '99999999999999999999', '0.000000000000001', '1.0000000000000001', '00012', '5.', '2026-01-31'];
    for (const n of numbers) {
      for (const u of units) {
        const text = n + u;
        assert.deepStrictEqual(parseNumericLiteral(text), parseNumericLiteralSlowly(text), text);
      }
    }
  });
});
