// $/cancelRequest over the real protocol. The request and its cancel are written in one
// chunk, so the server reads the cancel before it runs the request: every handler takes the
// request's CancellationToken and answers RequestCancelled (-32800) instead of a result.
import { strict as assert } from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { ensureServerBundle } from './helpers/client';

const REPO = path.resolve(__dirname, '..', '..');
const REQUEST_CANCELLED = -32800;

interface Message {
  id?: number | string;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
}

function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

/** A bare JSON-RPC peer over the server's stdio, so that two messages can go in one write. */
class RawClient {
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<number | string, (m: Message) => void>();
  private readonly child: ChildProcess;

  constructor() {
    this.child = spawn(process.execPath, [path.join(REPO, 'bin/drspec-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (message.id !== undefined && message.method !== undefined) this.write(frame({ id: message.id, result: null }));
      else if (message.id !== undefined) this.waiting.get(message.id)?.(message);
    }
  }

  write(text: string): void {
    this.child.stdin!.write(text);
  }

  response(id: number): Promise<Message> {
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  async request(id: number, method: string, params: object): Promise<Message> {
    const answer = this.response(id);
    this.write(frame({ id, method, params }));
    return answer;
  }

  /** The request and its cancel in one write. */
  async cancelled(id: number, method: string, params: object): Promise<Message> {
    const answer = this.response(id);
    this.write(frame({ id, method, params }) + frame({ method: '$/cancelRequest', params: { id } }));
    return answer;
  }

  async stop(): Promise<void> {
    await this.request(999, 'shutdown', {});
    this.write(frame({ method: 'exit' }));
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
  }
}

const URI = 'file:///cancel/spec.drspec';
const TEXT = 'datastore orders-db {\n  rpo 5m\n  rto 10m\n  size 200GB\n  backup full every 1d retain 30d\n}\n';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };

describe('lsp cancellation', function () {
  this.timeout(60000);
  let client: RawClient;

  before(async () => {
    ensureServerBundle();
    client = new RawClient();
    await client.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    client.write(frame({ method: 'initialized', params: {} }));
    client.write(frame({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'drspec', version: 1, text: TEXT } } }));
  });

  after(async () => client.stop());

  it('answers a code action request normally', async () => {
    const answer = await client.request(2, 'textDocument/codeAction', { textDocument: { uri: URI }, range: WHOLE, context: { diagnostics: [] } });
    assert.equal(answer.error, undefined);
    assert.ok(Array.isArray(answer.result) && answer.result.length > 0, 'recommendations are offered');
  });

  for (const [id, method, params] of [
    [3, 'textDocument/codeAction', { textDocument: { uri: URI }, range: WHOLE, context: { diagnostics: [] } }],
    [4, 'textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 12 } }],
    [5, 'textDocument/completion', { textDocument: { uri: URI }, position: { line: 1, character: 2 } }],
    [6, 'textDocument/semanticTokens/full', { textDocument: { uri: URI } }],
  ] as const) {
    it(`answers a cancelled ${method} with RequestCancelled`, async () => {
      const answer = await client.cancelled(id, method, params);
      assert.equal(answer.error?.code, REQUEST_CANCELLED, JSON.stringify(answer));
    });
  }

  it('still answers after cancellations', async () => {
    const answer = await client.request(7, 'textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 12 } });
    assert.equal(answer.error, undefined);
    assert.ok(answer.result);
  });
});
