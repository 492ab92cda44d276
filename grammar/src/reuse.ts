// Block reuse after an edit (the language server re-parses an edited file whole): the
// closed top-level blocks of the new parse whose text stands at the same offsets and the
// same line/character positions as in the previous parse are replaced by the previous
// parse's nodes. Validation (validate.ts) and the model (entities memoised per validated
// block) then recognise them, so only the blocks around the edit are validated and
// analysed again. Blocks before the edit always qualify; blocks after it when the edit
// kept the text's length and line breaks (a replaced word, a toggled value).
import { BlockNode, FileNode } from './ast';
import { rebindBlock, withBlocks } from './parse';
import { LineIndex } from './positions';

/** `fresh` with the unchanged blocks of `previous` in place of its own (same file otherwise). */
export function reuseUnchangedBlocks(previous: FileNode, previousLines: LineIndex, fresh: FileNode, freshLines: LineIndex): FileNode {
  if (previous.blocks.length === 0 || fresh.blocks.length === 0) return fresh;
  const oldText = previous.text;
  const newText = fresh.text;
  // The text both share at the start, and at the end (where it stands at the same offsets
  // only when the length is unchanged).
  const limit = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  const sameLength = oldText.length === newText.length;
  let suffixStart = newText.length;
  if (sameLength) while (suffixStart > prefix && oldText.charCodeAt(suffixStart - 1) === newText.charCodeAt(suffixStart - 1)) suffixStart--;
  // After the edit, positions are the same from the first line whose start, and every later
  // one, are the same (at the same index: the line count must not have changed).
  const oldStarts = previousLines.lineStarts();
  const newStarts = freshLines.lineStarts();
  let lastDifferent = Number.POSITIVE_INFINITY;
  if (sameLength && oldStarts.length === newStarts.length) {
    lastDifferent = newStarts.length - 1;
    while (lastDifferent >= 0 && oldStarts[lastDifferent] === newStarts[lastDifferent]) lastDifferent--;
  }
  const byStart = new Map<number, BlockNode>();
  for (const b of previous.blocks) if (b.closeBrace) byStart.set(b.startOffset, b);
  let blocks: BlockNode[] | undefined;
  for (let i = 0; i < fresh.blocks.length; i++) {
    const block = fresh.blocks[i];
    const old = byStart.get(block.startOffset);
    if (!old || !block.closeBrace || old.endOffset !== block.endOffset) continue;
    const start = block.startOffset;
    const end = block.endOffset;
    // Before the edit the text up to the block's end is the same, and so are the line
    // starts a position in it depends on (those at or before it).
    const before = end <= prefix;
    if (!before && !(sameLength && start >= suffixStart && freshLines.position(start).line > lastDifferent)) continue;
    rebindBlock(old, block);
    (blocks ??= fresh.blocks.slice())[i] = old;
  }
  return blocks ? withBlocks(fresh, blocks) : fresh;
}

/**
 * Where a parse of `text` may start over after `previous` (parse.ts, Resume): the end of
 * the last closed top-level block that lies in the text both share at the start and before
 * any syntax error of the previous parse (so every block before it is closed too, and no
 * comment or string is open there); 0 when there is none.
 */
export function resumePoint(previous: FileNode, previousLines: LineIndex, text: string): number {
  const oldText = previous.text;
  const limit = Math.min(oldText.length, text.length);
  let prefix = 0;
  while (prefix < limit && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let end = prefix;
  for (const e of previous.syntaxErrors) end = Math.min(end, previousLines.offset(e.range.start));
  let from = 0;
  for (const b of previous.blocks) {
    if (!b.closeBrace || b.endOffset > end) break;
    from = b.endOffset;
  }
  return from;
}
