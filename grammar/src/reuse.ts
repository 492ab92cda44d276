// Block reuse after an edit (the language server parses an edited file again, from the
// last unchanged block before the edit: resumePoint): the closed top-level blocks of the
// new parse whose text is the previous parse's, at the same line/character positions, are
// replaced by the previous parse's nodes, moved by how far the edit moved them (parse.ts,
// moveBlock). Validation (validate.ts) and the model (entities memoised per validated
// block) then recognise them, so only the blocks the edit touched are validated and
// analysed again. Blocks before the edit always qualify; blocks after it when the edit
// kept the line breaks before them (typing within a line).
import { BlockNode, FileNode } from './ast';
import { moveBlock, withBlocks } from './parse';
import { LineIndex } from './positions';

/** `fresh` with the unchanged blocks of `previous` in place of its own (same file otherwise). */
/** `prefix`: commonPrefix of the two texts, when the caller has it. */
export function reuseUnchangedBlocks(previous: FileNode, previousLines: LineIndex, fresh: FileNode, freshLines: LineIndex, prefix = commonPrefix(previous.text, fresh.text)): FileNode {
  if (previous.blocks.length === 0 || fresh.blocks.length === 0) return fresh;
  const oldText = previous.text;
  const newText = fresh.text;
  // The text both share at the start, and at the end.
  const limit = Math.min(oldText.length, newText.length);
  const suffix = commonSuffix(oldText, newText, limit - prefix);
  const delta = newText.length - oldText.length;
  // After the edit, a block keeps its line/character positions when the line count is the
  // same and every line start from its first line on moved by `delta` alike: then from the
  // line after the last one whose start did not.
  const oldStarts = previousLines.lineStarts();
  const newStarts = freshLines.lineStarts();
  let firstSame = Number.POSITIVE_INFINITY;
  if (oldStarts.length === newStarts.length) {
    let line = newStarts.length - 1;
    while (line >= 0 && newStarts[line] === oldStarts[line] + delta) line--;
    firstSame = line + 1;
  }
  const byStart = new Map<number, BlockNode>();
  for (const b of fresh.blocks) if (b.closeBrace) byStart.set(b.startOffset, b);
  const at = new Map<BlockNode, number>();
  fresh.blocks.forEach((b, i) => at.set(b, i));
  let blocks: BlockNode[] | undefined;
  for (const old of previous.blocks) {
    if (!old.closeBrace) continue;
    const start = old.startOffset;
    const end = old.endOffset;
    // Before the edit: the text up to the block's end is the same, and so are the line
    // starts a position in it depends on (those at or before it).
    const before = end <= prefix;
    // After it: the block's text is in the shared end, from a line whose start moved alike.
    const after = !before && start >= oldText.length - suffix && freshLines.position(start + delta).line >= firstSame;
    if (!before && !after) continue;
    const shift = before ? 0 : delta;
    const block = byStart.get(start + shift);
    if (!block || block.endOffset !== end + shift) continue;
    if (block === old) continue; // already the previous parse's (a resumed parse keeps them)
    if (!moveBlock(old, freshLines, shift)) continue;
    (blocks ??= fresh.blocks.slice())[at.get(block)!] = old;
  }
  return blocks ? withBlocks(fresh, blocks) : fresh;
}

/**
 * Where a parse of `text` may start over after `previous` (parse.ts, Resume): the end of
 * the last closed top-level block that lies in the text both share at the start and before
 * any syntax error of the previous parse (so every block before it is closed too, and no
 * comment or string is open there); 0 when there is none.
 */
export function resumePoint(previous: FileNode, previousLines: LineIndex, text: string, prefix = commonPrefix(previous.text, text)): number {
  let end = prefix;
  for (const e of previous.syntaxErrors) end = Math.min(end, previousLines.offset(e.range.start));
  let from = 0;
  for (const b of previous.blocks) {
    if (!b.closeBrace || b.endOffset > end) break;
    from = b.endOffset;
  }
  return from;
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
