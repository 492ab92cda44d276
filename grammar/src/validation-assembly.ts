// A file's validation put together block by block, from blocks validated now and from
// runs of a previous version's validation (validate.ts, validateFile): the runs are
// recorded as slices and copied once into lists of their exact length at the end, so
// that a keystroke in a file of thousands of blocks copies its lists once rather than
// growing them entry by entry (each growth a new, larger copy).
import { Diagnostic } from './ast';
import type { ParsedBlock } from './validate';

/** What validateFile keeps of a version for the next one. */
export interface BlockIndex {
  diagnostics: Diagnostic[];
  blocks: ParsedBlock[];
  /** Per block of the file: the end of its diagnostics in `diagnostics`. */
  blockEnds?: Int32Array;
  /** Per block of the file: the end of its ParsedBlock (if any) in `blocks`. */
  parsedEnds?: Int32Array;
}

/** A slice [start, end) of a list. */
interface Slice<T> {
  from: readonly T[];
  start: number;
  end: number;
}

export class ValidationAssembly {
  readonly blockEnds: Int32Array;
  readonly parsedEnds: Int32Array;
  private at = 0;
  private diagnosticCount = 0;
  private blockCount = 0;
  private readonly diagnosticSlices: Slice<Diagnostic>[] = [];
  private readonly blockSlices: Slice<ParsedBlock>[] = [];
  /** What the blocks validated now add, in order (their slices point into these). */
  private readonly fresh: Diagnostic[] = [];
  private readonly freshBlocks: ParsedBlock[] = [];

  constructor(count: number) {
    this.blockEnds = new Int32Array(count);
    this.parsedEnds = new Int32Array(count);
  }

  /** The validation of `previous`'s blocks [from, to), appended. */
  take(previous: BlockIndex, from: number, to: number): void {
    if (to <= from) return;
    const ends = previous.blockEnds!;
    const parsed = previous.parsedEnds!;
    const d0 = from === 0 ? 0 : ends[from - 1];
    const p0 = from === 0 ? 0 : parsed[from - 1];
    const dn = ends[to - 1];
    const pn = parsed[to - 1];
    const d = this.diagnosticCount - d0;
    const p = this.blockCount - p0;
    for (let i = from; i < to; i++) {
      this.blockEnds[this.at] = ends[i] + d;
      this.parsedEnds[this.at] = parsed[i] + p;
      this.at++;
    }
    add(this.diagnosticSlices, previous.diagnostics, d0, dn);
    add(this.blockSlices, previous.blocks, p0, pn);
    this.diagnosticCount += dn - d0;
    this.blockCount += pn - p0;
  }

  private opened = 0;

  /** Starts a block validated now: its diagnostics go to the list returned, then close() (no closure per block). */
  open(): Diagnostic[] {
    this.opened = this.fresh.length;
    return this.fresh;
  }

  /** Ends the block open() started, with its ParsedBlock (undefined: none). */
  close(parsed: ParsedBlock | undefined): void {
    this.appendBlock(parsed, this.opened);
  }

  /** A block without diagnostics whose interpretation is `parsed` (undefined: none). */
  kept(parsed: ParsedBlock | undefined): void {
    this.appendBlock(parsed, this.fresh.length);
  }

  private appendBlock(parsed: ParsedBlock | undefined, start: number): void {
    const fresh = this.fresh;
    add(this.diagnosticSlices, fresh, start, fresh.length);
    this.diagnosticCount += fresh.length - start;
    if (parsed) {
      this.freshBlocks.push(parsed);
      add(this.blockSlices, this.freshBlocks, this.freshBlocks.length - 1, this.freshBlocks.length);
      this.blockCount++;
    }
    this.blockEnds[this.at] = this.diagnosticCount;
    this.parsedEnds[this.at] = this.blockCount;
    this.at++;
  }

  /** The file's diagnostics and ParsedBlocks, each in one list. */
  finish(): { diagnostics: Diagnostic[]; blocks: ParsedBlock[] } {
    return { diagnostics: joined(this.diagnosticSlices, this.diagnosticCount, this.fresh), blocks: joined(this.blockSlices, this.blockCount, this.freshBlocks) };
  }
}

/** Appends a slice, merged with the last one when it continues it. */
function add<T>(slices: Slice<T>[], from: readonly T[], start: number, end: number): void {
  if (end <= start) return;
  const last = slices[slices.length - 1];
  if (last && last.from === from && last.end === start) last.end = end;
  else slices.push({ from, start, end });
}

function joined<T>(slices: readonly Slice<T>[], count: number, fresh: T[]): T[] {
  // Everything validated now (a first validation): the list as it grew.
  if (slices.length === 1 && slices[0].from === fresh && slices[0].start === 0 && slices[0].end === fresh.length) return fresh;
  const out = new Array<T>(count);
  let at = 0;
  for (const { from, start, end } of slices) for (let i = start; i < end; i++) out[at++] = from[i];
  return out;
}
