// What a literal means, for hovers: durations in seconds (and in compound notation when
// written otherwise), sizes in bytes, rates in bytes per second, dates as weekdays.
import { ValueNode } from '../../../grammar/src/ast';
import { formatDate, formatDuration, formatRate, formatSize } from '../../../grammar/src/units';

const WEEKDAYS = ['Thursday', 'Friday', 'Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday'];

/**
 * `n` as `toLocaleString('en-US', { maximumFractionDigits: 3 })` writes it (`86,400`, `1.5`,
 * `0.333`), without ICU: the first number format a process makes puts about 6 MB of ICU's
 * data and code into its resident memory, for one hover. Like the number format, it rounds
 * the shortest decimal that reads back as `n` (what `String(n)` writes), half away from zero.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
  const negative = n < 0 || Object.is(n, -0);
  // String(x) is `123.45`, `1.5e-7` or `1.5e+22`: its digits, and how many of them stand
  // before the decimal point (negative or beyond the digits for an exponent).
  const written = String(Math.abs(n));
  const e = written.indexOf('e');
  const mantissa = e < 0 ? written : written.slice(0, e);
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + (e < 0 ? 0 : Number(written.slice(e + 1)));
  let whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  let fraction = point >= 0 ? digits.slice(point) : '0'.repeat(-point) + digits;
  if (fraction.length > FRACTION_DIGITS) {
    const up = fraction.charCodeAt(FRACTION_DIGITS) >= 53; // '5'
    fraction = fraction.slice(0, FRACTION_DIGITS);
    if (up) {
      const rounded = (BigInt(whole + fraction) + 1n).toString().padStart(FRACTION_DIGITS + 1, '0');
      whole = rounded.slice(0, -FRACTION_DIGITS);
      fraction = rounded.slice(-FRACTION_DIGITS);
    }
  }
  fraction = fraction.replace(/0+$/, '');
  let grouped = '';
  for (let end = whole.length; end > 0; end -= 3) grouped = whole.slice(Math.max(0, end - 3), end) + (grouped ? `,${grouped}` : '');
  const text = fraction ? `${grouped}.${fraction}` : grouped;
  return negative ? `-${text}` : text;
}

const FRACTION_DIGITS = 3;

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** "in 3 days", "12 days ago", "today". */
function relativeDays(days: number, today: number): string {
  const delta = days - today;
  if (delta === 0) return 'today';
  return delta > 0 ? `in ${plural(delta, 'day')}` : `${plural(-delta, 'day')} ago`;
}

/** One line of Markdown for a literal, or undefined when there is nothing to add. */
export function valueMarkdown(node: ValueNode, today: number): string | undefined {
  const value = node.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return node.kind === 'invalid' && node.problem ? node.problem : undefined;
  }
  switch (node.kind) {
    case 'duration': {
      const compound = formatDuration(value);
      const same = compound === node.text ? '' : ` = \`${compound}\``;
      return `\`${node.text}\`${same} = ${plural(value, 'second')}`;
    }
    case 'size': {
      const decimal = formatSize(value);
      const same = decimal === node.text ? '' : ` ≈ ${decimal}`;
      return `\`${node.text}\` = ${plural(value, 'byte')}${same}`;
    }
    case 'rate':
      return `\`${node.text}\` = ${formatCount(value)} bytes per second (${formatSize(value * 3600)}/h, ${formatSize(value * 86400)}/d)${formatRate(value) === node.text ? '' : ` ≈ ${formatRate(value)}`}`;
    case 'date': {
      const weekday = WEEKDAYS[((Math.floor(value) % 7) + 7) % 7];
      return `\`${formatDate(value)}\` is a ${weekday}, ${relativeDays(value, today)}`;
    }
    case 'percent':
      return `\`${node.text}\` = ${formatCount(value / 100)}`;
    default:
      return undefined;
  }
}
