#!/usr/bin/env bash
# Generate shell completions and the man page from the command tree itself,
# so they say exactly what --help says. goreleaser runs this as a before-hook;
# the output folders are git-ignored and packed into every release archive.
#
#   completions/openai-setup.{bash,zsh,fish,ps1}
#   manpages/openai-setup.1.gz
#
# Usage: scripts/gen-completions.sh [package [version]]
#        (defaults ./cmd/openai-setup, no version; goreleaser passes both)
set -euo pipefail
cd "$(dirname "$0")/.."

pkg="${1:-./cmd/openai-setup}"
version="${2:-}"
name=openai-setup

# Build once for the host and run the binary five times: much faster than
# five `go run`s, and it is the same command tree.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/$name" "$pkg"

rm -rf completions manpages
mkdir -p completions manpages

# NO_COLOR and a dumb TERM: nothing styled may leak into the files.
gen() { NO_COLOR=1 TERM=dumb "$tmp/$name" "$@" </dev/null; }

for sh in bash zsh fish; do
  gen completion "$sh" >"completions/$name.$sh"
done
gen completion powershell >"completions/$name.ps1"

# The generator's .TH header stamps today's date and puts the one-line
# description where the manual's name goes (man then mangles the page
# header). Rewrite it the conventional way, dated by the commit (or
# SOURCE_DATE_EPOCH) so a rebuild of one commit is byte-identical.
# gzip -n: no file name or timestamp in the gzip header, for the same reason.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  day="$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)"
else
  day="$(TZ=UTC git log -1 --format=%cd --date=format-local:%F 2>/dev/null || date -u +%F)"
fi
th=".TH OPENAI-SETUP 1 \"$day\" \"$name${version:+ $version}\" \"User Commands\""
gen man >"$tmp/$name.1"
grep -q '^\.TH ' "$tmp/$name.1" || { echo "gen-completions: man page has no .TH line" >&2; exit 1; }
awk -v th="$th" '!done && /^\.TH / { print th; done = 1; next } { print }' "$tmp/$name.1" |
  gzip -9 -n >"manpages/$name.1.gz"

for f in completions/* manpages/*; do
  [ -s "$f" ] || { echo "gen-completions: $f is empty" >&2; exit 1; }
done
echo "gen-completions: wrote completions/$name.{bash,zsh,fish,ps1} and manpages/$name.1.gz"
