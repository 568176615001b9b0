#!/usr/bin/env python3
"""Two associates studying in one database at the same time, with readers running meanwhile.

    python3 Scripts/reliability/concurrency_test.py [--rounds 1]

On a copy of a realistic database, two fresh associates each run a full session at the same
time (line mode, every card answered: about 1,900 answers each, since each of the 960 words
shows one card a day and a card takes two Good answers to leave its learning steps), while a
third process runs readers in a loop: `lianxi deck list` and `lianxi doctor`. Then:
  - no output of any process mentions "locked" or "busy", and every exit status is 0;
  - each associate's review_log holds exactly the answers their session sent and acknowledged
    (the session's last "[N done …]" and its summary "Answered N cards");
  - `lianxi doctor` finds every card state equal to the replay of the log.
READERS lists the reader commands run while the two associates study.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time

from driver import WORK, Session, answers, doctor, program, realistic_database

# Commands run in a loop while the two associates study ({db} is the database path).
READERS = [
    ["deck", "list", "--db", "{db}"],
    ["doctor", "--db", "{db}"],
    ["report", "--db", "{db}", "--format", "csv"],
]
TROUBLE = re.compile(r"database is locked|database is busy|^Error:", re.IGNORECASE)


def read_while(lianxi, database, stop, results):
    while not stop.is_set():
        for command in READERS:
            result = subprocess.run(
                [lianxi, *[part.format(db=database) for part in command]],
                capture_output=True, text=True)
            results.append((command[0], result.returncode, result.stdout + result.stderr))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=1)
    arguments = parser.parse_args()
    lianxi = program()
    base = realistic_database(lianxi, os.path.join(WORK, "realistic.sqlite"))
    failures = 0
    for round_number in range(arguments.rounds):
        database = os.path.join(WORK, f"concurrency-{round_number}.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(database + suffix):
                os.remove(database + suffix)
        shutil.copy(base, database)
        names = [f"pair-{round_number}-a", f"pair-{round_number}-b"]
        # Register both first so each session's start-up is a plain read.
        for name in names:
            subprocess.run([lianxi, "--db", database, "--as", name, "--new", "0"], input=b"q\n",
                           capture_output=True, check=True)
        stop = threading.Event()
        reads = []
        reader = threading.Thread(target=read_while, args=(lianxi, database, stop, reads))
        started = time.monotonic()
        sessions = [Session(lianxi, database, name, grade="3") for name in names]
        reader.start()
        running = list(sessions)
        while running:
            running = [session for session in running if session.step(0.2)]
        stop.set()
        reader.join()
        seconds = time.monotonic() - started
        for name, session in zip(names, sessions):
            stored = answers(database, name)
            summary = next((line for line in session.output if line.startswith("Answered")), "")
            trouble = [line for line in session.output if TROUBLE.search(line)]
            ok = (session.process.returncode == 0 and not trouble
                  and stored == session.sent == session.acknowledged
                  and summary.startswith(f"Answered {stored} card"))
            print(f"{name}: sent {session.sent}, acknowledged {session.acknowledged}, "
                  f"stored {stored}; {summary!r}; exit {session.process.returncode}"
                  + ("" if ok else "  <-- FAILED " + " | ".join(trouble[:3])))
            failures += not ok
        bad_reads = [(command, status, output) for command, status, output in reads
                     if status != 0 or TROUBLE.search(output)]
        print(f"readers: {len(reads)} runs during {seconds:.0f} s, {len(bad_reads)} failed")
        for command, status, output in bad_reads[:5]:
            print(f"  {command} exit {status}: {output.strip()[:300]}")
        failures += len(bad_reads)
        status, report = doctor(lianxi, database)
        print(f"doctor after the round: exit {status}; " + report.strip().splitlines()[-1])
        failures += status != 0
    print("all good" if failures == 0 else f"{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
