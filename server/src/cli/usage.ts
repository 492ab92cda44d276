// The help texts of the command line.
import { CommandName } from './args';

const SYNOPSIS = `Usage:
  drspec check [--format text|json|sarif|rdjson|codeclimate] [--fixes] [--show-accepted]
               [--root DIR] [--output FILE] [--today YYYY-MM-DD] PATH...
  drspec estimate [--format text|json] [--output FILE] [--today YYYY-MM-DD] PATH...
  drspec report [--format html|markdown] [--output FILE] [--today YYYY-MM-DD] PATH...
  drspec diff [--format text|markdown|json] [--fail-on new-errors|never] [--output FILE]
              [--today YYYY-MM-DD] BASE HEAD
  drspec fmt [--check] PATH...
  drspec help [COMMAND]
  drspec --help | --version`;

const GENERAL = `drspec: check disaster-recovery specifications (.drspec files).

${SYNOPSIS}

Commands:
  check      Report syntax, schema and analysis diagnostics of the model.
  estimate   Print the estimated RPO and RTO of every datastore and service per scenario.
  report     Write the DR report: a self-contained HTML page (or Markdown) for people.
  diff       Compare two versions of the model: estimates, verdicts and findings that changed.
  fmt        Rewrite files in canonical form; with --check, only report files that would change.

PATH is a .drspec file or a directory, searched recursively for *.drspec files
(node_modules and directories whose name starts with '.' are skipped). All files of
one run form one model.

Exit status: 0 no error diagnostics, 1 error diagnostics (or fmt found work to do),
2 a usage or I/O problem.
`;

const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  check: `Usage: drspec check [--format text|json|sarif|rdjson|codeclimate] [--fixes] [--show-accepted]
                    [--root DIR] [--output FILE] [--today YYYY-MM-DD] PATH...

Checks the model made of all given files and prints its diagnostics.

Options:
  --format text          path:line:col: severity code: message, then a summary line (default)
  --format json          the diagnostics as JSON, with 0-based positions
  --format sarif         SARIF 2.1.0 for code scanning (GitHub), paths relative to --root
  --format rdjson        reviewdog's diagnostic format, paths relative to --root
  --format codeclimate   GitLab's code-quality report, paths relative to --root
  --fixes                after each finding, its verified fixes (text: one indented line
                         each; json: "fixes" with their edits; sarif: fixes; rdjson: suggestions)
  --show-accepted        also list accepted findings (sarif always has them, as suppressed)
  --root DIR             the directory the sarif, rdjson and codeclimate paths are relative
                         to (default: the current directory; in CI, the repository root)
  --output FILE          write the result to FILE instead of stdout
  --today DATE           the date overdue drills and reviews are judged against (default: today, UTC)

Exit status: 0 no errors, 1 errors, 2 usage or I/O problem (with --format sarif, a log
with executionSuccessful false is still written).
`,
  estimate: `Usage: drspec estimate [--format text|json] [--output FILE] [--today YYYY-MM-DD] PATH...

Prints, for every datastore and service, the recovery point and recovery time it
achieves in each scenario, the path it recovers by, and whether its objectives are met.

Options:
  --format text    a readable table per entity (default)
  --format json    the estimates as JSON, numbers in seconds and bytes
  --output FILE    write the result to FILE instead of stdout
  --today DATE     the date used for the model (default: today, UTC)

Exit status: 0 no error diagnostics, 1 error diagnostics, 2 usage or I/O problem.
`,
  report: `Usage: drspec report [--format html|markdown] [--output FILE] [--today YYYY-MM-DD] PATH...

Writes the DR report of the model: the plan's summary, the dependency graph, per
scenario a recovery timeline and the recovery order (fail over dependencies first, fail
back in reverse), per entity the table of estimates with their assumptions, and the
accepted-risk register.

Options:
  --format html      one self-contained page: inline CSS and SVG, no external request (default)
  --format markdown  the same without the pictures
  --output FILE      write the report to FILE instead of standard output
  --today DATE       the date used for the model (default: today, UTC)

Exit status: 0 no error diagnostics, 1 error diagnostics (the report is still written),
2 usage or I/O problem.
`,
  diff: `Usage: drspec diff [--format text|markdown|json] [--fail-on new-errors|never] [--output FILE]
                   [--today YYYY-MM-DD] BASE HEAD

Compares two versions of a model. BASE and HEAD are each a directory, a .drspec file, or
git:REF[:PATH] (the .drspec files under PATH, relative to the repository root, at revision
REF, read with git; no checkout). Datastores and services are matched by kind and name;
for each scenario it reports what changed (outcome, worst loss, expected loss, RTO,
objective, verdict), the entities added and removed, and the findings that are new,
resolved or newly accepted (matched by entity, code and scenarios, not by line).

Options:
  --format text       a summary for the terminal (default)
  --format markdown   a pull-request comment: the verdict line, a table of the changed
                      rows before -> after, new and resolved findings, details collapsed
  --format json       everything as JSON (docs/cli.md)
  --fail-on new-errors  exit 1 when HEAD has error findings that BASE did not (default)
  --fail-on never       exit 0 whatever changed
  --output FILE       write the result to FILE instead of stdout
  --today DATE        the date overdue drills and reviews are judged against (default: today, UTC)

Exit status: 0 no new errors, 1 new error findings (with --fail-on new-errors), 2 usage
or I/O problem (a path or revision that cannot be read, no .drspec files).
`,
  fmt: `Usage: drspec fmt [--check] PATH...

Rewrites files in canonical form: two-space indentation, one statement per line, one
space between values, comments kept. Files with syntax errors are left unchanged and
their errors reported.

Options:
  --check   change nothing; list the files that would change and exit 1 if any

Exit status: 0 nothing to report, 1 a file would change (--check) or has syntax errors,
2 usage or I/O problem.
`,
};

export function usage(command?: CommandName): string {
  return command ? COMMAND_HELP[command] : GENERAL;
}
