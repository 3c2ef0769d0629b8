#!/usr/bin/env bash
# Regenerate the README screenshots: run the real binary in tmux at 80x24
# against the fake API, capture screens with colours, render with freeze.
# Needs freeze v0.2.2 on PATH (CONTRIBUTING.md says how: `go get -tool` in a scratch
# module, then `go build`) and pngquant (apt) to keep the PNGs small.
# No screen may show a whole key: every capture is checked for a slice of
# each fake key before it is rendered, and the script fails if one is found.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in tmux freeze pngquant; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (CONTRIBUTING.md says how to install it)" >&2; exit 1; }
done
. test/e2e/tui.sh
out=docs
work=$(mktemp -d)
fake_pid="" rot_pid=""
trap 'tui_stop; kill $fake_pid $rot_pid 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/openai-setup" ./cmd/openai-setup
go build -o "$work/fakeapi" ./test/fakeapi
"$work/fakeapi" -print-keys >"$work/keys" &
fake_pid=$!
until [ -s "$work/keys" ] && grep -q '^ok ' "$work/keys"; do sleep 0.05; done
url=$(head -1 "$work/keys")
key() { awk -v s="$1" '$1==s{print $2}' "$work/keys"; }

# A second fake API for rotate, which never revokes the old key (so the
# Revoke screen stays on its count-down); its old key is the rotate_old line.
"$work/fakeapi" -print-keys -revoke-after 1000 >"$work/rot-keys" &
rot_pid=$!
until [ -s "$work/rot-keys" ] && grep -q '^rotate_old ' "$work/rot-keys"; do sleep 0.05; done
rot_url=$(head -1 "$work/rot-keys")
rot_old=$(awk '$1=="rotate_old"{print $2}' "$work/rot-keys")
rot_new=$(awk '$1=="ok"{print $2}' "$work/rot-keys")

# no_key FILE: fail if FILE (also with colours stripped) holds a 20-character
# slice of any key the fake APIs know; keys are only ever shown as
# fingerprints. Slices every 30 characters: a key wrapped over several
# lines still has a whole slice on one of them.
no_key() {
  local plain k i sl
  plain=$(sed -e 's/\x1b\[[0-9;:]*[A-Za-z]//g' "$1")
  for k in $(awk 'NF==2{print $2}' "$work/keys" "$work/rot-keys" | sort -u); do
    for ((i = 10; i + 20 <= ${#k}; i += 30)); do
      sl=${k:i:20}
      if grep -qF -- "$sl" "$1" || grep -qF -- "$sl" <<<"$plain"; then
        echo "screenshots: a whole key is on screen in $1; not rendering it" >&2
        return 1
      fi
    done
  done
}

# for_freeze: stdin to stdout, what freeze v0.2.2 can draw. It ignores SGR 39
# (default foreground), so a colour would run on to the end of the line:
# 39 becomes 0 (these screens set no background). It draws no bold, and
# drops a line that starts with SGR 1 altogether, so 1 is removed.
# Its font has no braille, so a spinner frame becomes a dot, not a box.
for_freeze() { perl -CSD -pe 's/\e\[1m//g; s/\e\[39m/\e[0m/g; s/[\x{2800}-\x{28FF}]/\x{25CF}/g'; }

shot() { # shot NAME [CAPTURE-ARGS]: capture the screen to docs/NAME.png
  local name=$1; shift
  tui_capture -e "$@" | sed -e '/Pane is dead/d' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$work/$name.ansi"
  no_key "$work/$name.ansi"
  for_freeze <"$work/$name.ansi" >"$work/$name.freeze.ansi"
  freeze "$work/$name.freeze.ansi" -o "$work/$name.png" --window --padding 16,24 --font.size 13 >/dev/null
  pngquant --quality 60-80 --force --output "$out/$name.png" "$work/$name.png"
  echo "wrote $out/$name.png"
}

mkdir -p "$work/app" "$work/home" && git -C "$work/app" init -q
TUI_COLS=80 TUI_ROWS=24
tui_start env -C "$work/app" HOME="$work/home" TERM=xterm-256color COLORTERM=truecolor \
  "$work/openai-setup" --base-url "$url" --no-browser
tui_wait_for "Where are you starting from?" 5
shot wizard-welcome
tui_type 1; tui_wait_for "Step 1 of 7" 5
tui_type s; tui_type s; tui_type s
tui_wait_for "Step 4 of 7" 5  # not "Create a secret key": the welcome list names it too
shot wizard-key
tui_key Enter; tui_wait_for "Paste your key" 5
tui_paste "  $(key credit_balance_exhausted)
"
tui_wait_for "sk-proj-" 5
tui_key Enter; tui_wait_for "costs under a cent" 5
tui_key Enter; tui_wait_for "Billing" 10; sleep 1
shot wizard-checks-failed
tui_key Escape; tui_wait_for "Waiting for a paste" 5  # esc empties the field
tui_paste "$(key ok)"; tui_key Enter; tui_wait_for "costs under a cent" 5
tui_key Enter; tui_wait_for "Every check passed" 10
shot wizard-checks
tui_key Enter; tui_wait_for ".gitignore" 5
shot wizard-save
tui_key Enter; tui_wait_for "doctor" 5; sleep 0.3
shot wizard-done
tui_stop

# doctor in the folder the wizard just saved to, with the fake's admin key
# exported so key.owner names the key's project and owner.
TUI_COLS=112 TUI_ROWS=40
tui_start env -C "$work/app" HOME="$work/home" TERM=xterm-256color COLORTERM=truecolor \
  OPENAI_ADMIN_KEY="$(key admin)" "$work/openai-setup" doctor --base-url "$url"
tui_wait_exit 15 >/dev/null
tui_wait_for "passed" 5
shot doctor
tui_stop
TUI_COLS=80 TUI_ROWS=24

# rotate, as test/e2e/run.sh's rotate_project drives it: a repository whose
# root .env and sub/.env hold the old key, a home whose .zshrc exports it
# (a to-do on the Replace screen), rotate started in sub/.
rot="$work/rot"
mkdir -p "$rot/app/sub" "$rot/home" && git -C "$rot/app" init -q
printf '# settings\nOPENAI_API_KEY=%s\nDB_URL=postgres://db\n' "$rot_old" >"$rot/app/.env"
printf 'export OPENAI_API_KEY=%s\nOTHER=x\n' "$rot_old" >"$rot/app/sub/.env"
printf '.env\n' >"$rot/app/.gitignore"
printf 'export OPENAI_API_KEY=%s\n' "$rot_old" >"$rot/home/.zshrc"
tui_start env -C "$rot/app/sub" HOME="$rot/home" TERM=xterm-256color COLORTERM=truecolor \
  "$work/openai-setup" rotate --base-url "$rot_url" --no-browser --no-spend
tui_wait_for "Rotate your OpenAI key" 10; tui_wait_for "It still works" 10
tui_key Enter; tui_wait_for "Create the new secret key" 5
tui_key Enter; tui_wait_for "Paste the new key" 5
tui_paste "$rot_new"; tui_wait_for "Press enter to check it." 5
tui_key Enter; tui_wait_for "enter choose files" 15
tui_key Enter; tui_wait_for "files ticked" 5; sleep 0.3
shot rotate-replace
tui_key Enter; tui_wait_for "Revoke the old key" 10
tui_wait_for "check 1: still works" 10; sleep 0.3
shot rotate-revoke
tui_key Escape; tui_wait_for "Stopped waiting" 5
tui_key Enter; tui_wait_for "not confirmed revoked" 5
tui_key Enter; tui_wait_exit 5 >/dev/null

# usage, by key over the last 30 days, at 120x32 (the table's DAILY
# sparkline needs the room): the fake's admin key, this folder's key in the
# environment so its row is marked, the cursor moved to the second row.
TUI_COLS=120 TUI_ROWS=32
tui_start env -C "$work/app" HOME="$work/home" TERM=xterm-256color COLORTERM=truecolor \
  OPENAI_ADMIN_KEY="$(key admin)" OPENAI_API_KEY="$(key ok)" \
  "$work/openai-setup" usage --base-url "$url" --since 30d --by key
tui_wait_for "KEY " 10; tui_wait_for "spent · the 30 days before" 5
tui_key Down; sleep 0.3
shot usage
tui_type q; tui_wait_exit 5 >/dev/null
