// completionContext reads the text before the cursor from readingStart (the end of the last
// closed block with no syntax error before it) instead of the start of the file: the
// context must be the same at every offset, in clean files and in files with errors.
import { strict as assert } from 'assert';
import { parseDocument, lineIndexOf } from '../../grammar/src/parse';
import { completionContext, readingStart } from '../../server/src/features/completion-context';
import { generateModel, rng } from '../fuzz/generate';
import { exampleFiles } from '../fixtures/examples';

describe('completion context from the reading start', () => {
  it('equals the context read from the start of the file, at every offset', () => {
    const r = rng(5);
    const texts = [...exampleFiles().map((f) => f.text), ...Array.from({ length: 30 }, () => generateModel(r)[0])];
    // With errors: an unclosed block, a stray brace, an open comment and string.
    texts.push('datastore a {\n  rpo 1h\n}\ndatastore b {\n  rpo 1h\nservice s {\n  rto 1h\n}\n');
    texts.push('}\ndatastore a {\n  rpo 1h\n}\n{\nservice s {\n  rto 1h\n}\n');
    texts.push('datastore a {\n  rpo 1h\n}\n/* open\nservice s {\n  owner "x\n}\n');
    let compared = 0;
    for (const text of texts) {
      const file = parseDocument(text, 'x.drspec');
      const lines = lineIndexOf(file);
      for (let offset = 0; offset <= text.length; offset += 3) {
        const from = readingStart(file, lines, offset);
        assert.deepEqual(completionContext(text, offset, from), completionContext(text, offset, 0), `offset ${offset} of:\n${text}`);
        compared++;
      }
    }
    assert.ok(compared > 1000);
  });
});
