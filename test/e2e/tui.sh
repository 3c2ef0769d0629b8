# tui.sh: drive a full-screen program in tmux the way a person would.
# Source it, then:  tui_start CMD...; tui_wait_for TEXT; tui_key Enter; ...; tui_stop
# Each session has its own tmux server (socket in a temp dir), so no other
# tmux is touched and tui_stop leaves nothing behind. Window size comes from
# TUI_COLS x TUI_ROWS (default 80x24). Needs tmux >= 3.2.

TUI_COLS="${TUI_COLS:-80}"
TUI_ROWS="${TUI_ROWS:-24}"
TUI_DIR=""

tui__tmux() { tmux -S "$TUI_DIR/sock" "$@"; }

# tui__now_ms: milliseconds since the epoch.
tui__now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# tui_start CMD [ARG...]: run CMD in a detached session; use `env K=V CMD`
# for environment. The exit status is written by a sh wrapper, because
# tmux's own dead-pane status is not reliable on 3.3.
tui_start() {
  TUI_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tui-e2e.XXXXXX")"
  # Settings go in a config file so they hold before CMD starts: a program
  # that exits at once must not take the session (and its status) with it.
  printf '%s\n' \
    'set -g remain-on-exit on' \
    'set -g escape-time 0' \
    'set -g status off' \
    'set -g history-limit 5000' \
    'set -g default-terminal tmux-256color' >"$TUI_DIR/conf"
  tmux -S "$TUI_DIR/sock" -f "$TUI_DIR/conf" new-session -d -s t -x "$TUI_COLS" -y "$TUI_ROWS" \
    sh -c '"$@"; echo $? >"$0"' "$TUI_DIR/status" "$@"
}

# tui_type TEXT: type TEXT literally, one key press per character.
tui_type() { tui__tmux send-keys -t t -l -- "$1"; }

# tui_key NAME...: press named keys (Enter Escape BSpace Up Down C-c C-u ...).
tui_key() { tui__tmux send-keys -t t "$@"; }

# tui_paste TEXT: a bracketed paste. tmux wraps it in ESC[200~ ... ESC[201~
# only once the program has turned paste mode on: wait for a screen first.
tui_paste() {
  tui__tmux set-buffer -b p -- "$1" && tui__tmux paste-buffer -p -d -b p -t t
}

# tui_capture [-e]: the visible screen; -e keeps colours as SGR escapes.
tui_capture() { tui__tmux capture-pane -p -t t "$@"; }

# tui_wait_for TEXT [SECONDS=5]: wait until TEXT is on screen; on timeout
# show the screen on stderr and fail.
tui_wait_for() {
  local deadline=$(( $(tui__now_ms) + ${2:-5} * 1000 ))
  until tui_capture | grep -qF -- "$1"; do
    if [ "$(tui__now_ms)" -ge "$deadline" ]; then
      printf 'timed out after %ss waiting for: %s\n--- screen ---\n%s\n--------------\n' \
        "${2:-5}" "$1" "$(tui_capture)" >&2
      return 1
    fi
    sleep 0.05
  done
}

# tui_wait_gone TEXT [SECONDS=5]: wait until TEXT has left the screen.
tui_wait_gone() {
  local deadline=$(( $(tui__now_ms) + ${2:-5} * 1000 ))
  while tui_capture | grep -qF -- "$1"; do
    if [ "$(tui__now_ms)" -ge "$deadline" ]; then
      echo "still on screen after ${2:-5}s: $1" >&2
      return 1
    fi
    sleep 0.05
  done
}

# tui_wait_exit [SECONDS=5]: wait for CMD to end and print its exit status.
tui_wait_exit() {
  local deadline=$(( $(tui__now_ms) + ${1:-5} * 1000 )) dead=0
  while [ "$(tui__now_ms)" -lt "$deadline" ]; do
    if [ -s "$TUI_DIR/status" ]; then cat "$TUI_DIR/status"; return 0; fi
    # A signal that also killed the sh wrapper leaves no status file:
    # fall back to what tmux saw, a little after the pane died.
    if [ "$(tui__tmux display-message -p -t t '#{pane_dead}' 2>/dev/null)" = 1 ]; then
      dead=$((dead + 1))
      if [ "$dead" -ge 5 ]; then
        tui__tmux display-message -p -t t '#{?pane_dead_signal,sig#{pane_dead_signal},#{pane_dead_status}}'
        return 0
      fi
    fi
    sleep 0.05
  done
  echo "still running after ${1:-5}s" >&2
  echo "--- screen ---" >&2; tui_capture >&2; echo "--------------" >&2
  return 1
}

# tui_resize COLS ROWS: resize the window (the program gets SIGWINCH).
tui_resize() { tui__tmux resize-window -t t -x "$1" -y "$2"; }

# tui_stop: end the session and the program, remove the temp dir.
tui_stop() {
  [ -n "$TUI_DIR" ] || return 0
  tui__tmux kill-server 2>/dev/null || true
  rm -rf "$TUI_DIR"
  TUI_DIR=""
}
