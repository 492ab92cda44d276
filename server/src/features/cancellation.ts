// Cancellation of requests (LSP `$/cancelRequest`). A request handler gets the request's
// CancellationToken; a client cancels by id, and vscode-jsonrpc sets the token when it
// reads the cancel message: before the handler starts (the token is already cancelled) or,
// for a handler that yields, at its next checkpoint. Expensive features are written as
// generators of steps, so the same code runs to completion synchronously (tests, the CLI)
// or step by step with a checkpoint between steps (the language server).
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { yieldToEventLoop } from '../workspace/scheduler';

/** The LSP answer to a cancelled request. */
export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw cancelledError();
}

/** The LSP answer to a request whose document changed while it was computed. */
export function contentModifiedError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, 'the document changed while the request was computed');
}

/** What a long request watches: the client's token, and whether a newer edit made its snapshot stale. */
export interface Watch {
  token: CancellationToken;
  isStale?: () => boolean;
}

/** Lets the connection read waiting messages (a cancel, a newer edit), then checks. */
export async function checkpoint(watch: Watch): Promise<void> {
  await yieldToEventLoop();
  throwIfCancelled(watch.token);
  if (watch.isStale?.()) throw contentModifiedError();
}

/** Runs every step of a generator now, collecting its results. */
export function runSteps<T>(steps: Iterable<readonly T[]>): T[] {
  const out: T[] = [];
  for (const step of steps) out.push(...step);
  return out;
}

/** Runs the steps with a checkpoint before each and after the last; throws the cancelled or content-modified error. */
export async function runStepsCancellable<T>(steps: Iterable<readonly T[]>, watch: Watch): Promise<T[]> {
  const out: T[] = [];
  await checkpoint(watch);
  for (const step of steps) {
    out.push(...step);
    await checkpoint(watch);
  }
  return out;
}
