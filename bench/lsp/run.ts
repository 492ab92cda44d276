// `npm run bench:lsp [-- --quick]`: the language server as an editor feels it, over stdio,
// against yaml-language-server on the same content as YAML with a JSON Schema generated
// from drspec's schema table (bench/lsp/yaml.ts). Both servers run through the same driver.
//
// Measured per server and workspace:
// - cold start: spawn → first diagnostics of the opened file, and → the first request
//   answered after them (drspec answers once it has read the workspace and built it: until
//   then it publishes what the opened file says on its own, so its first diagnostics may
//   come before the build);
// - didChange → publishDiagnostics: an edit that toggles a key between `engine` and a typo
//   (`enginx`), so every edit changes the file's diagnostics, sent after the previous
//   publish; validation delay 0 for both (drspec `diagnostics.debounceMs` 0; yaml-language-
//   server validates on each change without a delay);
// - hover on a key, completion sent right after a keystroke, code actions on the finding;
// - resident memory after opening (once that first request is answered, and after two idle
//   seconds), after the run, and its peak.
// Workspaces: one large file of 10k lines, and a 1,000-file workspace of about 107k lines
// in which one file is edited. `--full` adds the 100k-line file, drspec alone (yaml-
// language-server takes seconds per edit there) and edited 200 times in the measured
// passes: the peak of that run is the peak while editing. `--quick` is a smoke run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { generateWorkspace, Source } from '../generate';
import { LspDriver, Range, ServerCommand } from './driver';
import { percentile } from '../stats';
import { jsonSchema, specToYaml } from './yaml';

const REPO = path.resolve(__dirname, '..', '..');
/** How long a server is left idle after its first diagnostics before its memory is read again (`--quick`: a moment). */
const SETTLE_MS = 2000;
const QUICK_SETTLE_MS = 100;

interface Peer {
  name: string;
  ext: string;
  languageId: string;
  convert: (spec: string) => string;
  command: (schemaUri: string) => ServerCommand;
  codeActions: boolean;
}

const PEERS: Peer[] = [
  {
    name: 'drspec',
    ext: '.drspec',
    languageId: 'drspec',
    convert: (spec) => spec,
    command: () => ({
      args: [path.join(REPO, 'bin/drspec-language-server.js'), '--stdio'],
      settings: { drspec: { diagnostics: { debounceMs: 0 }, inlayHints: { enabled: true } } },
      initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } },
    }),
    codeActions: true,
  },
  {
    name: 'yaml-language-server',
    ext: '.yaml',
    languageId: 'yaml',
    convert: specToYaml,
    command: (schemaUri) => ({
      args: [path.join(REPO, 'bench/lsp/yaml-server.js'), '--stdio'],
      settings: {
        yaml: {
          validate: true,
          hover: true,
          completion: true,
          format: { enable: false },
          schemaStore: { enable: false },
          schemas: { [schemaUri]: ['*.yaml', '**/*.yaml'] },
        },
      },
    }),
    codeActions: false,
  },
];

export interface Measured {
  server: string;
  workspace: string;
  lines: number;
  /** Spawn → the first diagnostics of the opened file. */
  coldStartMs: number;
  /** Spawn → the first request answered after those (drspec: the workspace read and built). */
  readyMs: number;
  change: number[];
  /** didChange → diagnostics for an edit that changes the text's length. */
  typing: number[];
  hover: number[];
  completion: number[];
  codeAction: number[];
  /** VmRSS when that first request is answered, and after two idle seconds. */
  openedRssMB: number;
  settledRssMB: number;
  /** VmRSS after the run, and VmHWM (the peak of the whole run). */
  rssMB: number;
  peakMB: number;
}

interface WorkspaceSpec {
  label: string;
  sources: Source[];
  /** The file that is opened and edited. */
  edited: number;
  /** Edits per measured pass (word toggled; character typed or deleted), when not the run's default. */
  edits?: number;
  /** The servers run on it, when not all. */
  only?: string;
}

/** One file holding the generated entities (about 12 lines per entity). */
function oneFile(entities: number): Source[] {
  const sources = generateWorkspace(entities, 'plain', entities);
  return [{ path: 'bench/big.drspec', text: sources.map((s) => s.text).join('\n') }];
}

/** The line of the `engine` statement nearest the middle of the text (the edit target). */
function editTarget(text: string): Range {
  const lines = text.split('\n');
  for (let delta = 0; delta < lines.length; delta++) {
    for (const at of [Math.floor(lines.length / 2) + delta, Math.floor(lines.length / 2) - delta]) {
      const match = /^(\s*)engine\b/.exec(lines[at] ?? '');
      if (match) return { start: { line: at, character: match[1].length }, end: { line: at, character: match[1].length + 6 } };
    }
  }
  throw new Error('no engine statement to edit');
}

async function measure(peer: Peer, ws: WorkspaceSpec, edits: number, requests: number, warmUp: number, settleMs: number): Promise<Measured> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `drspec-bench-${peer.name}-`));
  try {
    const schemaPath = path.join(dir, 'drspec.schema.json');
    writeFileSync(schemaPath, JSON.stringify(jsonSchema()));
    const texts = ws.sources.map((s) => peer.convert(s.text));
    const uris = ws.sources.map((s, i) => {
      const file = path.join(dir, 'ws', s.path.replace(/\.drspec$/, peer.ext));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, texts[i]);
      return pathToFileURL(file).href;
    });
    const started = performance.now();
    const { driver } = await LspDriver.start(peer.command(pathToFileURL(schemaPath).href), pathToFileURL(path.join(dir, 'ws')).href);
    const uri = uris[ws.edited];
    const text = texts[ws.edited];
    // The opened file starts with a typo (`enginx`), so that its first diagnostics are
    // published whether or not the server publishes clean files; each edit then toggles the
    // typo away and back, and every edit changes the file's diagnostics.
    const target = editTarget(text);
    const lines = text.split('\n');
    lines[target.start.line] = lines[target.start.line].slice(0, target.start.character) + 'enginx' + lines[target.start.line].slice(target.end.character);
    await driver.open(uri, peer.languageId, lines.join('\n'));
    // Both servers name the unknown key in their message.
    const flagged = (messages: string[]): boolean => messages.some((m) => m.includes('enginx'));
    await driver.diagnostics(uri, flagged);
    const coldStartMs = performance.now() - started;
    // A hover on the first line: its answer is small (a request answered with the whole
    // file's symbols or folds would itself raise the resident memory being measured).
    await driver.timeRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const readyMs = performance.now() - started;
    const openedRssMB = driver.memory().rssMB;
    // Idle, as a user reading the first diagnostics: the collectors finish what opening left.
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const settledRssMB = driver.memory().rssMB;
    let version = 1;
    let typo = true;
    /** Toggles the typo; `published` resolves when the diagnostics reflecting the edit arrive. */
    const toggle = async (): Promise<{ start: number; published: Promise<{ at: number }> }> => {
      typo = !typo;
      const expected = typo ? flagged : (messages: string[]) => !flagged(messages);
      const published = driver.nextDiagnostics(uri, expected);
      const start = performance.now();
      await driver.change(uri, ++version, target, typo ? 'enginx' : 'engine');
      return { start, published };
    };

    // Warm-up edits, not measured (both servers): the first edits after opening pay for
    // compiling their paths once, which typing in an open workspace does not.
    for (let i = 0; i < warmUp; i++) {
      const { published } = await toggle();
      await published;
    }
    const change: number[] = [];
    for (let i = 0; i < edits; i++) {
      const { start, published } = await toggle();
      change.push((await published).at - start);
    }
    // Typing: a character typed after the key and deleted in turn (`engine` ↔ `enginex`),
    // edits that change the length of the text (the toggle above keeps it).
    if (typo) {
      const { published } = await toggle();
      await published;
    }
    const typed = (messages: string[]): boolean => messages.some((m) => m.includes('enginex'));
    const after = { line: target.end.line, character: target.end.character };
    const typing: number[] = [];
    // An even number, so that the text ends as it began.
    for (let i = 0; i < edits + (edits % 2); i++) {
      const insert = i % 2 === 0;
      const published = driver.nextDiagnostics(uri, insert ? typed : (messages: string[]) => !typed(messages) && !flagged(messages));
      const start = performance.now();
      await driver.change(uri, ++version, insert ? { start: after, end: after } : { start: after, end: { line: after.line, character: after.character + 1 } }, insert ? 'x' : '');
      typing.push((await published).at - start);
    }

    const position = { line: target.start.line, character: target.start.character + 2 };
    const hover: number[] = [];
    const completion: number[] = [];
    const codeAction: number[] = [];
    for (let i = 0; i < requests; i++) {
      hover.push(await driver.timeRequest('textDocument/hover', { textDocument: { uri }, position }));
      // Completion right after a keystroke: the server has a new version to account for.
      const { published } = await toggle();
      completion.push(await driver.timeRequest('textDocument/completion', { textDocument: { uri }, position: target.start }));
      await published;
      if (peer.codeActions) {
        codeAction.push(
          await driver.timeRequest('textDocument/codeAction', {
            textDocument: { uri },
            range: target,
            context: { diagnostics: [], only: undefined },
          }),
        );
      }
    }
    const { rssMB, peakMB } = driver.memory();
    await driver.stop();
    return {
      server: peer.name,
      workspace: ws.label,
      lines: texts.reduce((n, t) => n + t.split('\n').length, 0),
      coldStartMs,
      readyMs,
      change,
      typing,
      hover,
      completion,
      codeAction,
      openedRssMB,
      settledRssMB,
      rssMB,
      peakMB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(m: Measured): string {
  const p = (samples: number[], q: number): string => (samples.length ? percentile(samples, q).toFixed(1) : '–');
  const mb = (n: number): string => n.toFixed(0);
  return `| ${m.server} | ${m.workspace} | ${m.lines} | ${m.change.length + m.typing.length} | ${m.coldStartMs.toFixed(0)} / ${m.readyMs.toFixed(0)} | ${p(m.change, 50)} / ${p(m.change, 95)} | ${p(m.typing, 50)} / ${p(m.typing, 95)} | ${p(m.hover, 95)} | ${p(m.completion, 95)} | ${p(m.codeAction, 95)} | ${mb(m.openedRssMB)} / ${mb(m.settledRssMB)} | ${mb(m.rssMB)} / ${mb(m.peakMB)} |`;
}

export async function runLspBench(options: { quick: boolean; full: boolean; only?: string }): Promise<Measured[]> {
  const edits = options.quick ? 3 : 60;
  const requests = options.quick ? 2 : 30;
  const warmUp = options.quick ? 0 : 10;
  const workspaces: WorkspaceSpec[] = options.quick
    ? [
        { label: 'one file', sources: oneFile(20), edited: 0 },
        { label: '10-file workspace', sources: generateWorkspace(90, 'plain', 9), edited: 5 },
      ]
    : [
        { label: 'one file, 10k lines', sources: oneFile(830), edited: 0 },
        { label: '1,000-file workspace', sources: generateWorkspace(8990, 'plain', 9), edited: 500 },
        ...(options.full ? [{ label: 'one file, 100k lines', sources: oneFile(8300), edited: 0, edits: 100, only: 'drspec' }] : []),
      ];
  const results: Measured[] = [];
  for (const ws of workspaces) {
    for (const peer of PEERS) {
      if ((options.only && peer.name !== options.only) || (ws.only && peer.name !== ws.only)) continue;
      results.push(await measure(peer, ws, ws.edits ?? edits, requests, warmUp, options.quick ? QUICK_SETTLE_MS : SETTLE_MS));
    }
  }
  return results;
}

export function printLspTable(results: readonly Measured[]): void {
  console.log('Language servers over stdio (ms; didChange → publishDiagnostics p50 / p95, requests p95; edits: the measured ones; resident memory in MB):');
  console.log('');
  console.log('| server | workspace | lines | edits | cold start: first diagnostics / first answer | didChange → diagnostics (word toggled) | same, character typed or deleted | hover | completion after a keystroke | code actions | RSS after opening / 2 s later | RSS after the run / peak |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of results) console.log(row(m));
  const byWorkspace = new Map<string, Measured[]>();
  for (const m of results) byWorkspace.set(m.workspace, [...(byWorkspace.get(m.workspace) ?? []), m]);
  console.log('');
  for (const [label, [ours, peer]] of byWorkspace) {
    if (!ours || !peer) continue;
    const ratio = (q: number, of: 'change' | 'typing'): string => (percentile(peer[of], q) / percentile(ours[of], q)).toFixed(1);
    console.log(`- ${label}: drspec is ${ratio(50, 'change')}× faster than yaml-language-server at p50, ${ratio(95, 'change')}× at p95 (didChange → diagnostics, word toggled); ${ratio(50, 'typing')}× and ${ratio(95, 'typing')}× (character typed or deleted).`);
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  runLspBench({ quick: args.includes('--quick'), full: args.includes('--full'), only: args.find((a) => a.startsWith('--only='))?.slice('--only='.length) })
    .then(printLspTable)
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
