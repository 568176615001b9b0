#!/usr/bin/env bash
# Session benchmarks on the anchors' large collection, side by side with Anki in the same run.
#
#   bash Benchmarks/session.sh          # REPS=10 cold starts, ANSWERS=2000
#   LARGE=path/to/large.sqlite bash Benchmarks/session.sh   # reuse a collection built before
#
# 1. Writes the anchors' inputs (`anki_workload.py --phase export`) to a temporary folder and
#    builds the same collection in a Lianxi database (`app-bench build-large`: 25,000 notes,
#    Anki's 50,000 cards as our recognition and production cards, 1,000,000 answers replayed).
# 2. Lianxi, static release build, as whole processes driven line by line through a pipe:
#    - from process start to the first card shown (REPS cold starts, each on a fresh copy);
#    - ANSWERS answers in one session (Good to every card), each durable before the next
#      card shows: the time from sending an answer to the next card's prompt, per answer.
#    And in process, as the anchors time Anki: `app-bench answer`, 3 sessions of ANSWERS
#    answers on fresh copies, each durable (in the answer journal) before the next card's note
#    is read.
# 3. Anki 26.9.3 (installed on first use into ~/.cache/lianxi-anki-venv): the anchors'
#    `--phase large` workload (open, first due card, answers on due reviews) and the cold
#    `--phase first-due` process on its large collection, REPS times.
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=$(cd "${ANCHORS:-../shared/bench/anchors}" && pwd)
venv=${ANKI_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/lianxi-anki-venv}
reps=${REPS:-10}
answers=${ANSWERS:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Statically linked release builds, as one ships a Swift command-line tool on Linux (BUILD
# chooses the build folder).
build=${BUILD:-.build/static}
build=$(mkdir -p "$build" && cd "$build" && pwd)  # absolute, relative or not
swift build -c release --static-swift-stdlib --scratch-path "$build" --product lianxi >&2
swift build -c release --static-swift-stdlib --scratch-path "$build" --product app-bench >&2
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import anki' 2>/dev/null; then
    echo "Installing anki 26.9.3 into $venv ..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "anki==26.9.3"
fi
(cd "$anchors" && "$venv/bin/python" anki_workload.py --phase export --out "$work/data" >&2)
if [ -n "${LARGE:-}" ]; then
    # A collection built before (by this script or large.sh), copied: it is studied here.
    cp "$LARGE" "$work/large.sqlite"
else
    "$build/release/app-bench" build-large --data "$work/data" --db "$work/large.sqlite" >&2
fi
# The first session on a database also loads the shipped decks: do it once, untimed.
"$build/release/lianxi" --db "$work/large.sqlite" --as bench </dev/null >/dev/null

(cd "$anchors" && "$venv/bin/python" anki_workload.py --phase large --large-cards 50000 \
    --large-revlog 1000000 --m "$answers" --reps 3 --answer-reps 3 --json "$work/anki.json" >&2)
(cd "$anchors" && "$venv/bin/python" anki_workload.py --phase build-large \
    --out "$work/anki-large.anki2" >&2)

python3 - "$work" "$reps" "$answers" "$build/release/lianxi" "$venv/bin/python" "$anchors" \
    "$build/release/app-bench" <<'PY'
import json, os, platform, resource, shutil, statistics, subprocess, sys, time
work, reps, answers, lianxi, anki_python, anchors, app_bench = sys.argv[1:8]
reps, answers = int(reps), int(answers)
master = os.path.join(work, "large.sqlite")

def fresh_copy(name):
    path = os.path.join(work, name)
    shutil.copyfile(master, path)
    # The copy's 82 MB written back before the clock starts: left to the kernel, the writeback
    # fell into the timed start (45 against 40 ms on one machine; docs/BENCHMARKS.md).
    os.sync()
    return path

def start(path):
    return subprocess.Popen([lianxi, "--db", path, "--as", "bench"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=0)

def next_prompt(process):
    """Reads lines until a card's prompt; returns the prompt line (or None at the end)."""
    while True:
        line = process.stdout.readline().decode()
        if not line:
            return None
        if "— grade 1-4" in line or "— type the" in line:
            return line

firsts = []
for rep in range(reps):
    path = fresh_copy(f"cold-{rep}.sqlite")
    began = time.perf_counter()
    process = start(path)
    prompt = next_prompt(process)
    firsts.append(time.perf_counter() - began)
    process.stdin.close()
    process.wait()
    assert prompt, "no card was shown"

path = fresh_copy("answers.sqlite")
process = start(path)
prompt = next_prompt(process)
latencies = []
kinds = {"read": 0, "typed": 0}
while prompt and len(latencies) < answers:
    typed = "— type the" in prompt
    kinds["typed" if typed else "read"] += 1
    began = time.perf_counter()
    # A read card takes a grade; a typed card an (empty) answer, then the grade.
    process.stdin.write(b"\n3\n" if typed else b"3\n")
    prompt = next_prompt(process)
    latencies.append(time.perf_counter() - began)
process.stdin.close()
process.wait()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

# In process, as the anchors time Anki: 3 sessions on fresh copies, every answer pooled.
in_process = []
for rep in range(3):
    path = fresh_copy(f"in-process-{rep}.sqlite")
    result = subprocess.run([app_bench, "answer", "--db", path, "--as", "bench", "--answers",
                             str(answers)], check=True, capture_output=True, text=True)
    in_process += json.loads(result.stdout)["latencies_ms"]

anki_cold = []
for rep in range(reps):
    began = time.perf_counter()
    subprocess.run([anki_python, "anki_workload.py", "--phase", "first-due", "--col",
                    os.path.join(work, "anki-large.anki2")], cwd=anchors, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    anki_cold.append(time.perf_counter() - began)
anki = json.load(open(os.path.join(work, "anki.json")))
large = anki["large"]

def stats(values, scale=1000):
    values = sorted(values)
    return f"{statistics.median(values) * scale:.3g} ({values[0] * scale:.3g}-{values[-1] * scale:.3g})"

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"machine: {os.cpu_count()} cores, {cpu}; {platform.platform()}")
print(f"collection: 25,000 notes, 50,000 cards with history, 1,000,000 review-log rows\n")
print("| | Lianxi | Anki 26.9.3 | ratio |")
print("|---|---:|---:|---:|")
anki_first = statistics.median(anki_cold)
print(f"| process start to first card, ms, median (min-max) of {reps} | {stats(firsts)} | "
      f"{stats(anki_cold)} | {statistics.median(firsts) / anki_first:.2f} |")
# Anki: get_queued_cards + build_answer + answer_card per answer, median of all answers, ms.
anki_answer = large["per_answer_step_ms_all"]["median"]
ours = statistics.median(latencies) * 1000
print(f"| per answer, ms, median (min-max) of {len(latencies)} ({kinds['read']} read, "
      f"{kinds['typed']} typed) | {stats(latencies)} | {anki_answer:.3g} | "
      f"{ours / anki_answer:.2f} |")
ours_in_process = statistics.median(in_process)
print(f"| per answer in process, ms, median (min-max) of {len(in_process)} (3 sessions) | "
      f"{stats(in_process, scale=1)} | {anki_answer:.3g} | {ours_in_process / anki_answer:.2f} |")
# The mean too: the answer journal stores its answers in the database a batch at a time, on
# the answer that fills it, which the median does not see.
anki_mean = large["per_answer_step_ms_all"]["mean"]
ours_mean = statistics.mean(in_process)
print(f"| per answer in process, ms, mean of {len(in_process)} | {ours_mean:.3g} | "
      f"{anki_mean:.3g} | {ours_mean / anki_mean:.2f} |")
print(f"| peak RSS of the session processes | {peak:.1f} MiB | "
      f"{anki.get('peak_rss_mib_in_process', float('nan')):.1f} MiB (Python process, all phases) | |")
print("\nAnki's per-answer figure is the anchors' in-process `get_queued_cards + build_answer + "
      "answer_card` (ratings drawn 15/10/65/10), 3 sessions pooled. Ours in process is "
      "`app-bench answer` with the same weights: from the card on screen to its answer "
      "durable (its answer journal's block synced with fdatasync) and the next card's note "
      "read; through a pipe, a whole process "
      "answering Good, the round trip included.")
print(f"Anki in-process: open + first due card {large['open_plus_first_due_s']['median'] * 1000:.3g} ms; "
      f"due counts (new, learning, review) {large['counts_new_learn_review']}.")
PY
