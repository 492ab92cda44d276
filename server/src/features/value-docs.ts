// What a literal means, for hovers: durations in seconds (and in compound notation when
// written otherwise), sizes in bytes, rates in bytes per second, dates as weekdays.
import { ValueNode } from '../../../grammar/src/ast';
import { formatDate, formatDuration, formatRate, formatSize } from '../../../grammar/src/units';

const WEEKDAYS = ['Thursday', 'Friday', 'Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday'];

function count(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
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
      return `\`${node.text}\` = ${count(value)} bytes per second (${formatSize(value * 3600)}/h, ${formatSize(value * 86400)}/d)${formatRate(value) === node.text ? '' : ` ≈ ${formatRate(value)}`}`;
    case 'date': {
      const weekday = WEEKDAYS[((Math.floor(value) % 7) + 7) % 7];
      return `\`${formatDate(value)}\` is a ${weekday}, ${relativeDays(value, today)}`;
    }
    case 'percent':
      return `\`${node.text}\` = ${count(value / 100)}`;
    default:
      return undefined;
  }
}
