#!/usr/bin/env bash
# usage.sh BINARY: `openai-setup usage` at a terminal (tmux) against the fake
# API with its admin key: the full-screen view opens on this month's spend by
# project, tab groups by model, enter on a project narrows to its models
# (and says so), esc goes back, and q quits with exit 0. Prints "N passed,
# M failed" last and exits non-zero if anything failed.
set -u
. "$(dirname "$0")/setup.sh"

# Three more projects, so the table has rows to move through and enter on.
start_fakeapi -projects 3
admin_key="$(key_for admin)"
[ -n "$admin_key" ] || { echo "e2e: no admin key from the fake API" >&2; exit 2; }

start_usage() {
  mkdir -p "$work/app" "$work/home"
  cd "$work/app" || return 1
  tui_start env -i PATH="$PATH" HOME="$work/home" TERM=tmux-256color LANG=C.UTF-8 \
    OPENAI_ADMIN_KEY="$admin_key" "$bin" usage --base-url "$base_url" --since 30d "$@"
}

no_admin_key_on_screen() {
  if tui_capture | grep -qF -- "${admin_key:9:24}"; then echo "the admin key is on screen" >&2; return 1; fi
}

scenario_view() {
  start_usage || return 1
  # The header: the brand, the period, a total with the period before.
  tui_wait_for "openai-setup · usage ·" 10 || return 1
  tui_wait_for "spent · the 30 days before: \$" || return 1
  tui_capture | grep -qE '^\$[0-9]+\.[0-9]{2} spent' || { echo "no total on screen" >&2; tui_capture >&2; return 1; }
  tui_wait_for "PROJECT" || return 1
  tui_wait_for "Default project" || return 1
  no_admin_key_on_screen || return 1
  # tab: by model.
  tui_key Tab; tui_wait_for "MODEL" || return 1
  tui_wait_for "gpt-4o-mini" || return 1
  # Back to projects (tab round the other groupings), enter on the first.
  tui_key Tab Tab Tab; tui_wait_for "PROJECT" || return 1
  local first; first="$(tui_capture | awk '/^› /{ sub(/^› /, ""); sub(/ +\$.*/, ""); print; exit }')"
  [ -n "$first" ] || { echo "no row under the cursor" >&2; tui_capture >&2; return 1; }
  tui_key Enter; tui_wait_for "Only project $first · esc back" || return 1
  tui_wait_for "MODEL" || return 1
  # esc leaves the filter, not the program; q quits.
  tui_key Escape; tui_wait_gone "Only project" || return 1
  tui_wait_for "PROJECT" || return 1
  tui_type q
  local st; st="$(tui_wait_exit 5)" || return 1
  [ "$st" = 0 ] || { echo "usage exited $st, want 0" >&2; return 1; }
}

# A key without usage access: one line naming the permission, exit non-zero.
scenario_no_usage_scope() {
  admin_key="$(key_for admin_no_usage)"
  [ -n "$admin_key" ] || { echo "no admin_no_usage key from the fake API" >&2; return 1; }
  start_usage || return 1
  local st; st="$(tui_wait_exit 10)" || return 1
  [ "$st" != 0 ] || { echo "usage exited 0 without usage access" >&2; return 1; }
  # The whole output, wrapped lines joined: the line may have scrolled.
  local out; out="$(tui__tmux capture-pane -p -J -S - -t t)"
  grep -qF "lacks the api.usage.read permission" <<<"$out" || { echo "the missing permission is not named:" >&2; echo "$out" >&2; return 1; }
  if grep -qF -- "${admin_key:9:24}" <<<"$out"; then echo "the admin key is on screen" >&2; return 1; fi
}

passed=0 failed=0
for s in ${E2E_ONLY:-view no_usage_scope}; do
  ( trap tui_stop EXIT; "scenario_$s" )
  if [ $? -eq 0 ]; then
    passed=$((passed + 1)); echo "ok   usage $s"
  else
    failed=$((failed + 1)); echo "FAIL usage $s"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
