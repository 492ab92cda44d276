// The registry of diagnostics: every code drspec reports, with its default severity, its
// category, a one-line summary, where it points, and its help (Markdown: what it means, how
// to fix it). Pure data: grammar reports the syntax and schema codes, the model and the
// analysis the others. Everything else reads this table: `Diagnostic.code` (the
// `DiagnosticCode` union), the severities of the analysis, the CLI's SARIF rules,
// docs/diagnostics.md (generated from it, see scripts/diagnostics-doc.ts), the language
// server's code actions (a fixer per code marked `fixable`) and the recommendations
// (the codes marked `recommend`). The typed `data` of each code is in diagnostic-data.ts.
//
// To add a code: one entry here, its data shape in DiagnosticData, then
// `npm run docs:diagnostics`; the tests say what else is missing (a fixer when `fixable`).
import type { Severity } from './ast';

export const DIAGNOSTIC_CATEGORIES = ['syntax', 'schema', 'model', 'objective', 'hygiene', 'review', 'internal'] as const;
export type DiagnosticCategory = (typeof DIAGNOSTIC_CATEGORIES)[number];

/** What each category covers, for docs/diagnostics.md. */
export const CATEGORY_DOCS: Readonly<Record<DiagnosticCategory, string>> = {
  syntax: 'The text cannot be read as blocks and statements.',
  schema: 'A block or statement does not fit the schema of the language (one file at a time).',
  model: 'The files together do not form one consistent model: names and references.',
  objective: 'An entity misses a recovery objective, or cannot recover at all.',
  hygiene: 'How copies, drills and objectives are set up: risks that do not (yet) miss an objective.',
  review: 'Accepted risks that no longer apply.',
  internal: 'drspec itself failed: not a problem of the spec.',
};

/**
 * How recommendations treat a code: `objective`, a missed objective that every option must
 * fix; `hygiene`, a warning an option may fix as well; `dependency`, a limit set by a
 * dependency that a change to the entity itself cannot lift.
 */
export type RecommendRole = 'objective' | 'hygiene' | 'dependency';

export interface DiagnosticSpec {
  severity: Severity;
  category: DiagnosticCategory;
  /** One line, a sentence: the rule in SARIF, the summary in docs. */
  summary: string;
  /** Where the diagnostic points. */
  where: string;
  /** Markdown: what it means and how to fix it. */
  help: string;
  /** The language server offers quick fixes for it (a fixer is registered in code-actions). */
  fixable: boolean;
  recommend?: RecommendRole;
  /** Other severities it can have, in words (e.g. a warning for regions). */
  severityNote?: string;
}

export const DIAGNOSTICS = {
  syntax: {
    severity: 'error',
    category: 'syntax',
    summary: 'A lexical or syntax error.',
    where: 'the offending token',
    help: [
      'The file could not be read: a character that starts no token, a string or block comment that is not closed, a malformed number, or a block or statement in the wrong shape.',
      '',
      'Fix the text at the position shown: every statement is `key value…` on one line inside `kind NAME { … }`. After an error the parser recovers at the next line or block, so later diagnostics are still reported.',
    ].join('\n'),
    fixable: false,
  },
  'unknown-property': {
    severity: 'error',
    category: 'schema',
    summary: 'A key that is not in the schema of its block.',
    where: 'the key',
    help: [
      'The block has no property with this key. The message suggests the nearest key of the block ("did you mean"), or says which kind of block the key belongs in.',
      '',
      'Fix the spelling (the quick fix replaces the key with each suggestion) or move the statement to the right block. docs/language.md lists the keys of each block.',
    ].join('\n'),
    fixable: true,
  },
  'invalid-value': {
    severity: 'error',
    category: 'schema',
    summary: 'A value of the wrong type, unit or enumeration word, or out of range.',
    where: 'the value',
    help: [
      'The value does not fit what the key expects: a duration without a unit (`15` for `15m`), a wrong unit (`10Gb` for `10GB`), a word the key does not know, a number out of range (`zones 12`), an identifier where a string is expected, or an extra value.',
      '',
      'Write the value the message asks for; when there is an obvious replacement the quick fix writes it.',
    ].join('\n'),
    fixable: true,
  },
  'missing-value': {
    severity: 'error',
    category: 'schema',
    summary: 'A required value or clause value is absent.',
    where: 'the key',
    help: [
      'A statement lacks a value it needs, such as `backup full` without `every`, or a clause word without its value (`retain` at the end of the line).',
      '',
      "Add the value; the message shows an example. The quick fix adds a missing required clause with the example's value.",
    ].join('\n'),
    fixable: true,
  },
  'invalid-structure': {
    severity: 'error',
    category: 'schema',
    summary: 'An unknown block kind, a nested block, a second plan or a missing name.',
    where: 'the block kind or name',
    help: [
      'The blocks are not in the shape of the language: a block kind that does not exist (did you mean…), a block written inside another block, a second `plan` in the model, or a block without its name (`datastore {`).',
      '',
      'Blocks are `plan "Title"`, `region NAME`, `policy NAME`, `datastore NAME` and `service NAME`, each at the top level of a file, and a model has at most one plan.',
    ].join('\n'),
    fixable: true,
  },
  'duplicate-property': {
    severity: 'error',
    category: 'schema',
    summary: 'A property that can be given once is given twice.',
    where: 'the second key',
    help: [
      'The key can appear only once in its block (unlike `backup`, `replica`, `drill` or `scenario`); the second statement is ignored.',
      '',
      'Keep one of the two. The quick fix removes the second statement.',
    ].join('\n'),
    fixable: true,
  },
  'duplicate-name': {
    severity: 'error',
    category: 'model',
    summary: 'The same kind and name declared twice in the model.',
    where: 'the second name',
    help: [
      'Names are global across the files of a model: two blocks of the same kind with the same name clash. The first declaration (in path order, then file order) wins and the second is ignored; related information points at the first.',
      '',
      'Rename one of them, or merge them into one block.',
    ].join('\n'),
    fixable: false,
  },
  'unknown-reference': {
    severity: 'error',
    severityNote: 'a warning for regions',
    category: 'model',
    summary: 'A reference to nothing of the right kind (a warning for regions).',
    where: 'the name',
    help: [
      'A name in `depends-on`, `references`, `policy`, `region`, `in` or `pair` refers to nothing of the kind it needs. Regions are optional: an undeclared region is only a warning, and only once some region is declared.',
      '',
      'Fix the spelling (the quick fix offers the nearest names) or declare what is missing (the quick fix creates a stub block at the end of the file).',
    ].join('\n'),
    fixable: true,
  },
  'dependency-cycle': {
    severity: 'error',
    category: 'model',
    summary: 'Services depend on each other in a cycle.',
    where: 'each `depends-on` name on the cycle',
    help: [
      'Following `depends-on` from a service leads back to it, so no service of the cycle can be said to recover first. The message shows the cycle; the services on it are not estimated.',
      '',
      'Remove the dependency that is not real, or split a service so the dependencies form a tree.',
    ].join('\n'),
    fixable: false,
  },
  'rpo-unachievable': {
    severity: 'error',
    category: 'objective',
    summary: 'The achievable recovery point is worse than the objective.',
    where: "the statement of the chosen path (the entity's name for live data)",
    help: [
      'In the scenarios listed, the copy the datastore would recover from loses more data than its RPO objective allows (for example hourly backups against an RPO of 15m). Related information points at the objective and at the copy.',
      '',
      'Back up more often, keep a copy where the scenario does not reach (`to geo`, a replica in the pair region, more `redundancy`), or add log backups. The quick fixes are verified recommendations: each was applied and checked again before it is offered.',
    ].join('\n'),
    fixable: true,
    recommend: 'objective',
  },
  'rto-unachievable': {
    severity: 'error',
    category: 'objective',
    summary: 'The recovery time is longer than the objective.',
    where: "a datastore's chosen path (its `failover` for live data); a service's `strategy` (else its name)",
    help: [
      "In the scenarios listed, the entity's own recovery (detect, decide, provision, deploy, restore, switch…) takes longer than its RTO objective. The message gives the parts of the time.",
      '',
      'Make the failover automatic, restore from a faster copy, or choose a readier strategy (pilot-light, warm-standby, active-active). The quick fixes are verified recommendations.',
    ].join('\n'),
    fixable: true,
    recommend: 'objective',
  },
  'dependency-rto': {
    severity: 'error',
    category: 'objective',
    summary: 'A dependency recovers more slowly than this service must.',
    where: "the dependency's name in `depends-on`",
    help: [
      'The service itself recovers within its RTO, but a service or datastore it depends on does not (or does not recover at all), so the service is not back in time either. An unknown dependency RTO does not count.',
      '',
      "Fix the dependency: the quick fixes are the dependency's recommendations that, applied, lift this limit.",
    ].join('\n'),
    fixable: true,
    recommend: 'dependency',
  },
  'dependency-rpo': {
    severity: 'error',
    category: 'objective',
    summary: 'A dependency can lose more data than this service may.',
    where: "the dependency's name in `depends-on`",
    help: [
      "A datastore the service depends on (directly or through other services) can lose more data than the service's RPO objective allows, or is lost entirely.",
      '',
      "Fix the dependency: the quick fixes are the dependency's recommendations that, applied, lift this limit.",
    ].join('\n'),
    fixable: true,
    recommend: 'dependency',
  },
  'total-loss': {
    severity: 'error',
    category: 'objective',
    summary: 'No copy of the data survives a scenario.',
    where: 'the datastore name',
    help: [
      'In the scenarios listed, every copy of the data is lost: the live data is in one zone and nothing is kept outside it, nothing is kept outside the home region, or (for data-corruption) replicas carry the corruption and no backup is kept long enough. Reported whether or not there is an objective.',
      '',
      'Keep a copy that survives the scenario: a backup `to zone` or `to geo` kept at least as long as corruption may go unnoticed, a replica in another region, or more `redundancy`.',
    ].join('\n'),
    fixable: true,
    recommend: 'objective',
  },
  'no-recovery': {
    severity: 'error',
    category: 'objective',
    summary: 'A service cannot recover in a scenario that needs a failover.',
    where: 'the `strategy` (else the name)',
    help: [
      "The service has no way to run elsewhere in the scenarios listed: no strategy (or `none`), a standby in the failed region, or a single zone. Reported whether or not there is an objective.",
      '',
      'Give the service a strategy other than `none`, with its standby `in` another region for region-failure, or run it in more than one zone (`zones 2`).',
    ].join('\n'),
    fixable: true,
    recommend: 'objective',
  },
  'same-region-failover': {
    severity: 'warning',
    category: 'hygiene',
    summary: 'The standby shares the home region.',
    where: 'the `in R` clause, or the replica region',
    help: [
      "A service's standby (`strategy … in R`) or a datastore's replica is in the entity's own home region, so it fails with it in a region-failure.",
      '',
      "Put the standby or replica in another region, usually the home region's pair.",
    ].join('\n'),
    fixable: true,
    recommend: 'hygiene',
  },
  'backup-chain-broken': {
    severity: 'warning',
    category: 'hygiene',
    summary: 'A differential, incremental or log backup without a surviving full or snapshot.',
    where: 'the backup',
    help: [
      'Differential, incremental and log backups are restored on top of a full or snapshot backup. In the scenarios listed none survives (or there is none at all), so these backups cannot be restored.',
      '',
      'Add a full or snapshot backup kept where the chained backups are kept (the same `to`).',
    ].join('\n'),
    fixable: true,
    recommend: 'hygiene',
  },
  'pitr-gap': {
    severity: 'warning',
    category: 'hygiene',
    summary: 'Log backups are kept for less time than the longest full or snapshot interval.',
    where: 'the log backup',
    help: [
      'Point-in-time recovery replays logs on top of the last full or snapshot. Logs kept for less time than the interval between fulls leave periods that cannot be recovered to.',
      '',
      "Keep log backups at least as long as the longest interval of the full or snapshot backups (`retain`).",
    ].join('\n'),
    fixable: true,
    recommend: 'hygiene',
  },
  'retention-too-short': {
    severity: 'warning',
    category: 'hygiene',
    summary: 'Backups are kept for less time than corruption may go unnoticed.',
    where: 'the backup',
    help: [
      "The backup's `retain` is shorter than the plan's `corruption-detection` (1d by default): by the time corruption is noticed, every clean copy is gone, so the backup does not count for data-corruption.",
      '',
      'Keep the backup at least as long as `corruption-detection`, or shorten the detection time in the plan if it really is shorter.',
    ].join('\n'),
    fixable: true,
    recommend: 'hygiene',
  },
  'rpo-skew': {
    severity: 'warning',
    category: 'hygiene',
    summary: 'A referenced datastore can lose more data than this one.',
    where: 'the name in `references`',
    help: [
      'The datastore refers to data in another one (`references`) that can lose more in some scenario. After a restore its records may point at data that no longer exists.',
      '',
      'Give the referenced datastore an RPO at least as good as this one, or make sure the application tolerates the dangling references.',
    ].join('\n'),
    fixable: false,
  },
  untested: {
    severity: 'warning',
    category: 'hygiene',
    summary: 'Backups without verify-restore, or a strategy without a drill.',
    where: 'the entity name',
    help: [
      'A datastore has backups but no `verify-restore`, or a service has a strategy other than `none` but no `drill`: the recovery the estimate relies on has never been rehearsed.',
      '',
      'Schedule and record it: `verify-restore every 30d last DATE` on the datastore, `drill failover every 90d last DATE` on the service.',
    ].join('\n'),
    fixable: true,
    recommend: 'hygiene',
  },
  'drill-overdue': {
    severity: 'warning',
    category: 'hygiene',
    summary: 'A review, restore test or drill is overdue.',
    where: 'the `last` date',
    help: [
      'The `last` date plus `every` is before today (due exactly today is not overdue), for the plan `review`, a `verify-restore` or a `drill`.',
      '',
      'Do the review, restore test or drill and update `last`. The CLI takes `--today` to check against another day.',
    ].join('\n'),
    fixable: false,
  },
  'missing-objective': {
    severity: 'warning',
    category: 'hygiene',
    summary: 'No recovery objective from any source.',
    where: 'the entity name',
    help: [
      "The entity has no RTO or RPO in any scenario: not its own, not from its `policy`, not from the plan's `default-policy`. Without an objective drspec estimates but cannot judge.",
      '',
      'Add `rto` and `rpo`, use a policy (`policy NAME`), or set a `default-policy` in the plan. The quick fixes use an existing policy or create one.',
    ].join('\n'),
    fixable: true,
    recommend: 'hygiene',
  },
  'estimate-incomplete': {
    severity: 'info',
    category: 'hygiene',
    summary: 'An RTO objective exists but the recovery time is unknown.',
    where: 'the entity name',
    help: [
      "A restore time cannot be estimated without the datastore's `size` and `restore-rate` (its own, or those of a dependency), so the RTO objective cannot be judged in the scenarios listed.",
      '',
      'Add the missing `size` and `restore-rate` (or `rebuild`); drspec never guesses them.',
    ].join('\n'),
    fixable: false,
  },
  'unused-acceptance': {
    severity: 'warning',
    category: 'review',
    summary: 'An accept statement that matches no finding.',
    where: 'the `accept` statement',
    help: [
      'The accepted risk no longer occurs: no finding of the entity (or of the entities using the policy) has the code, in the scenarios given. Like an unused lint suppression, it would silently hide the finding if it came back.',
      '',
      'Remove the `accept` statement, or correct its codes and scenarios.',
    ].join('\n'),
    fixable: false,
  },
  'acceptance-expired': {
    severity: 'warning',
    category: 'review',
    summary: 'An accepted risk whose until date has passed.',
    where: 'the `until` date',
    help: [
      'Today is after the `until` date of the `accept` statement: the acceptance no longer applies, and the findings it covered are reported again.',
      '',
      'Review the risk: fix the findings, or accept them again with a new `until` date and reason.',
    ].join('\n'),
    fixable: false,
  },
  internal: {
    severity: 'error',
    category: 'internal',
    summary: 'An internal error of drspec on this file (a bug, please report it); the other files are still checked.',
    where: 'the start of the file',
    help: [
      'An unexpected error inside drspec while reading, checking or analysing this file. It is a bug in drspec, not in the spec: the other files of the model are still checked, and this one falls back to what could be checked before the failure.',
      '',
      'Please report it with the file (or a smaller one that shows it); the message names the phase and the error. The CLI also prints the error on stderr, the language server in its log.',
    ].join('\n'),
    fixable: false,
  },
} as const satisfies Readonly<Record<string, DiagnosticSpec>>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

/** Every code, in registry order (the order of docs/diagnostics.md). */
export const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTICS) as DiagnosticCode[];

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTICS, value);
}

export function diagnosticSpec(code: DiagnosticCode): DiagnosticSpec {
  return DIAGNOSTICS[code];
}

type Spec<C extends DiagnosticCode> = (typeof DIAGNOSTICS)[C];

/** Codes of a category, as a type. */
export type CodeOfCategory<K extends DiagnosticCategory> = { [C in DiagnosticCode]: Spec<C>['category'] extends K ? C : never }[DiagnosticCode];

/** The codes of the analysis: what an `accept` statement may name. */
export type AnalysisCode = CodeOfCategory<'objective' | 'hygiene'>;

/** Codes the language server has quick fixes for. */
export type FixableCode = { [C in DiagnosticCode]: Spec<C>['fixable'] extends true ? C : never }[DiagnosticCode];

/** Codes the recommendations target (they have a `recommend` role). */
export type RecommendedCode = { [C in DiagnosticCode]: Spec<C> extends { recommend: RecommendRole } ? C : never }[DiagnosticCode];

/** Fixable codes with mechanical fixes of their own (not recommendations). */
export type QuickFixCode = Exclude<FixableCode, RecommendedCode>;

/** The codes for which `test` holds, in registry order. */
export function codesWhere(test: (spec: DiagnosticSpec, code: DiagnosticCode) => boolean): DiagnosticCode[] {
  return DIAGNOSTIC_CODES.filter((code) => test(DIAGNOSTICS[code], code));
}

export const ANALYSIS_CODES = codesWhere((s) => s.category === 'objective' || s.category === 'hygiene') as AnalysisCode[];

export function isAnalysisCode(value: string): value is AnalysisCode {
  return isDiagnosticCode(value) && (ANALYSIS_CODES as readonly string[]).includes(value);
}

/** Where a code is documented: docs/diagnostics.md has one section per code, its heading the code. */
export const DIAGNOSTICS_DOC = 'docs/diagnostics.md';

/** The anchor of a code's section in docs/diagnostics.md (GitHub's heading slugs). */
export function diagnosticAnchor(code: DiagnosticCode): string {
  return code;
}

/** A link to a code's section, relative to the repository root or to `base` (a URL ending in `/`). */
export function diagnosticDocsUrl(code: DiagnosticCode, base = ''): string {
  return `${base}${DIAGNOSTICS_DOC}#${diagnosticAnchor(code)}`;
}
