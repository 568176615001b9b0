#!/usr/bin/env bash
# Maintenance and statistics commands on the anchors' large collection, as whole processes.
#
#   bash Benchmarks/large.sh            # REPS=10 for the read-only commands, 5 for the others
#   LARGE=path/to/large.sqlite bash Benchmarks/large.sh    # reuse a collection built before
#
# 1. Builds the collection session.sh studies (`app-bench build-large`: 25,000 notes, 50,000
#    cards with history, the anchors' 1,000,000 answers replayed with FSRS), unless LARGE names
#    one already built; the first session on it (untimed) loads the shipped decks.
# 2. Times, REPS times each, static release build, from process start to exit:
#    - `lianxi --version`: the program's start-up alone;
#    - `lianxi status` and `lianxi stats` (read only);
#    - `lianxi doctor` on the healthy collection (integrity, links, every card replayed), and
#      `doctor --thorough` (every index entry looked up against its row as well);
#    - `lianxi doctor --repair` on a fresh copy where 1,000 card states were moved a day;
#    - the replay a migration asks for (the schema-3 renumbering's `pending_replay`), run by
#      `lianxi associate list` on a fresh copy;
#    - a rebuild by new settings: `lianxi associate set bench --retention 0.85` on a copy.
#    Wall time is the median (min-max); CPU is user + system time of the process (less
#    sensitive to other jobs on the machine); peak RSS the largest of the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=$(cd "${ANCHORS:-../shared/bench/anchors}" && pwd)
reps=${REPS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Statically linked release builds, as session.sh builds them (BUILD chooses another folder).
build=${BUILD:-.build/static}
build=$(mkdir -p "$build" && cd "$build" && pwd)  # absolute, relative or not
swift build -c release --static-swift-stdlib --scratch-path "$build" --product lianxi >&2
if [ -z "${LARGE:-}" ]; then
    swift build -c release --static-swift-stdlib --scratch-path "$build" --product app-bench >&2
    (cd "$anchors" && python3 anki_workload.py --phase export --out "$work/data" >&2)
    LARGE=$work/large.sqlite
    "$build/release/app-bench" build-large --data "$work/data" --db "$LARGE" >&2
    "$build/release/lianxi" --db "$LARGE" --as bench </dev/null >/dev/null
fi

python3 - "$work" "$reps" "$build/release/lianxi" "$LARGE" <<'PY'
import os, platform, shutil, sqlite3, statistics, subprocess, sys, time
work, reps, lianxi, master = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
writes = max(1, min(reps, 5))

def copy_of(name, change=None):
    """A fresh copy of the collection, changed by `change` (SQL) if given."""
    path = os.path.join(work, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    shutil.copyfile(master, path)
    if change:
        connection = sqlite3.connect(path)
        connection.executescript(change)
        connection.close()
    # The copy written back before the clock starts, not during the timed command.
    os.sync()
    return path

def run(arguments):
    """Runs lianxi once; returns (wall s, cpu s, peak RSS MiB)."""
    began = time.perf_counter()
    process = subprocess.Popen([lianxi] + arguments, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"lianxi {' '.join(arguments)} exited with {code}:\n{output.decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

rows = []
def measure(label, count, arguments, prepare=None, database=True):
    runs = []
    for rep in range(count):
        path = prepare(rep) if prepare else master
        runs.append(run(arguments + (["--db", path] if database else [])))
    walls = sorted(r[0] for r in runs)
    cpus = sorted(r[1] for r in runs)
    rows.append((label, count, walls, cpus, max(r[2] for r in runs)))

# A rebuild must change what it rebuilds: a day added to 1,000 card states' due times.
moved = """UPDATE card_state SET due_ms = due_ms + 86400000
    WHERE card_id IN (SELECT card_id FROM card_state WHERE due_ms IS NOT NULL
        ORDER BY card_id LIMIT 1000)"""
pending = "INSERT INTO pending_replay (associate_id) SELECT id FROM associate"

measure("`lianxi --version` (start-up)", reps, ["--version"], database=False)
measure("`lianxi status`", reps, ["status", "--as", "bench"])
measure("`lianxi stats`", reps, ["stats", "--as", "bench"])
measure("`lianxi doctor` (healthy)", reps, ["doctor"])
measure("`lianxi doctor --thorough` (every index against its rows)", writes,
        ["doctor", "--thorough"])
measure("`lianxi doctor --repair` (1,000 states moved)", writes, ["doctor", "--repair"],
        prepare=lambda rep: copy_of("repair.sqlite", moved))
measure("replay after a migration (`pending_replay`), `lianxi associate list`", writes,
        ["associate", "list"], prepare=lambda rep: copy_of("pending.sqlite", pending))
measure("rebuild by new settings, `lianxi associate set bench --retention 0.85`", writes,
        ["associate", "set", "bench", "--retention", "0.85"],
        prepare=lambda rep: copy_of("settings.sqlite"))

connection = sqlite3.connect(master)
answers, = connection.execute("SELECT count(*) FROM review_log").fetchone()
states, = connection.execute("SELECT count(*) FROM card_state").fetchone()
connection.close()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"machine: {os.cpu_count()} cores, {cpu}; {platform.platform()}; load {os.getloadavg()[0]:.1f}")
print(f"collection: {answers:,} answers, {states:,} card states, "
      f"{os.path.getsize(master) / 2**20:.0f} MiB\n")
print("| whole process | runs | wall, median (min-max) | CPU user+sys, median | peak RSS |")
print("|---|---:|---:|---:|---:|")
for label, count, walls, cpus, peak in rows:
    print(f"| {label} | {count} | {statistics.median(walls) * 1000:.1f} ms "
          f"({walls[0] * 1000:.1f}-{walls[-1] * 1000:.1f}) | "
          f"{statistics.median(cpus) * 1000:.1f} ms | {peak:.1f} MiB |")
PY
