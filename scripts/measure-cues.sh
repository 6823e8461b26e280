#!/usr/bin/env bash
# Measures a session that is heard: upright (release build) in tmux at COLSxROWS (default
# 120x40) runs a 46-second exercise of holds and rests with speech and sounds on, and notes
# how late each cue was handed to its player (UPRIGHT_CUE_LOG: the moment the player or speech
# process was started, against the cue's deadline), the CPU it used (% of one core, from
# /proc/PID/stat) and the bytes a second written to the terminal (from `script`'s timing log).
# SOUND=false VOICE=false measure the same session silent, for comparison.
#
# Speech: the first engine on the PATH (spd-say, espeak-ng, espeak, say). Sounds: a stand-in
# `pw-play` first on the PATH that plays nothing for 0.3 s, so the figures are the same on a
# machine with no sound card; a real player takes the same hand-over.
#
#   scripts/measure-cues.sh              # 120x40
#   scripts/measure-cues.sh 200 60       # another size
set -euo pipefail
cols=${1:-120} rows=${2:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
sock="measure-cues-$$"
# On any exit: end upright and everything under the pane (script, upright, its players),
# then the private tmux server, so nothing is left running.
cleanup() {
    local pane pids=()
    pane=$(tmux -L "$sock" list-panes -a -F '#{pane_pid}' 2>/dev/null || true)
    for p in $pane; do
        pids+=("$p" $(pgrep -P "$p" || true))
        for c in $(pgrep -P "$p" || true); do pids+=($(pgrep -P "$c" || true)); done
    done
    [ ${#pids[@]} -eq 0 ] || kill -TERM "${pids[@]}" 2>/dev/null || true
    sleep 0.5
    [ ${#pids[@]} -eq 0 ] || kill -KILL "${pids[@]}" 2>/dev/null || true
    tmux -L "$sock" kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
tick=$(getconf CLK_TCK)

cat >"$work/heard.ron" <<'RON'
Program(
    title: "Heard",
    level: Beginner,
    per_week: 1,
    sessions: [Session(name: "A", blocks: [Block(name: "B", items: [
        Item(exercise: "chin-tuck", dose: Holds(sets: 2, reps: 2, hold: 5, rest: 8)),
    ])])],
)
RON
mkdir -p "$work/data" "$work/bin"
echo "(sound: ${SOUND:-true}, voice: ${VOICE:-true})" >"$work/data/settings.ron"
printf '#!/bin/sh\nsleep 0.3\n' >"$work/bin/pw-play"
chmod +x "$work/bin/pw-play"

bin="$root/target/release/upright"
[ -x "$bin" ] || (cd "$root" && cargo build --release -q)

tmux -L "$sock" new-session -d -s m -x "$cols" -y "$rows" \
    "cd '$work' && PATH='$work/bin':\"\$PATH\" XDG_CACHE_HOME='$work/cache' \
     UPRIGHT_CUE_LOG='$work/cues.log' \
     script -q -f -T '$work/timing' -c '$bin run heard.ron --data-dir $work/data' '$work/out'"
sleep 1
pid=$(pgrep -n -f -- "$bin run heard.ron" || true)
[ -n "$pid" ] || { echo "upright did not start" >&2; exit 1; }
until tmux -L "$sock" capture-pane -p -t m | grep -q "Readiness check"; do sleep 0.1; done
tmux -L "$sock" send-keys -t m n
b0=$(awk '{s+=$2} END {print s+0}' "$work/timing")
c0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
t0=$(date +%s.%N)
until tmux -L "$sock" capture-pane -p -t m | grep -q "How did that"; do sleep 0.2; done
t1=$(date +%s.%N)
c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
b1=$(awk '{s+=$2} END {print s+0}' "$work/timing")
speech=$(awk -F'\t' '$1 == "speech" {n++} END {print n ? "yes" : "none"}' "$work/cues.log")

echo "A heard session of $(printf %.0f "$(echo "$t1 - $t0" | bc)") s in tmux at ${cols}x${rows}, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); speech: $speech"
echo
awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v tick="$tick" -v b0="$b0" -v b1="$b1" 'BEGIN {
    d = t1 - t0
    printf "CPU %.3f %% of a core, %.0f B/s to the terminal\n", 100 * (c1 - c0) / tick / d, (b1 - b0) / d
}'
echo
echo "| handed to | cues | median late | 95th percentile | latest |"
echo "|---|---|---|---|---|"
for how in tone speech bell; do
    awk -F'\t' -v how="$how" '$1 == how {print $2}' "$work/cues.log" | sort -n >"$work/$how"
    n=$(wc -l <"$work/$how")
    [ "$n" -gt 0 ] || continue
    awk -v how="$how" -v n="$n" '{ v[NR] = $1 } END {
        p95 = v[int((n - 1) * 0.95) + 1]
        printf "| %s | %d | %.1f ms | %.1f ms | %.1f ms |\n", how, n, v[int((n + 1) / 2)], p95, v[n]
    }' "$work/$how"
done
