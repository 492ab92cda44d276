// Long requests run as steps with a checkpoint between them (server/src/features/cancellation.ts).
import { strict as assert } from 'assert';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { runSteps, runStepsCancellable } from '../../server/src/features/cancellation';

function* counted(ran: number[], n: number): Generator<number[]> {
  for (let i = 0; i < n; i++) {
    ran.push(i);
    yield [i];
  }
}

describe('cancellable steps', () => {
  it('run to completion without a cancel', async () => {
    const source = new CancellationTokenSource();
    assert.deepEqual(await runStepsCancellable(counted([], 3), { token: source.token }), [0, 1, 2]);
    assert.deepEqual(runSteps(counted([], 3)), [0, 1, 2]);
  });

  it('stop at the next checkpoint once cancelled, with RequestCancelled', async () => {
    const source = new CancellationTokenSource();
    const ran: number[] = [];
    const steps = counted(ran, 5);
    const wrapped = (function* () {
      for (const step of steps) {
        if (step[0] === 1) source.cancel();
        yield step;
      }
    })();
    await assert.rejects(runStepsCancellable(wrapped, { token: source.token }), (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    assert.deepEqual(ran, [0, 1]);
  });

  it('stop with ContentModified when a newer edit made the snapshot stale', async () => {
    const source = new CancellationTokenSource();
    let stale = false;
    const ran: number[] = [];
    const wrapped = (function* () {
      for (const step of counted(ran, 5)) {
        stale = true;
        yield step;
      }
    })();
    await assert.rejects(runStepsCancellable(wrapped, { token: source.token, isStale: () => stale }), (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified);
    assert.deepEqual(ran, [0]);
  });
});
