import * as assert from 'assert';
import { heapBound } from '../../server/src/workspace/heap-bound';

describe('heapBound (the language server bounds its heap between builds)', () => {
  it('gives a callback that is cheap below the threshold and never throws', () => {
    const afterPublish = heapBound();
    for (let i = 0; i < 100; i++) afterPublish();
  });
});
