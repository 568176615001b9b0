#!/usr/bin/env bash
# Deck import benchmark, side by side with Anki's import_csv measured in the same run.
#
#   bash Benchmarks/import.sh          # REPS=5 by default
#
# 1. Writes the anchors' inputs (`anki_workload.py --phase export`: the same 10,000-note
#    vocabulary Anki imports) to a temporary folder, with Anki 26.9.3 installed on first use
#    into ~/.cache/lianxi-anki-venv (outside the repository).
# 2. Runs Anki's `import-csv` workload (in-process: get_csv_metadata + import_csv).
# 3. Runs `lianxi deck import vocab.tsv` (static release build) as a whole process, REPS
#    times, each into a fresh database, and prints both with the ratio and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=$(cd "${ANCHORS:-../shared/bench/anchors}" && pwd)
venv=${ANKI_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/lianxi-anki-venv}
reps=${REPS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A statically linked release build, as one ships a Swift command-line tool on Linux (the
# Swift runtime inside the binary: no dynamic linking of the Swift libraries at start-up).
build=${BUILD:-.build/static}
build=$(mkdir -p "$build" && cd "$build" && pwd)  # absolute, relative or not
swift build -c release --static-swift-stdlib --scratch-path "$build" --product lianxi >&2
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import anki' 2>/dev/null; then
    echo "Installing anki 26.9.3 into $venv ..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "anki==26.9.3"
fi
(cd "$anchors" && "$venv/bin/python" anki_workload.py --phase export --out "$work/data" >&2)
(cd "$anchors" && "$venv/bin/python" anki_workload.py --phase import-csv --n 10000 \
    --reps "$reps" --json "$work/anki.json" >&2)

python3 - "$work" "$reps" "$build/release/lianxi" <<'PY'
import json, os, platform, resource, statistics, subprocess, sys, time
work, reps, lianxi = sys.argv[1], int(sys.argv[2]), sys.argv[3]
vocab = os.path.join(work, "data", "vocab.tsv")
times = []
for rep in range(reps):
    db = os.path.join(work, f"import-{rep}.sqlite")
    start = time.perf_counter()
    subprocess.run([lianxi, "deck", "import", "--db", db, vocab], check=True,
                   stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
anki = json.load(open(os.path.join(work, "anki.json")))
# get_csv_metadata + import_csv, as {n, min, median, max, ...}
anki_total = anki["import-csv"]["import_total_s"]
anki_rss = anki.get("peak_rss_mib_in_process", 0)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"machine: {os.cpu_count()} cores, {cpu}; {platform.platform()}")
print(f"10,000-note TSV, {reps} repetitions, medians (min-max)\n")
print("| | Lianxi `deck import`, whole process | Anki import_csv, in-process |")
print("|---|---:|---:|")
ours = statistics.median(times)
print(f"| time | {ours:.3f} s ({min(times):.3f}-{max(times):.3f}) | "
      f"{anki_total['median']:.3f} s ({anki_total['min']:.3f}-{anki_total['max']:.3f}) |")
print(f"| ratio (ours / Anki) | {ours / anki_total['median']:.2f} | |")
print(f"| peak RSS | {peak:.1f} MiB (largest run) | {anki_rss:.1f} MiB (the Python process) |")
PY
