#!/usr/bin/env bash
# Measures a running countdown the way a person sees it: each timer in its own 120x40 tmux
# terminal under `script` (which logs every byte written and when), all running side by side
# over the same SECS-second window (default 60), so a busy machine weighs on them alike.
# For each: CPU (% of one core, from /proc/PID/task/*/schedstat, nanoseconds), peak memory
# (VmHWM), bytes written to the terminal per second, and the time from start to the first
# byte written; for upright also how late the end of its countdown is shown (from the frame
# that starts the countdown to the frame that shows its end, both timed by `script`).
#
# Peers run when installed, each started the way a person starts it:
#   termdown  (pip install termdown)                        starts counting at once
#   timr-tui  (cargo install timr-tui --version 1.9.0)      -r (stored state reset to the
#             defaults), countdown mode; Space starts it
#   tclock    (cargo install tclock)                        a clock, not a countdown: it
#             redraws every second, which is the same work
#
#   scripts/measure-timer.sh [SECS]          # upright and the peers
#   PEERS=0 scripts/measure-timer.sh 120     # upright alone, e.g. a 2-minute end check
#   COLS=200 ROWS=60 PEERS=0 scripts/measure-timer.sh   # another size
#   KEEP=1 scripts/measure-timer.sh          # keep each timer's output and timing log
#   COLS=200 ROWS=60 scripts/measure-timer.sh            # another terminal size
#   EXERCISE=sit-to-stand DOSE='Reps(sets: 1, reps: 15, rest: 0, tempo: 5)' \
#       PEERS=0 scripts/measure-timer.sh     # upright's first exercise paced: its figure
#                                            # changes pose with each part of a rep (make
#                                            # the dose last SECS + 15 s for the end check)
#   SMOOTH=1 ...                             # with the figure's smooth mode on
#   HISTORY=DIR ...                          # upright starts on a copy of the data folder
#                                            # DIR (its journal and snapshot), e.g. the ten
#                                            # years `REPLAY_KEEP=DIR cargo bench --bench
#                                            # replay -- start_up` keeps in DIR/ten-years;
#                                            # started once before (and ended with SIGTERM)
#                                            # so its snapshot holds the countdown program,
#                                            # as after a person's first session of it
#   COLD=1 HISTORY=DIR ...                   # without that first start: the countdown
#                                            # program is new to the snapshot
#
# Nothing is left running: the timers run on a private tmux server, and on any exit the
# script ends every process in its panes and kills that server.
set -euo pipefail
secs=${1:-60}
cols=${COLS:-120} rows=${ROWS:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
socket="upright-measure-$$"
tm() { tmux -L "$socket" "$@"; }

# Every process started under `pid`, depth first.
descendants() {
    local child
    for child in $(pgrep -P "$1" || true); do
        echo "$child"
        descendants "$child"
    done
}

any_alive() {
    local p
    for p in "$@"; do [ -e "/proc/$p" ] && return 0; done
    return 1
}

cleanup() {
    local panes pids=()
    panes=$(tm list-panes -a -F '#{pane_pid}' 2>/dev/null || true)
    for p in $panes; do
        pids+=("$p" $(descendants "$p"))
    done
    [ ${#pids[@]} -eq 0 ] || kill -TERM "${pids[@]}" 2>/dev/null || true
    sleep 0.5
    [ ${#pids[@]} -eq 0 ] || kill -KILL "${pids[@]}" 2>/dev/null || true
    tm kill-server 2>/dev/null || true
    # Until the last of them has been reaped, so that nothing is left when the script ends.
    local tries=0
    while [ $tries -lt 40 ] && any_alive "${pids[@]}"; do
        sleep 0.05; tries=$((tries + 1))
    done
    if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# The countdown each timer is given: past the end of the window, so all still count in it.
left=$((secs + 15))

cat >"$work/countdown.ron" <<RON
Program(
    title: "Countdown",
    level: Beginner,
    per_week: 1,
    sessions: [Session(name: "A", blocks: [Block(name: "B", items: [
        Item(exercise: "${EXERCISE:-tandem-stance-supported}", dose: ${DOSE:-Time(secs: $left)}),
        Item(exercise: "chin-tuck", dose: Time(secs: 30)),
    ])])],
)
RON

# CPU time of every thread of `pid` so far, in nanoseconds.
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {print s + 0}'; }
# Bytes written so far, from a `script` timing log.
bytes() { awk '{s += $2} END {print s + 0}' "$work/$1.timing"; }

names=() pids=()

# start NAME CMDLINE-PATTERN KEYS... -- COMMAND...
# The timer is the newest process under the pane whose command line matches the pattern
# (script, shells and version-manager shims come before it).
start() {
    local name=$1 pattern=$2; shift 2
    local keys=()
    while [ "$1" != "--" ]; do keys+=("$1"); shift; done
    shift
    tm new-session -d -s "$name" -x $cols -y $rows \
        "script -q -f -T '$work/$name.timing' -c '$*' '$work/$name.out'"
    # The newest process under the pane whose command line matches `pattern`.
    find_timer() {
        local found="" p
        for p in $(descendants "$(tm display -p -t "$name" '#{pane_pid}')"); do
            if { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -q -- "$pattern"; then
                found=$p
            fi
        done
        echo "$found"
    }
    local pid="" tries=0
    while [ -z "$pid" ] && [ $tries -lt 50 ]; do
        sleep 0.1; tries=$((tries + 1)); pid=$(find_timer)
    done
    [ -n "$pid" ] || { echo "$name: did not start" >&2; return; }
    # Launchers (shells, version-manager shims) hand over to the timer itself: look again
    # once they have.
    sleep 1
    pid=$(find_timer)
    for k in "${keys[@]}"; do
        tm send-keys -t "$name" "$k"
        sleep 0.3
    done
    names+=("$name") pids+=("$pid")
}

bin="$root/target/release/upright"
[ -x "$bin" ] || (cd "$root" && cargo build --release -q)
# n: no unassessed fracture; Enter: skip "get ready" so the countdown starts at once.
# Its settings (beside its journal): the figure's smooth mode only when asked for.
mkdir -p "$work/data"
if [ -n "${HISTORY:-}" ]; then
    cp -r "$HISTORY"/. "$work/data/"
    rm -f "$work/data/upright.lock"
fi
echo "(sound: false, smooth_figure: $([ "${SMOOTH:-0}" = 1 ] && echo true || echo false))" \
    >"$work/data/settings.ron"
if [ -n "${HISTORY:-}" ] && [ "${COLD:-0}" != 1 ]; then
    # A first start brings the snapshot up to date with the countdown program, and keeps it.
    tm new-session -d -s warm -x $cols -y $rows \
        "'$bin' run '$work/countdown.ron' --quiet --data-dir '$work/data'"
    sleep 3
    warm=$(pgrep -P "$(tm display -p -t warm '#{pane_pid}')" || tm display -p -t warm '#{pane_pid}')
    kill -TERM "$warm" 2>/dev/null || true
    sleep 1
    tm kill-session -t warm 2>/dev/null || true
fi
start upright "upright run" n Enter -- \
    "$bin" run "$work/countdown.ron" --quiet --data-dir "$work/data"
if [ "${PEERS:-1}" != 0 ]; then
    if command -v termdown >/dev/null 2>&1; then
        start termdown "termdown [0-9]" -- termdown "${left}s"
    fi
    if command -v timr-tui >/dev/null 2>&1; then
        start timr-tui "timr-tui -r" Space -- timr-tui -r --mode countdown \
            --countdown "$((left / 60)):$(printf %02d $((left % 60)))"
    fi
    if command -v tclock >/dev/null 2>&1; then
        start tclock "tclock" -- tclock
    fi
fi

sleep 1
declare -A c0 b0
for i in "${!names[@]}"; do
    c0[$i]=$(cpu_ns "${pids[$i]}") b0[$i]=$(bytes "${names[$i]}")
done
t0=$(date +%s.%N)
sleep "$secs"
t1=$(date +%s.%N)

echo "Countdowns in tmux at ${cols}x${rows}, side by side over the same ${secs} s" \
    "(upright: ${EXERCISE:-tandem-stance-supported}${SMOOTH:+, smooth figure})," \
    "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| timer      | CPU (one core) | peak memory | written       | first byte | end shown late |"
echo "|------------|----------------|-------------|---------------|------------|----------------|"
for i in "${!names[@]}"; do
    name=${names[$i]} pid=${pids[$i]}
    c1=$(cpu_ns "$pid") b1=$(bytes "$name")
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    first=$(awk 'NR == 1 {printf "%.0f", $1 * 1000}' "$work/$name.timing")
    late=""
    if [ "$name" = upright ]; then
        # Wait for the end (the check-in after the exercise), then time both frames from
        # script's log: the chunk that first shows WORK and the one that first asks how it
        # felt. The log's chunks are in the order of the output's bytes.
        deadline=$((SECONDS + left + 10))
        while ! grep -q "How did that" "$work/$name.out" && [ $SECONDS -lt $deadline ]; do
            sleep 0.5
        done
        late=$(python3 - "$work/$name.out" "$work/$name.timing" "$left" <<'PY'
import sys
out = open(sys.argv[1], 'rb').read()
chunks = [line.split() for line in open(sys.argv[2])]
# The typescript may start with a header line that has no entry in the timing log.
pos = len(out) - sum(int(n) for _, n in chunks)
t, start, end = 0.0, None, None
for delay, n in chunks:
    t += float(delay)
    piece = out[max(0, pos - 32):pos + int(n)]
    pos += int(n)
    if start is None and b'WORK' in piece:
        start = t
    if start is not None and end is None and b'How did that' in piece:
        end = t
if start is None or end is None:
    print('-')
else:
    print(round((end - start - float(sys.argv[3])) * 1000))
PY
)
        late="$late ms"
    fi
    awk -v n="$name" -v c0="${c0[$i]}" -v c1="$c1" -v t0="$t0" -v t1="$t1" \
        -v b0="${b0[$i]}" -v b1="$b1" -v hwm="$hwm" -v first="$first" -v late="$late" 'BEGIN {
        d = t1 - t0
        printf "| %-10s | %12.3f %% | %8.1f MB | %7.0f B/s | %7s ms | %14s |\n",
            n, 100 * (c1 - c0) / 1e9 / d, hwm / 1024, (b1 - b0) / d, first, late
    }'
done
