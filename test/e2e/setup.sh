# setup.sh: what every e2e script starts with. Source it with the script's
# own arguments ("$@"): it checks them, sources tui.sh, makes $work (removed
# on exit with the fake API and the tmux session), and sets $here, $root
# and $bin. start_fakeapi FLAGS… then starts test/fakeapi on a free
# loopback port and sets $base_url and $fakeapi (the binary); key_for SCENARIO
# prints its key.
[ $# -eq 1 ] || { echo "usage: $0 BINARY" >&2; exit 2; }
command -v tmux >/dev/null || { echo "e2e: tmux is not installed" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -x "$bin" ] || { echo "e2e: $1 is not an executable" >&2; exit 2; }
. "$here/tui.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/openai-setup-e2e.XXXXXX")"
api_pid=""
cleanup() {
  tui_stop
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# start_fakeapi FLAGS…: the fake API (bin/fakeapi when built, else built
# here) with FLAGS, its keys one "scenario key" per line in $work/keys.
start_fakeapi() {
  fakeapi="$root/bin/fakeapi" # also used by scenarios that start their own
  if [ ! -x "$fakeapi" ]; then
    (cd "$root" && go build -o "$work/fakeapi" ./test/fakeapi) || { echo "e2e: cannot build test/fakeapi" >&2; exit 2; }
    fakeapi="$work/fakeapi"
  fi
  "$fakeapi" -addr 127.0.0.1:0 "$@" -ready-file "$work/ready" -print-keys >"$work/keys" 2>"$work/fakeapi.err" &
  api_pid=$!
  for _ in $(seq 1 200); do [ -s "$work/ready" ] && break; sleep 0.05; done
  [ -s "$work/ready" ] || { echo "e2e: the fake API did not start" >&2; cat "$work/fakeapi.err" >&2; exit 2; }
  base_url="$(head -n1 "$work/ready")"
}

key_for() { awk -v s="$1" '$1 == s { print $2 }' "$work/keys"; }
