// Parsing an edited file again, in time proportional to the edit (the language server does
// it on every keystroke). The parse starts over at the end of the last block before the
// edit after which the previous parse was in its initial state (resumePoint), and stops at
// the first such block end after the edit where the texts agree again; what lies before
// and after is the previous parse's, moved by how far the edit moved it (parse.ts, Resume).
// Then, in the part parsed again, the closed top-level blocks whose text is the previous
// parse's, at the same line/character positions, are replaced by the previous parse's
// nodes (reuseUnchangedBlocks). Validation (validate.ts) and the model (entities memoised
// per validated block) then recognise them, so only the blocks the edit touched are
// validated and analysed again.
import { BlockNode, FileNode } from './ast';
import { endsClean, lineIndexOf, moveBlock, parseDocument, spliceOf, withBlocks } from './parse';
import { LineIndex } from './positions';

/** `text` (a new version of `previous`'s) parsed, reusing `previous` around the edit. */
export function reparse(previous: FileNode, previousLines: LineIndex, text: string, path: string): FileNode {
  const prefix = commonPrefix(previous.text, text);
  const suffix = commonSuffix(previous.text, text, Math.min(previous.text.length, text.length) - prefix);
  const file = parseDocument(text, path, { previous, from: resumePoint(previous, previousLines, text, prefix), tail: previous.text.length - suffix });
  return reuseUnchangedBlocks(previous, previousLines, file, lineIndexOf(file), prefix, suffix);
}

/**
 * `fresh` with the unchanged blocks of `previous` in place of its own, among those it
 * parsed again (between what it kept of `previous`: parse.ts, Splice; all of them for a
 * parse from the start). `prefix` and `suffix`: the lengths of the text both share at the
 * start and at the end, when the caller has them.
 */
export function reuseUnchangedBlocks(previous: FileNode, previousLines: LineIndex, fresh: FileNode, freshLines: LineIndex, prefix = commonPrefix(previous.text, fresh.text), suffix?: number): FileNode {
  if (previous.blocks.length === 0 || fresh.blocks.length === 0) return fresh;
  const oldText = previous.text;
  const newText = fresh.text;
  const shared = suffix ?? commonSuffix(oldText, newText, Math.min(oldText.length, newText.length) - prefix);
  const delta = newText.length - oldText.length;
  const splice = spliceOf(fresh);
  const own = splice && splice.previous.deref() === previous ? splice : undefined;
  const from = own ? own.head : 0;
  const to = own ? own.tail : fresh.blocks.length;
  const oldFrom = own ? own.head : 0;
  const oldTo = own ? own.previousTail : previous.blocks.length;
  if (from >= to || oldFrom >= oldTo) return fresh;
  const byStart = new Map<number, number>();
  for (let i = from; i < to; i++) {
    const b = fresh.blocks[i];
    if (b.closeBrace) byStart.set(b.startOffset, i);
  }
  let blocks: BlockNode[] | undefined;
  for (let k = oldFrom; k < oldTo; k++) {
    const old = previous.blocks[k];
    if (!old.closeBrace) continue;
    const start = old.startOffset;
    const end = old.endOffset;
    // Before the edit: the text up to the block's end is the same, and so are the line
    // starts a position in it depends on (those at or before it).
    const before = end <= prefix;
    // After it: the block's text is in the shared end and starts at the same line and
    // character (then so is every position in it: the text from there on is the same).
    let after = false;
    if (!before && start >= oldText.length - shared) {
      const was = previousLines.position(start);
      const now = freshLines.position(start + delta);
      after = was.line === now.line && was.character === now.character;
    }
    if (!before && !after) continue;
    const shift = before ? 0 : delta;
    const at = byStart.get(start + shift);
    if (at === undefined) continue;
    const block = fresh.blocks[at];
    // The same text, and the same state of the parse after it (see Frame.clean in parse.ts).
    if (block.endOffset !== end + shift || endsClean(block) !== endsClean(old)) continue;
    if (!moveBlock(old, freshLines, shift)) continue;
    (blocks ??= fresh.blocks.slice())[at] = old;
  }
  return blocks ? withBlocks(fresh, blocks) : fresh;
}

/**
 * Where a parse of `text` may start over after `previous` (parse.ts, Resume): the end of
 * the last top-level block that lies in the text both share at the start and after which
 * the previous parse was in its initial state (endsClean); 0 when there is none.
 */
export function resumePoint(previous: FileNode, previousLines: LineIndex, text: string, prefix = commonPrefix(previous.text, text)): number {
  const blocks = previous.blocks;
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (blocks[mid].endOffset <= prefix) low = mid + 1;
    else high = mid;
  }
  for (let i = low - 1; i >= 0; i--) if (endsClean(blocks[i])) return blocks[i].endOffset;
  return 0;
}

/** Characters compared at once by the common prefix and suffix (a string comparison, native). */
const CHUNK = 4096;

/** The length of the text `a` and `b` share at the start: whole chunks first, then characters. */
export function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let at = 0;
  while (at + CHUNK <= limit && a.slice(at, at + CHUNK) === b.slice(at, at + CHUNK)) at += CHUNK;
  while (at < limit && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** The length of the text `a` and `b` share at the end, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + CHUNK <= limit && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
