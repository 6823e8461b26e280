#!/usr/bin/env bash
# Measures a running countdown the way a person sees it: in tmux at 120x40, for SECS seconds
# (default 60). For each timer: CPU (% of one core, from /proc/PID/stat), peak memory
# (VmHWM), bytes written to the terminal per second, time to the first frame and, for
# upright, how late the end of the countdown is shown (both from `script`'s timing log).
# Peers are measured when installed: termdown (pip install termdown) and timr-tui
# (cargo install timr-tui; 1.9.0 builds with Rust 1.95).
#
#   scripts/measure-timer.sh [SECS]          # upright and the peers
#   PEERS=0 scripts/measure-timer.sh 120     # upright alone, e.g. a 2-minute end check
#   COLS=200 ROWS=60 scripts/measure-timer.sh            # another terminal size
#   EXERCISE=sit-to-stand DOSE='Reps(sets: 1, reps: 15, rest: 0, tempo: 4)' \
#       scripts/measure-timer.sh             # a paced exercise: the figure moves (60 s)
#   SMOOTH=1 ...                             # with the figure's smooth mode on
set -euo pipefail
secs=${1:-60}
cols=${COLS:-120} rows=${ROWS:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'tmux kill-session -t measure 2>/dev/null || true; rm -rf "$work"' EXIT
tick=$(getconf CLK_TCK)

cat >"$work/countdown.ron" <<RON
Program(
    title: "Countdown",
    level: Beginner,
    per_week: 1,
    sessions: [Session(name: "A", blocks: [Block(name: "B", items: [
        Item(exercise: "${EXERCISE:-tandem-stance-supported}", dose: ${DOSE:-Time(secs: $secs)}),
        Item(exercise: "chin-tuck", dose: Time(secs: 30)),
        Item(exercise: "single-leg-stand-supported", dose: Time(secs: 30)),
    ])])],
)
RON

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure NAME PROCESS-PATTERN KEYS... -- COMMAND...  (the newest process whose command
# line matches PROCESS-PATTERN is the timer itself: script and the shell start before it)
measure() {
    local name=$1 proc=$2; shift 2
    local keys=()
    while [ "$1" != "--" ]; do keys+=("$1"); shift; done
    shift
    tmux kill-session -t measure 2>/dev/null || true
    tmux new-session -d -s measure -x $cols -y $rows \
        "script -q -f -T '$work/$name.timing' -c '$*' '$work/$name.out'"
    # Let launchers (shells, version-manager shims) hand over to the timer itself first.
    sleep 1
    local pid
    pid=$(pgrep -n -f -- "$proc" || true)
    [ -n "$pid" ] || { echo "$name: did not start" >&2; return; }
    local t_go=""
    for k in "${keys[@]}"; do
        sleep 0.3
        t_go=$(date +%s.%N)
        tmux send-keys -t measure "$k"
    done
    local b0 t0 c0
    b0=$(awk '{s+=$2} END {print s+0}' "$work/$name.timing")
    c0=$(cpu_ticks "$pid"); t0=$(date +%s.%N)
    # The end: upright's countdown starts with its last key and lasts SECS. Watch the pane
    # from just before then until the end is on screen (the check-in after the exercise);
    # the key's delivery counts against upright. Peers run past the window: no end measured.
    local late="-"
    if [ "$name" = upright ]; then
        sleep "$(echo "$secs - 0.5" | bc)"
        while ! tmux capture-pane -p -t measure | grep -q "How did that"; do :; done
        late=$(echo "($(date +%s.%N) - $t_go - $secs) * 1000" | bc | xargs printf '%.0f')
    else
        sleep "$secs"
    fi
    local c1 t1 b1 hwm first
    c1=$(cpu_ticks "$pid"); t1=$(date +%s.%N)
    b1=$(awk '{s+=$2} END {print s+0}' "$work/$name.timing")
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    first=$(awk 'NR==1 {printf "%.0f", $1 * 1000}' "$work/$name.timing")
    tmux kill-session -t measure 2>/dev/null || true
    awk -v n="$name" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v tick="$tick" \
        -v b0="$b0" -v b1="$b1" -v hwm="$hwm" -v first="$first" -v late="$late" 'BEGIN {
        d = t1 - t0
        printf "| %-10s | %6.3f %% | %6.1f MB | %6.0f B/s | %5s ms | %6s ms |\n",
            n, 100 * (c1 - c0) / tick / d, hwm / 1024, (b1 - b0) / d, first, late
    }'
}

echo "Countdown of ${secs} s (${EXERCISE:-tandem-stance-supported}${SMOOTH:+, smooth figure}) in tmux at ${cols}x${rows}, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)"
echo
echo "| timer      | CPU      | peak mem  | terminal    | 1st frame | end late  |"
echo "|------------|----------|-----------|-------------|-----------|-----------|"
bin="$root/target/release/upright"
[ -x "$bin" ] || (cd "$root" && cargo build --release -q)
# n: no unassessed fracture; Enter: skip "get ready" so the countdown starts at once.
mkdir -p "$work/config/upright"
echo "(sound: false, smooth_figure: $([ "${SMOOTH:-0}" = 1 ] && echo true || echo false))" \
    >"$work/config/upright/settings.ron"
measure upright "upright run" n Enter -- env XDG_CONFIG_HOME="$work/config" "$bin" run "$work/countdown.ron" --quiet --data-dir "$work/data"
[ "${PEERS:-1}" = 0 ] && exit 0
if command -v termdown >/dev/null 2>&1; then
    measure termdown "termdown [0-9]" -- termdown "$((secs + 10))s"
fi
if command -v timr-tui >/dev/null 2>&1; then
    # s starts the countdown.
    left=$((secs + 10))
    measure timr-tui "timr-tui --mode" s -- \
        timr-tui --mode countdown --countdown "$((left / 60)):$(printf %02d $((left % 60)))"
fi
