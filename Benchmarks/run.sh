#!/usr/bin/env bash
# Scheduler benchmarks side by side with py-fsrs, measured in the same run.
#
#   bash Benchmarks/run.sh            # 5 repetitions of each workload
#   REPS=3 bash Benchmarks/run.sh
#
# Builds `lianxi-bench` in release mode, runs it, then runs the shared anchor workload
# `fsrs_py_workload.py --phase bench` (py-fsrs 6.3.2, installed into a virtual environment
# outside the repository), and prints both with their ratios. Peak memory is each whole process.
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=${ANCHORS:-../shared/bench/anchors}
venv=${VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/lianxi-bench-venv}
reps=${REPS:-5}
out=$(mktemp -d)

swift build -c release --product lianxi-bench >&2

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import fsrs' 2>/dev/null; then
    echo "Installing py-fsrs 6.3.2 into $venv ..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "fsrs==6.3.2"
fi

# Runs a command, keeping its standard output in $1 and its peak RSS (MiB) in $1.rss.
measure() {
    local target=$1
    shift
    python3 - "$target" "$@" <<'PY'
import resource, subprocess, sys
target, command = sys.argv[1], sys.argv[2:]
with open(target, "w") as stdout:
    subprocess.run(command, stdout=stdout, check=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
open(target + ".rss", "w").write(f"{peak:.1f}")
PY
}

measure "$out/swift.json" .build/release/lianxi-bench --reps "$reps"
anchors_abs=$(cd "$anchors" && pwd)
(cd "$anchors_abs" && measure "$out/py.log" "$venv/bin/python" fsrs_py_workload.py \
    --phase bench --k 100000 --reps "$reps" --json "$out/py.json")

python3 - "$out" <<'PY'
import json, platform, sys
out = sys.argv[1]
swift = json.load(open(f"{out}/swift.json"))
py = json.load(open(f"{out}/py.json"))["bench"]
swift_rss = open(f"{out}/swift.json.rss").read()
py_rss = open(f"{out}/py.log.rss").read()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"machine: {swift['processors']} cores, {cpu}; {platform.platform()}")
print(f"repetitions: {swift['repetitions']}; figures are medians\n")
print("| workload | Lianxi (Swift) | py-fsrs 6.3.2 | ratio |")
print("|---|---:|---:|---:|")
for key, label in (("fuzz_off", "FSRS reviews/s, fuzz off"), ("fuzz_on", "FSRS reviews/s, fuzz on")):
    s, p = swift[key]["reviews_per_s"]["median"], py[key]["reviews_per_s"]["median"]
    print(f"| {label} (100,000 reviews, 1,000 cards) | {s:,.0f} | {p:,.0f} | {s / p:.1f}x |")
s = swift["retrievability"]["calls_per_s"]["median"]
p = py["get_card_retrievability"]["calls_per_s"]["median"]
print(f"| retrievability calls/s | {s:,.0f} | {p:,.0f} | {s / p:.1f}x |")
print(f"| peak RSS of the whole process | {swift_rss} MiB | {py_rss} MiB | |")
m = swift["memory_recomputation"]
print(f"\nRecomputing memory states, {m['reviews']:,} reviews over {m['cards']:,} cards "
      f"(Anki 26.9.3 takes 2.2 s for its equivalent, shared/bench/anchors/RESULTS.md):")
print(f"- FSRS model over (rating, days) histories: {m['total_s']['median']:.3f} s "
      f"(min {m['total_s']['min']:.3f}, max {m['total_s']['max']:.3f})")
r = m["scheduler_replay_calendar_days_total_s"]
print(f"- full scheduler replay of dated answers, calendar days in Asia/Shanghai: "
      f"{r['median']:.3f} s (min {r['min']:.3f}, max {r['max']:.3f})")
PY
rm -rf "$out"
