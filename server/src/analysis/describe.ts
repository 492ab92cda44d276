// Plain words for messages and hovers: durations in compound notation, copies by what they
// are ("hourly backups"), RTO parts as "detect 1m + provision 20m + switch 1m".
import { StatementNode } from '../../../grammar/src/ast';
import { ParsedProperty } from '../../../grammar/src/validate';
import { BACKUP_TYPE_SPECS } from '../../../grammar/src/schema';
import { formatDuration, smallInteger } from '../../../grammar/src/units';
import { Backup } from '../model/types';
import { RtoPart } from './types';

/** A duration for messages: whole seconds from one second up (restore times are fractional). */
export function fmt(seconds: number): string {
  let text = formatted.get(seconds);
  if (text === undefined) {
    text = formatDuration(seconds >= 1 ? Math.round(seconds) : seconds);
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(seconds, text);
  }
  return text;
}

// The durations formatted lately: the paths and assumptions of every entity repeat the
// same few (`lag 30s`, `every 1d`), each formatted anew before (a string per use, garbage
// once the shared description is found). Bounded: emptied when full.
const FORMATTED_LIMIT = 4096;
const formatted = new Map<number, string>();

/** A statement's source text with whitespace (and continued lines) collapsed. */
export function statementText(text: string, statement: StatementNode): string {
  const slice = text.slice(statement.startOffset, statement.endOffset);
  return isCollapsed(slice) ? slice : slice.replace(/\s*,\s*/g, ', ').replace(/\s+/g, ' ').trim();
}

/** A path's `via`: the statement's source text, or `preset NAME: STATEMENT` when a preset implies it. */
export function propertyText(text: string, property: ParsedProperty): string {
  return property.implied ? property.implied.via : statementText(text, property.statement);
}

/** A copy's description, naming the implied statement when a preset implies it (docs/diagnostics.md). */
export function withOrigin(description: string, property: ParsedProperty | undefined): string {
  return property?.implied ? `${description} (${property.implied.via})` : description;
}

/**
 * Whether collapsing would leave the text as it is: printable ASCII, single spaces between
 * words, each comma followed by one space. Most statements are, and skip two regex passes.
 */
function isCollapsed(text: string): boolean {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === last) return false;
      const next = text.charCodeAt(i + 1);
      if (next === 32 || next === 44) return false;
    } else if (c === 44) {
      if (i === last || text.charCodeAt(i + 1) !== 32) return false;
    } else if (c < 32 || c > 126) {
      return false;
    }
  }
  return true;
}

const CADENCE: readonly [number, string][] = [
  [3600, 'hourly'],
  [86400, 'daily'],
  [7 * 86400, 'weekly'],
];

/** "hourly backups", "log backups every 5m", "snapshots every 6h". */
export function describeBackup(backup: Pick<Backup, 'type' | 'every'>): string {
  const noun = BACKUP_TYPE_SPECS[backup.type].noun;
  const cadence = CADENCE.find(([seconds]) => seconds === backup.every);
  return cadence ? `${cadence[1]} ${noun}` : `${noun} every ${fmt(backup.every)}`;
}

/** "detect 1m + provision 20m + deploy 10m + switch 1m"; zero parts are left out. */
export function describeParts(parts: readonly RtoPart[]): string {
  const shown = parts.filter((p) => p.seconds !== 0);
  if (shown.length === 0) return parts.length > 0 ? `${parts[0].name} 0s` : '0s';
  return shown.map((p) => `${p.name} ${p.seconds === null ? 'unknown' : fmt(p.seconds)}`).join(' + ');
}

/** Sum of the parts; null when any part is unknown. */
export function sumParts(parts: readonly RtoPart[]): number | null {
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const seconds = parts[i].seconds;
    if (seconds === null) return null;
    total += seconds;
  }
  // Kept in every path and estimate: a whole number of seconds unboxed (units.ts).
  return smallInteger(total);
}
