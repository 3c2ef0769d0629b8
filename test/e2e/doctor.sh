#!/usr/bin/env bash
# doctor.sh BINARY: `openai-setup doctor` at a terminal (tmux) against a slow
# fake API shows its progress: local results at once, a spinner on each
# network check until it answers, then the report in place of the progress.
# Prints "N passed, M failed" last and exits non-zero if anything failed.
set -u
. "$(dirname "$0")/setup.sh"

# The fake API answers every request after 2 s: long enough to see the
# pending checks, short enough for the default 15 s timeout.
start_fakeapi -latency 2s
ok_key="$(key_for ok)"

scenario_progress() {
  mkdir -p "$work/app" "$work/home"
  cd "$work/app" || return 1
  tui_start env -i PATH="$PATH" HOME="$work/home" TERM=tmux-256color LANG=C.UTF-8 \
    OPENAI_API_KEY="$ok_key" "$bin" doctor --base-url "$base_url"
  # While the network checks wait on the slow API: local results, spinners.
  tui_wait_for "✓ key.format" 3 || return 1
  tui_wait_for "api.auth         checking…" 1 || return 1
  if tui_capture | grep -qF -- "${ok_key:9:24}"; then echo "the key is on screen" >&2; return 1; fi
  # Then the report, and no progress line left behind.
  tui_wait_for "No problems found." 20 || return 1
  if tui_capture | grep -qF "checking…"; then
    echo "progress lines left on screen" >&2; tui_capture >&2; return 1
  fi
  [ "$(tui_wait_exit 5)" = 0 ] || { echo "doctor did not exit 0" >&2; return 1; }
}

passed=0 failed=0
for s in ${E2E_ONLY:-progress}; do
  ( trap tui_stop EXIT; "scenario_$s" )
  if [ $? -eq 0 ]; then
    passed=$((passed + 1)); echo "ok   doctor $s"
  else
    failed=$((failed + 1)); echo "FAIL doctor $s"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
