// Units of the language: durations, sizes, rates, dates. Parsing of literal text into
// normalised numbers, and formatting of numbers back into the compound notation.

export const DURATION_UNITS: Readonly<Record<string, number>> = {
  w: 604800,
  d: 86400,
  h: 3600,
  m: 60,
  s: 1,
  ms: 0.001,
};

/** Duration units from largest to smallest: compound durations go in this order. */
const DURATION_ORDER = ['w', 'd', 'h', 'm', 's', 'ms'];

export const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  PiB: 1024 ** 5,
};

export const RATE_PERIODS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

export type LiteralResult =
  | { kind: 'number' | 'duration' | 'size' | 'rate' | 'percent' | 'date'; value: number }
  | { kind: 'invalid'; problem: string; hint?: string };

const NUMBER = /^\d+(?:\.\d+)?/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION_PART = /(\d+(?:\.\d+)?)([a-z]+)/gy;

/**
 * A whole number within 32 bits as a small integer (V8's Smi, held in the field that
 * refers to it); any other number as it is (-0 stays -0). A literal's value is read out
 * of a field that also holds fractions, which makes a boxed number of 16 bytes, and the
 * model's and the estimates' numbers computed from it were boxed too: about 1.3 bytes per
 * byte of source in a big workspace (docs/benchmarks.md, Hostile big inputs).
 */
export function smallInteger(value: number): number {
  const int = value | 0;
  return int === value && (int !== 0 || 1 / value > 0) ? int : value;
}

/**
 * The largest values drspec accepts (docs/language.md, "Limits"): far beyond any real
 * plan, and small enough that every estimate computed from them (RPO × write-rate,
 * size ÷ restore-rate, sums over dependencies) stays a finite number that prints in
 * plain digits. A literal beyond them is an `invalid-value`.
 */
export const LIMITS = {
  /** 100 years. */
  durationSeconds: 36500 * 86400,
  durationText: '36500d, i.e. 100 years',
  sizeBytes: 1e18,
  sizeText: '1000PB',
  /** Also the largest plain number and percent. */
  number: 1e15,
  numberText: '1000000000000000',
  rateBytesPerSecond: 1e18,
  rateText: '1000PB/s',
  /** The smallest rate other than 0: 1B/d. */
  minRateBytesPerSecond: 1 / 86400,
  minRateText: '1B/d',
} as const;

/** Classifies a literal that starts with a digit (the lexer's NumericLiteral token). */
export function parseNumericLiteral(text: string): LiteralResult {
  return withinLimits(text, simpleLiteral(text) ?? parseLiteral(text));
}

function withinLimits(text: string, result: LiteralResult): LiteralResult {
  switch (result.kind) {
    case 'duration':
      return result.value <= LIMITS.durationSeconds ? result : tooLarge(text, 'duration', LIMITS.durationText);
    case 'size':
      return result.value <= LIMITS.sizeBytes ? result : tooLarge(text, 'size', LIMITS.sizeText);
    case 'rate':
      if (result.value > LIMITS.rateBytesPerSecond) return tooLarge(text, 'rate', LIMITS.rateText);
      if (result.value > 0 && result.value < LIMITS.minRateBytesPerSecond * (1 - 1e-12)) {
        return { kind: 'invalid', problem: `'${text}' is less than the smallest rate drspec accepts other than 0 (${LIMITS.minRateText})` };
      }
      return result;
    case 'number':
    case 'percent':
      return result.value <= LIMITS.number ? result : tooLarge(text, 'number', LIMITS.numberText);
    default:
      return result;
  }
}

function tooLarge(text: string, what: string, limit: string): LiteralResult {
  const shown = text.length > 40 ? `${text.slice(0, 20)}…${text.slice(-8)}` : text;
  return { kind: 'invalid', problem: `'${shown}' is more than the largest ${what} drspec accepts (${limit})` };
}

/**
 * A unit of one to three ASCII characters as a number (Map keys that need no string), or
 * -1 for anything else.
 */
function unitCode(text: string, from: number, to: number): number {
  if (to - from < 1 || to - from > 3) return -1;
  let code = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return -1;
    code = code * 128 + c;
  }
  return code;
}

function byCode(table: Readonly<Record<string, number>>): ReadonlyMap<number, number> {
  const out = new Map<number, number>();
  for (const [unit, factor] of Object.entries(table)) {
    const code = unitCode(unit, 0, unit.length);
    if (code >= 0) out.set(code, factor);
  }
  return out;
}

const DURATION_BY_CODE = byCode(DURATION_UNITS);
const SIZE_BY_CODE = byCode(SIZE_UNITS);
const RATE_PERIOD_BY_CODE = byCode(RATE_PERIODS);

/**
 * The common literals — `30`, `1.5`, `50%`, `15m`, `200GB`, `1GB/h` — read character by
 * character: no regular expression and no string made (every numeric literal of every file
 * goes through here while typing). Undefined for anything else, which parseLiteral handles;
 * both give the same result where both apply (test/unit/units.test.ts compares them).
 */
function simpleLiteral(text: string): LiteralResult | undefined {
  const length = text.length;
  let i = 0;
  let mantissa = 0;
  let digits = 0;
  let scale = 1;
  while (i < length && isDigit(text.charCodeAt(i))) {
    mantissa = mantissa * 10 + (text.charCodeAt(i) - 48);
    i++;
  }
  if (i === 0) return undefined;
  digits = i;
  if (text.charCodeAt(i) === 46 /* . */ && isDigit(text.charCodeAt(i + 1))) {
    i++;
    while (i < length && isDigit(text.charCodeAt(i))) {
      mantissa = mantissa * 10 + (text.charCodeAt(i) - 48);
      scale *= 10;
      digits++;
      i++;
    }
  }
  // With at most 15 digits the mantissa and the power of ten are exact, so their quotient
  // is correctly rounded: the number Number() reads from the same digits.
  const amount = digits <= 15 ? mantissa / scale : Number(text.slice(0, i));
  if (i === length) return { kind: 'number', value: amount };
  if (i === length - 1 && text.charCodeAt(i) === 37 /* % */) return { kind: 'percent', value: amount };
  const code = unitCode(text, i, length);
  if (code >= 0) {
    const seconds = DURATION_BY_CODE.get(code);
    if (seconds !== undefined) return { kind: 'duration', value: amount * seconds };
    const bytes = SIZE_BY_CODE.get(code);
    if (bytes !== undefined) return { kind: 'size', value: amount * bytes };
  }
  const slash = text.indexOf('/', i);
  if (slash < 0) return undefined;
  const unit = SIZE_BY_CODE.get(unitCode(text, i, slash));
  const period = RATE_PERIOD_BY_CODE.get(unitCode(text, slash + 1, length));
  if (unit === undefined || period === undefined) return undefined;
  return { kind: 'rate', value: (amount * unit) / period };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The general classification, for any literal (exported for the test comparing the two). */
export function parseNumericLiteralSlowly(text: string): LiteralResult {
  return withinLimits(text, parseLiteral(text));
}

function parseLiteral(text: string): LiteralResult {
  const date = DATE.exec(text);
  if (date) return parseDate(+date[1], +date[2], +date[3]);
  if (text.includes('-')) return { kind: 'invalid', problem: `'${text}' is not a valid date (use YYYY-MM-DD)` };

  const numberMatch = NUMBER.exec(text);
  if (!numberMatch) return { kind: 'invalid', problem: `'${text}' is not a number` };
  const numberText = numberMatch[0];
  const rest = text.slice(numberText.length);
  const amount = Number(numberText);
  if (rest === '') return { kind: 'number', value: amount };
  if (rest === '%') return { kind: 'percent', value: amount };

  const slash = rest.indexOf('/');
  if (slash >= 0) return parseRate(text, amount, rest.slice(0, slash), rest.slice(slash + 1));
  if (rest in SIZE_UNITS) return { kind: 'size', value: amount * SIZE_UNITS[rest] };
  const sizeHint = suggestSizeUnit(rest);
  if (/^[a-z]/.test(rest)) {
    // `10gb`, `10kb`: a size unit in the wrong case, not a duration.
    const duration = parseDuration(text);
    if (duration.kind === 'invalid' && sizeHint) return invalidUnit(text, `${numberText}${sizeHint}`, 'size unit');
    return duration;
  }
  if (sizeHint) return invalidUnit(text, `${numberText}${sizeHint}`, 'size unit');
  return { kind: 'invalid', problem: `'${text}' has an unknown unit '${rest}'` };
}

function invalidUnit(text: string, suggestion: string, what: string): LiteralResult {
  return { kind: 'invalid', problem: `'${text}' has an unknown ${what}; did you mean '${suggestion}'?`, hint: suggestion };
}

function parseDate(year: number, month: number, day: number): LiteralResult {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    const text = `${year}-${pad2(month)}-${pad2(day)}`;
    return { kind: 'invalid', problem: `'${text}' is not a real calendar date` };
  }
  return { kind: 'date', value: ms / 86400000 };
}

function parseRate(text: string, amount: number, sizeUnit: string, period: string): LiteralResult {
  const numberText = text.slice(0, text.length - sizeUnit.length - period.length - 1);
  const unit = SIZE_UNITS[sizeUnit] ?? undefined;
  const seconds = RATE_PERIODS[period];
  if (unit === undefined) {
    const hint = suggestSizeUnit(sizeUnit);
    if (hint) return invalidUnit(text, `${numberText}${hint}/${seconds === undefined ? 's' : period}`, 'size unit');
    return { kind: 'invalid', problem: `'${text}' has an unknown size unit '${sizeUnit}'` };
  }
  if (seconds === undefined) {
    const periodHint = suggestDurationUnit(period);
    const fixed = periodHint && periodHint in RATE_PERIODS ? periodHint : 's';
    return invalidUnit(text, `${numberText}${sizeUnit}/${fixed}`, 'rate period (use /s, /m, /h or /d)');
  }
  return { kind: 'rate', value: (amount * unit) / seconds };
}

function parseDuration(text: string): LiteralResult {
  let total = 0;
  let lastOrder = -1;
  let index = 0;
  const fixedParts: string[] = [];
  let bad = false;
  DURATION_PART.lastIndex = 0;
  while (index < text.length) {
    DURATION_PART.lastIndex = index;
    const part = DURATION_PART.exec(text);
    if (!part) {
      return { kind: 'invalid', problem: `'${text}' is not a duration (write e.g. 90s, 15m, 1h30m)` };
    }
    index = DURATION_PART.lastIndex;
    const unit = part[2];
    const order = DURATION_ORDER.indexOf(unit);
    if (order < 0) {
      bad = true;
      // There is no year unit: `1y` means 365d, not 1d.
      const years = YEAR_WORDS.has(unit) ? `${Number(part[1]) * 365}d` : undefined;
      fixedParts.push(years ?? part[1] + (suggestDurationUnit(unit) ?? unit));
      continue;
    }
    fixedParts.push(part[1] + unit);
    if (order <= lastOrder) {
      return {
        kind: 'invalid',
        problem: `'${text}': the parts of a compound duration must go from the largest unit to the smallest (w d h m s ms), each once`,
      };
    }
    lastOrder = order;
    total += Number(part[1]) * DURATION_UNITS[unit];
  }
  if (!bad) return { kind: 'duration', value: total };
  const suggestion = fixedParts.join('');
  if (suggestion !== text && parseDuration(suggestion).kind === 'duration') {
    return invalidUnit(text, suggestion, 'duration unit');
  }
  return { kind: 'invalid', problem: `'${text}' has an unknown duration unit (use ms, s, m, h, d or w)` };
}

const YEAR_WORDS: ReadonlySet<string> = new Set(['y', 'yr', 'yrs', 'year', 'years']);

const DURATION_ALIASES: Readonly<Record<string, string>> = {
  sec: 's', secs: 's', second: 's', seconds: 's',
  min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  day: 'd', days: 'd', wk: 'w', week: 'w', weeks: 'w',
  msec: 'ms', millis: 'ms', M: 'm', H: 'h', S: 's', D: 'd', W: 'w',
};

function suggestDurationUnit(unit: string): string | undefined {
  return DURATION_ALIASES[unit] ?? DURATION_ALIASES[unit.toLowerCase()];
}

/** `Gb`, `gb`, `kb`, `gib` → the unit meant (case-insensitive match). */
export function suggestSizeUnit(unit: string): string | undefined {
  const lower = unit.toLowerCase();
  for (const candidate of Object.keys(SIZE_UNITS)) {
    if (candidate.toLowerCase() === lower) return candidate;
  }
  const withB = lower.endsWith('b') ? lower : `${lower}b`;
  for (const candidate of Object.keys(SIZE_UNITS)) {
    if (candidate.toLowerCase() === withB) return candidate;
  }
  return undefined;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Seconds in the compound notation users write: 4500 → `1h15m`, 0 → `0s`,
 * 0.25 → `250ms`. Weeks are not used (7d reads better than 1w in messages).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds <= 0) return '0s';
  let rest = Math.round(seconds * 1000);
  let out = '';
  for (const [unit, size] of [['d', 86400000], ['h', 3600000], ['m', 60000], ['s', 1000], ['ms', 1]] as const) {
    if (rest >= size) {
      const count = Math.floor(rest / size);
      out += `${plainDigits(count)}${unit}`;
      rest -= count * size;
    }
  }
  return out || '0s';
}

/** A whole number in plain digits, also beyond 1e21 where String() switches to `1e+21`. */
function plainDigits(n: number): string {
  return Math.abs(n) < 1e21 ? String(n) : BigInt(Math.round(n)).toString();
}

/** Bytes in the largest decimal unit that keeps the number readable: 8333333 → `8.33MB`. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units: [string, number][] = [['PB', 1e15], ['TB', 1e12], ['GB', 1e9], ['MB', 1e6], ['KB', 1e3]];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${trimNumber(bytes / size)}${unit}`;
  }
  return `${trimNumber(bytes)}B`;
}

/** Bytes per second, e.g. `200MB/s`. */
export function formatRate(bytesPerSecond: number): string {
  return `${formatSize(bytesPerSecond)}/s`;
}

function trimNumber(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return Math.abs(rounded) < 1e21 ? String(rounded) : plainDigits(rounded);
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function formatDate(days: number): string {
  return new Date(days * 86400000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → days since 1970-01-01, or undefined when not a real date. */
export function parseDateText(text: string): number | undefined {
  const result = parseNumericLiteral(text);
  return result.kind === 'date' ? result.value : undefined;
}
