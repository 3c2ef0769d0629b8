#!/usr/bin/env bash
# Generate shell completions and the man page from the command tree itself,
# so they say exactly what --help says. goreleaser runs this as a before-hook;
# the output folders are git-ignored and packed into every release archive.
#
#   completions/openai-setup.{bash,zsh,fish,ps1}
#   manpages/openai-setup.1.gz
#
# Usage: scripts/gen-completions.sh [package]   (default ./cmd/openai-setup)
set -euo pipefail
cd "$(dirname "$0")/.."

pkg="${1:-./cmd/openai-setup}"
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

# The man page generator stamps today's date into .TH; use the commit date
# instead (or SOURCE_DATE_EPOCH) so a rebuild of one commit is byte-identical.
# gzip -n: no file name or timestamp in the gzip header, for the same reason.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  day="$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)"
else
  day="$(TZ=UTC git log -1 --format=%cd --date=format-local:%F 2>/dev/null || date -u +%F)"
fi
gen man | sed -E "1,5s/^(\.TH [^\"]*)\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"/\1\"$day\"/" | gzip -9 -n >"manpages/$name.1.gz"

for f in completions/* manpages/*; do
  [ -s "$f" ] || { echo "gen-completions: $f is empty" >&2; exit 1; }
done
echo "gen-completions: wrote $(ls completions | wc -l) completions and manpages/$name.1.gz"
