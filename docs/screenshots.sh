#!/usr/bin/env bash
# Regenerate the README screenshots: run the real binary in tmux at 80x24
# against the fake API, capture screens with colours, render with freeze.
# Needs freeze v0.2.2 on PATH (TOOLING.md §7: `go get -tool` in a scratch
# module, then `go build`) and pngquant (apt) to keep the PNGs small.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/e2e/tui.sh
out=docs
work=$(mktemp -d)
trap 'tui_stop; kill "$fake_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/openai-setup" ./cmd/openai-setup
go build -o "$work/fakeapi" ./test/fakeapi
"$work/fakeapi" -print-keys >"$work/keys" &
fake_pid=$!
until [ -s "$work/keys" ] && grep -q '^ok ' "$work/keys"; do sleep 0.05; done
url=$(head -1 "$work/keys")
key() { awk -v s="$1" '$1==s{print $2}' "$work/keys"; }

shot() { # shot NAME: capture the screen to docs/NAME.png
  tui_capture -e | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$work/$1.ansi"
  freeze "$work/$1.ansi" -o "$work/$1.png" --window --padding 16,24 --font.size 13 >/dev/null
  pngquant --quality 60-80 --force --output "$out/$1.png" "$work/$1.png"
  echo "wrote $out/$1.png"
}

mkdir -p "$work/app" "$work/home" && git -C "$work/app" init -q
TUI_COLS=80 TUI_ROWS=24
tui_start env -C "$work/app" HOME="$work/home" TERM=xterm-256color COLORTERM=truecolor \
  "$work/openai-setup" --base-url "$url" --no-browser
tui_wait_for "Step 1 of" 5
shot wizard-welcome
tui_key Enter; tui_key s; tui_key s; tui_key s
tui_wait_for "Create a secret key" 5
shot wizard-key
tui_key Enter; tui_wait_for "Paste your key" 5
tui_paste "  $(key credit_balance_exhausted)
"
tui_wait_for "sk-proj-" 5
tui_key Enter; tui_wait_for "Billing" 10; sleep 1
shot wizard-checks-failed
tui_key Escape; tui_wait_for "Paste your key" 5; tui_key C-u
tui_paste "$(key ok)"; tui_key Enter
tui_wait_for "Every check passed" 10
shot wizard-checks
tui_key Enter; tui_wait_for ".gitignore" 5
shot wizard-save
tui_key Enter; tui_wait_for "doctor" 5; sleep 0.3
shot wizard-done
