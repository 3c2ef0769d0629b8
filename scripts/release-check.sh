#!/usr/bin/env bash
# Prove the release configuration offline: vet for the platforms we cannot
# run here, validate .goreleaser.yaml, build a full snapshot release (six
# archives, checksums, Homebrew cask, Scoop manifest) without publishing,
# and check what a maintainer would publish. Exits non-zero on any failure.
#
# Usage: bash scripts/release-check.sh        (from anywhere; .ci/run calls it)
# Env:   RELEASE_CHECK_REPRO=0 skips the second, reproducibility build.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

name=openai-setup
gr_version=2.15.1 # newer tags need a newer Go or modules the proxy refuses (CONTRIBUTING.md)
gr=.bin/goreleaser
targets=(linux_amd64 linux_arm64 darwin_amd64 darwin_arm64 windows_amd64 windows_arm64)

say() { printf 'release-check: %s\n' "$*"; }
fail() {
  printf 'release-check: FAIL: %s\n' "$*" >&2
  exit 1
}
# check DESCRIPTION COMMAND...: run COMMAND quietly, report, fail on error.
check() {
  local what="$1"
  shift
  if "$@" >/dev/null 2>&1; then say "ok   $what"; else fail "$what"; fi
}
# has FILE TEXT: FILE contains the fixed string TEXT.
has() { grep -qF -- "$2" "$1"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# --- vet for the platforms CI cannot run -------------------------------------
for goos in windows darwin; do
  say "GOOS=$goos go vet ./..."
  GOOS=$goos go vet ./... || fail "GOOS=$goos go vet"
done

# --- git --------------------------------------------------------------------
# goreleaser reads the commit (stamped into --version, and the timestamp that
# makes archives reproducible) only if `git ls-remote --get-url` works. A
# checkout without a remote would get "none"; lend it the project's URL
# through the environment, which leaves .git/config untouched.
if ! git ls-remote --get-url >/dev/null 2>&1; then
  say "no git remote: using https://github.com/setupkit/$name.git for this run only"
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.url \
    GIT_CONFIG_VALUE_0="https://github.com/setupkit/$name.git"
fi

# --- goreleaser ---------------------------------------------------------------
if ! [ -x "$gr" ] || ! "$gr" --version 2>/dev/null | grep -q "GitVersion: *v$gr_version\$"; then
  say "installing goreleaser v$gr_version into .bin/ (about 2.5 min cold)"
  t0=$(now)
  GOBIN="$PWD/.bin" go install "github.com/goreleaser/goreleaser/v2@v$gr_version"
  say "installed goreleaser in $(since "$t0")"
fi

say "goreleaser check"
"$gr" check || fail "goreleaser check"

say "goreleaser release --snapshot --clean --skip=publish"
t0=$(now)
"$gr" release --snapshot --clean --skip=publish || fail "snapshot release"
say "snapshot release took $(since "$t0")"

# The version goreleaser stamped, e.g. 0.0.1-snapshot+abc1234.
version="$(sed -nE 's/.*"version": *"([^"]+)".*/\1/p' dist/metadata.json | head -n1)"
[ -n "$version" ] || fail "no version in dist/metadata.json"
say "snapshot version $version"

# --- archives -------------------------------------------------------------------
shopt -s nullglob
archives=(dist/*.tar.gz dist/*.zip)
shopt -u nullglob
[ "${#archives[@]}" -eq 6 ] || fail "want 6 archives in dist/, got ${#archives[@]}: ${archives[*]:-none}"
say "ok   6 archives"

for t in "${targets[@]}"; do
  bin=$name ext=tar.gz
  if [[ $t == windows_* ]]; then bin=$name.exe ext=zip; fi
  a="dist/${name}_${version}_${t}.${ext}"
  [ -s "$a" ] || fail "missing archive $a"
  if [ "$ext" = zip ]; then
    list="$(unzip -Z1 "$a")"
  else
    list="$(tar -tzf "$a")"
  fi
  for f in "$bin" README.md LICENSE manpages/$name.1.gz \
    completions/$name.bash completions/$name.zsh completions/$name.fish completions/$name.ps1; do
    grep -qxF -- "$f" <<<"$list" || fail "$a lacks $f"
  done
  grep -qF -- "$(basename "$a")" dist/checksums.txt || fail "checksums.txt does not list $a"
  say "ok   $(basename "$a") ($(du -k "$a" | cut -f1) KiB): binary, README, LICENSE, man page, 4 completions"
done
check "sha256sum -c checksums.txt" bash -c 'cd dist && sha256sum --quiet -c checksums.txt'

# --- the linux/amd64 binary -----------------------------------------------------
exe="dist/${name}_linux_amd64_v1/$name"
[ -x "$exe" ] || fail "no built binary at $exe"
out="$("$exe" --version </dev/null 2>&1)" || fail "$exe --version exited non-zero: $out"
grep -qF -- "$version" <<<"$out" || fail "--version printed '$out', want it to contain $version"
say "ok   $exe --version: $out"
info="$(go version -m "$exe")"
for want in "-trimpath=true" "CGO_ENABLED=0"; do
  grep -qF -- "$want" <<<"$info" || fail "$exe built without $want"
done
# Build info omits -ldflags under -trimpath, so look at the binary: -s drops
# the symbol table, -w the DWARF sections.
nm_out="$(go tool nm "$exe" 2>&1 || true)"
grep -q "no symbol" <<<"$nm_out" || fail "$exe has a symbol table: built without -s"
if command -v readelf >/dev/null && readelf -S "$exe" | grep -qF .debug_; then
  fail "$exe has DWARF sections: built without -w"
fi
say "ok   built with -trimpath, CGO_ENABLED=0, -s -w ($(du -k "$exe" | cut -f1) KiB)"

# --- completions and man page agree with the command tree ------------------------
man="$(gzip -dc manpages/$name.1.gz)"
if ! grep -qF ".TH OPENAI-SETUP 1 \"" <<<"$man" || ! grep -qF "\"$name $version\"" <<<"$man"; then
  fail "man page lacks a .TH OPENAI-SETUP 1 header naming $name $version"
fi
has completions/$name.zsh "#compdef $name" || fail "zsh completion lacks #compdef $name"
has completions/$name.bash "$name" || fail "bash completion does not name $name"
has completions/$name.fish "complete -c $name" || fail "fish completion lacks complete -c $name"
has completions/$name.ps1 "Register-ArgumentCompleter" || fail "powershell completion lacks Register-ArgumentCompleter"
# Every visible subcommand (cobra's own completion/help aside) is in the man page.
subs="$("$exe" __complete '' </dev/null 2>/dev/null | grep -v '^:' | cut -f1 | grep -vxE 'completion|help' || true)"
for sub in $subs; do
  grep -qF -- "\\fB$sub\\fP" <<<"$man" || fail "man page does not document '$sub'"
done
say "ok   completions (bash, zsh, fish, powershell) and man page cover: ${subs//$'\n'/ }"

# --- Homebrew cask ----------------------------------------------------------------
cask=dist/homebrew/Casks/$name.rb
[ -s "$cask" ] || fail "missing $cask"
for want in "cask \"$name\" do" "version \"$version\"" "binary \"$name\"" \
  "manpage \"manpages/$name.1.gz\"" "bash_completion \"completions/$name.bash\"" \
  "zsh_completion \"completions/$name.zsh\"" "fish_completion \"completions/$name.fish\"" \
  "homepage \"https://github.com/setupkit/$name\"" "com.apple.quarantine" \
  "https://github.com/setupkit/$name/releases/download/"; do
  has "$cask" "$want" || fail "$cask lacks: $want"
done
for t in darwin_amd64 darwin_arm64 linux_amd64 linux_arm64; do
  has "$cask" "${name}_#{version}_${t}.tar.gz" || fail "$cask has no url for $t"
done
[ "$(grep -c 'sha256 "[0-9a-f]\{64\}"' "$cask")" -eq 4 ] || fail "$cask: want 4 sha256 lines"
if command -v ruby >/dev/null; then check "ruby -c $cask" ruby -c "$cask"; fi
say "ok   $cask: binary, man page, 3 completions, 4 urls with sha256, quarantine hook"

# --- Scoop manifest ---------------------------------------------------------------
scoop=dist/scoop/$name.json
[ -s "$scoop" ] || fail "missing $scoop"
for want in "\"version\": \"$version\"" "\"$name.exe\"" '"64bit"' '"arm64"' \
  "${name}_${version}_windows_amd64.zip" "${name}_${version}_windows_arm64.zip" \
  '"homepage": "https://github.com/setupkit/openai-setup"' '"license": "MIT"'; do
  has "$scoop" "$want" || fail "$scoop lacks: $want"
done
if command -v jq >/dev/null; then
  check "$scoop is valid JSON" jq empty "$scoop"
elif command -v python3 >/dev/null; then
  check "$scoop is valid JSON" python3 -m json.tool "$scoop"
fi
say "ok   $scoop: openai-setup.exe, 64bit and arm64 urls with hashes"

# --- reproducibility ---------------------------------------------------------------
# Only meaningful when nobody can edit the tree between the two builds, so
# only on a clean checkout (as in CI).
if [ "${RELEASE_CHECK_REPRO:-1}" = 0 ]; then
  say "skip rebuild check (RELEASE_CHECK_REPRO=0)"
elif [ -n "$(git status --porcelain 2>/dev/null)" ]; then
  say "skip rebuild check: the working tree has uncommitted changes"
else
  cp dist/checksums.txt "${TMPDIR:-/tmp}/release-check-sums.$$"
  trap 'rm -f "${TMPDIR:-/tmp}/release-check-sums.$$"' EXIT
  say "rebuilding to check the archives are byte-identical"
  t0=$(now)
  "$gr" release --snapshot --clean --skip=publish >/dev/null 2>&1 || fail "second snapshot release"
  diff -u "${TMPDIR:-/tmp}/release-check-sums.$$" dist/checksums.txt || fail "a rebuild of the same tree gave different archives"
  say "ok   rebuild is byte-identical ($(since "$t0"))"
fi

say "all checks passed for $version"
