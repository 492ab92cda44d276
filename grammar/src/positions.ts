// Offsets ↔ 0-based line/character positions (UTF-16 code units, as LSP counts them).
import { Position, Range, Span } from './ast';

/**
 * Lines [line, line + to - from) of an index: their starts are `starts[from, to)`, each
 * moved by `delta`. `to` is -1 for the part being scanned (to the array's end).
 */
interface Segment {
  readonly starts: readonly number[];
  readonly from: number;
  to: number;
  readonly delta: number;
  readonly line: number;
}

/** The most pieces an index of an edited text is made of before it is copied into one array. */
const MAX_SEGMENTS = 8;

export class LineIndex {
  /** Offset at which each line starts; a line ends at \n, \r\n or a lone \r. */
  private starts: number[] | undefined;
  /**
   * Instead of `starts`, for the text of an edit parsed again around the edit only
   * (parse.ts): the line starts before and after the edit are the previous index's arrays,
   * shared, not copied (those after it moved by the edit's length).
   */
  private segments: Segment[] | undefined;

  /**
   * `starts`, when given, are the line starts already found (the scanner finds them while
   * it reads the text, so the parser does not read it twice); they must be what the loop
   * below would find.
   */
  constructor(
    private text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    const found = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        found.push(i + 1);
      } else if (ch === 10 /* \n */) {
        found.push(i + 1);
      }
    }
    this.starts = found;
  }

  /** Holds `text`, which must equal its own, instead of its own (adoptText, parse.ts, checks). */
  adopt(text: string): void {
    this.text = text;
  }

  /**
   * The index of a new text that has `previous`'s first `lines` lines, then the lines whose
   * starts a scanner pushes onto `scanned` (the first of them line `lines`); more may be
   * appended (appendShifted), then it is sealed.
   */
  static resumed(text: string, previous: LineIndex, lines: number, scanned: number[]): LineIndex {
    const index = new LineIndex(text, scanned);
    index.starts = undefined;
    index.segments = previous.pieces(0, lines, 0, 0);
    index.segments.push({ starts: scanned, from: 0, to: -1, delta: 0, line: lines });
    return index;
  }

  /**
   * Ends the lines being scanned, then adds `previous`'s lines from `fromLine` on, each
   * start moved by `delta` (the lines after an edit: the text from there on is the same).
   */
  appendShifted(previous: LineIndex, fromLine: number, delta: number): void {
    this.seal();
    const count = this.lineCount;
    if (this.starts) {
      this.segments = [{ starts: this.starts, from: 0, to: this.starts.length, delta: 0, line: 0 }];
      this.starts = undefined;
    }
    const segments = this.segments!;
    for (const piece of previous.pieces(fromLine, previous.lineCount, delta, count - fromLine)) segments.push(piece);
    if (segments.length > MAX_SEGMENTS) this.flatten();
  }

  /** Ends the lines being scanned (see resumed). */
  seal(): void {
    const segments = this.segments;
    if (!segments) return;
    const last = segments[segments.length - 1];
    if (last.to !== -1) return;
    last.to = last.starts.length;
    if (last.to === last.from) segments.pop();
  }

  /** Lines [fromLine, toLine) as segments, their starts moved by `delta`, their numbers by `lineShift`. */
  private pieces(fromLine: number, toLine: number, delta: number, lineShift: number): Segment[] {
    const out: Segment[] = [];
    if (fromLine >= toLine) return out;
    if (this.starts) {
      out.push({ starts: this.starts, from: fromLine, to: toLine, delta, line: fromLine + lineShift });
      return out;
    }
    for (const s of this.segments!) {
      const to = s.to === -1 ? s.starts.length : s.to;
      const first = Math.max(fromLine, s.line);
      const end = Math.min(toLine, s.line + to - s.from);
      if (first >= end) continue;
      out.push({ starts: s.starts, from: s.from + first - s.line, to: s.from + end - s.line, delta: s.delta + delta, line: first + lineShift });
    }
    return out;
  }

  private flatten(): void {
    const segments = this.segments;
    if (!segments) return;
    const starts: number[] = [];
    for (const s of segments) {
      const to = s.to === -1 ? s.starts.length : s.to;
      for (let i = s.from; i < to; i++) starts.push(s.starts[i] + s.delta);
    }
    this.starts = starts;
    this.segments = undefined;
  }

  /** The segment holding line `line` (clamped to the lines there are). */
  private segmentOfLine(line: number): Segment {
    const segments = this.segments!;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid].line <= line) low = mid;
      else high = mid - 1;
    }
    return segments[low];
  }

  /** The offset at which each line starts (read only). */
  lineStarts(): readonly number[] {
    this.seal();
    this.flatten();
    return this.starts!;
  }

  get lineCount(): number {
    if (this.starts) return this.starts.length;
    const segments = this.segments!;
    const last = segments[segments.length - 1];
    return last.line + (last.to === -1 ? last.starts.length : last.to) - last.from;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    if (starts) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= clamped) low = mid;
        else high = mid - 1;
      }
      return { line: low, character: clamped - starts[low] };
    }
    // The last segment that starts at or before the offset (the first always does: line 0).
    const segments = this.segments!;
    let first = 0;
    let last = segments.length - 1;
    while (first < last) {
      const mid = (first + last + 1) >> 1;
      const s = segments[mid];
      const to = s.to === -1 ? s.starts.length : s.to;
      if (to > s.from && s.starts[s.from] + s.delta <= clamped) first = mid;
      else last = mid - 1;
    }
    const s = segments[first];
    const target = clamped - s.delta;
    let low = s.from;
    let high = (s.to === -1 ? s.starts.length : s.to) - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (s.starts[mid] <= target) low = mid;
      else high = mid - 1;
    }
    return { line: s.line + low - s.from, character: target - s.starts[low] };
  }

  /**
   * The offset of a position. As LSP says, a character beyond the line's length means the
   * end of the line (before its line break); a line beyond the last means the end.
   */
  offset(position: Position): number {
    if (position.line < 0) return 0;
    const count = this.lineCount;
    if (position.line >= count) return this.text.length;
    const start = this.lineStart(position.line);
    let end = position.line + 1 < count ? this.lineStart(position.line + 1) : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.min(start + Math.max(0, position.character), end);
  }

  lineStart(line: number): number {
    const starts = this.starts;
    if (starts) return starts[Math.max(0, Math.min(line, starts.length - 1))];
    const clamped = Math.max(0, Math.min(line, this.lineCount - 1));
    const s = this.segmentOfLine(clamped);
    return s.starts[s.from + clamped - s.line] + s.delta;
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(endOffset) };
  }

  span(startOffset: number, endOffset: number): Span {
    return { range: this.range(startOffset, endOffset), startOffset, endOffset };
  }
}
