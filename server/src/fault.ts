// Fault injection, for the tests of failure isolation only: with DRSPEC_FAULT set to
// `PHASE:MARKER[,PHASE:MARKER…]`, the phase throws on any file whose text (for `reading`,
// whose path) contains MARKER. Unset (always, outside tests), every check is one lookup
// of an empty list. It lets the suite prove, over the real CLI and the real language
// server, that one file's internal error never costs another file its findings.
export type FaultPhase = 'reading' | 'parsing' | 'validating' | 'analysing' | 'formatting' | 'recommending';

interface Fault {
  phase: FaultPhase;
  marker: string;
}

function parseFaults(spec: string | undefined): Fault[] {
  if (!spec) return [];
  const faults: Fault[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon <= 0 || colon === part.length - 1) continue;
    faults.push({ phase: part.slice(0, colon) as FaultPhase, marker: part.slice(colon + 1) });
  }
  return faults;
}

let faults: Fault[] = parseFaults(typeof process === 'undefined' ? undefined : process.env.DRSPEC_FAULT);

/** Replaces the faults (unit tests); `undefined` clears them. */
export function setFaults(spec: string | undefined): void {
  faults = parseFaults(spec);
}

/** Whether any fault is set: lets a loop over every file skip its injectFault calls. */
export function faultsSet(): boolean {
  return faults.length > 0;
}

/** Throws the injected fault of `phase` when `subject` (a text or a path) carries its marker. */
export function injectFault(phase: FaultPhase, subject: string): void {
  if (faults.length === 0) return;
  for (const f of faults) {
    if (f.phase === phase && subject.includes(f.marker)) {
      const error = phase === 'reading' ? Object.assign(new Error(`EIO: i/o error, read`), { code: 'EIO' }) : new Error(`injected fault (${phase})`);
      throw error;
    }
  }
}
