#!/usr/bin/env bash
# The steps of the drspec GitHub Action (action.yml), in one script so that they can be
# run — and tested — outside GitHub with a simulated environment (test/cli/ci.test.ts).
#
#   drspec-action.sh setup   make drspec runnable: $INPUT_DRSPEC if given, else the
#                            action's own copy (bundled on first use); writes DRSPEC=… to
#                            $GITHUB_ENV
#   drspec-action.sh run     check the specs (SARIF for code scanning + text annotations
#                            through the problem matcher), and on a pull request write the
#                            diff against its base to the job summary (and optionally as a
#                            PR comment); outputs sarif-file, diff-file, errors, new-errors
#
# Inputs (the action passes them as environment variables):
#   INPUT_PATHS      spec paths, whitespace-separated, relative to the root (default .)
#   INPUT_ROOT       the repository root SARIF paths are relative to (default $GITHUB_WORKSPACE or .)
#   INPUT_FAIL_ON    errors | new-errors | never (default errors)
#   INPUT_SARIF_FILE where the SARIF log goes (default drspec.sarif under $RUNNER_TEMP or .)
#   INPUT_COMMENT    true: also post the diff as a PR comment (gh, with $GH_TOKEN)
#   INPUT_TODAY      YYYY-MM-DD for reproducible runs (optional)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
action_root="$(cd "$here/../.." && pwd)"

log() { echo "drspec-action: $*" >&2; }

setup() {
  local cmd="${INPUT_DRSPEC:-}"
  if [ -z "$cmd" ]; then
    if [ ! -f "$action_root/dist/cli.js" ]; then
      log "bundling drspec (npm ci + bundle) in $action_root"
      (cd "$action_root" && npm ci --no-audit --no-fund --ignore-scripts >&2 && node scripts/bundle.mjs >&2) || { log "could not build drspec"; return 2; }
    fi
    cmd="node $action_root/bin/drspec.js"
  fi
  if [ -n "${GITHUB_ENV:-}" ]; then echo "DRSPEC=$cmd" >> "$GITHUB_ENV"; fi
  echo "$cmd"
}

output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi; }

# The pull request's base commit from the event payload, or nothing.
base_sha() {
  [ "${GITHUB_EVENT_NAME:-}" = pull_request ] || [ "${GITHUB_EVENT_NAME:-}" = pull_request_target ] || return 0
  [ -f "${GITHUB_EVENT_PATH:-}" ] || return 0
  node -e 'const e = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const pr = e.pull_request || {}; process.stdout.write(`${(pr.base && pr.base.sha) || ""} ${pr.number || ""}`)' "$GITHUB_EVENT_PATH"
}

run() {
  local drspec="${DRSPEC:-}"
  [ -n "$drspec" ] || drspec="$(setup)" || return 2
  local root="${INPUT_ROOT:-${GITHUB_WORKSPACE:-.}}"
  local fail_on="${INPUT_FAIL_ON:-errors}"
  case "$fail_on" in errors|new-errors|never) ;; *) log "fail-on must be errors, new-errors or never, not '$fail_on'"; return 2 ;; esac
  local tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
  local sarif="${INPUT_SARIF_FILE:-$tmp/drspec.sarif}"
  local today=()
  [ -n "${INPUT_TODAY:-}" ] && today=(--today "$INPUT_TODAY")
  local paths
  read -r -a paths <<< "${INPUT_PATHS:-.}"
  [ "${#paths[@]}" -gt 0 ] || paths=(.)

  cd "$root" || { log "no such root directory: $root"; return 2; }

  # 1. Annotations on the changed lines: the text format through the problem matcher.
  echo "::add-matcher::$action_root/.github/drspec-problem-matcher.json"
  $drspec check "${today[@]}" "${paths[@]}"
  local check_status=$?
  echo "::remove-matcher owner=drspec::"

  # 2. SARIF for code scanning (written even when the check cannot run).
  $drspec check --format sarif --root . --output "$sarif" "${today[@]}" "${paths[@]}"
  local sarif_status=$?
  output sarif-file "$sarif"
  output errors "$([ "$check_status" = 1 ] && echo true || echo false)"
  if [ "$check_status" = 2 ] || [ "$sarif_status" = 2 ]; then
    log "drspec could not check ${paths[*]} (see above)"
    output new-errors false
    return 2
  fi

  # 3. On a pull request: the diff against its base, to the job summary (and a comment).
  local new_errors=false
  local info sha number
  info="$(base_sha)"
  sha="${info%% *}"
  number="${info##* }"
  if [ -n "$sha" ]; then
    if ! git cat-file -e "$sha^{commit}" 2>/dev/null; then
      git fetch --no-tags --quiet --depth=1 origin "$sha" || log "could not fetch the base commit $sha"
    fi
    local diff_file="$tmp/drspec-diff.md"
    : > "$diff_file"
    local p status
    for p in "${paths[@]}"; do
      $drspec diff --format markdown --fail-on new-errors "${today[@]}" --output "$diff_file.part" "git:$sha:$p" "$p"
      status=$?
      if [ "$status" = 2 ]; then
        # The path did not exist at the base: everything in it is new.
        log "no specs at the base for $p; comparing against nothing"
        printf '### drspec: %s is new in this pull request\n\n' "$p" > "$diff_file.part"
        $drspec check --format text "${today[@]}" "$p" | sed 's/^/    /' >> "$diff_file.part"
        [ "$check_status" = 1 ] && new_errors=true
      elif [ "$status" = 1 ]; then
        new_errors=true
      fi
      cat "$diff_file.part" >> "$diff_file"
      rm -f "$diff_file.part"
    done
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$diff_file" >> "$GITHUB_STEP_SUMMARY"; fi
    output diff-file "$diff_file"
    if [ "${INPUT_COMMENT:-false}" = true ] && [ -n "$number" ]; then
      gh pr comment "$number" --body-file "$diff_file" || log "could not comment on pull request #$number"
    fi
  elif [ "$fail_on" = new-errors ]; then
    log "not a pull request: failing on any error instead of new ones"
    fail_on=errors
  fi
  output new-errors "$new_errors"

  case "$fail_on" in
    errors) [ "$check_status" = 0 ] || return 1 ;;
    new-errors) [ "$new_errors" = false ] || return 1 ;;
  esac
  return 0
}

case "${1:-}" in
  setup) setup >/dev/null ;;
  run) run ;;
  *) echo "usage: drspec-action.sh setup|run" >&2; exit 2 ;;
esac
