#!/usr/bin/env python3
"""Kill test: SIGKILL a review session at random moments; nothing acknowledged may be lost.

    python3 Scripts/reliability/kill_test.py [--kills 200] [--seed 1]

Copies a realistic database (the shipped decks and a few thousand answers) and, again and
again, starts a scripted session (line mode) for one of a few associates, answers its cards
and kills it with SIGKILL after a random delay (0-1.5 s: during start-up, first run, or
mid-answer). After every kill, once the next `lianxi` command (`associate list`) has opened
the database (an answer is durable in the answer journal beside it when acknowledged, and is
stored in review_log by whoever opens the database next: docs/RELIABILITY.md):
  - PRAGMA integrity_check is ok;
  - every acknowledged answer is in review_log (a prompt "[N done …]" is printed only after
    answer N is durable), and nothing beyond what was sent;
  - `lianxi doctor` finds card_state equal to the replay of review_log (exit 0);
  - the next session starts normally (a session that is told to stop exits 0).
Prints the figures at the end; exit status 1 on the first failure.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time

from driver import (WORK, Session, answers, associate_exists, doctor, integrity, program,
                    realistic_database)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=1.5)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    lianxi = program()
    base = realistic_database(lianxi, os.path.join(WORK, "realistic.sqlite"))
    database = os.path.join(WORK, "kill-test.sqlite")
    for suffix in ("", "-wal", "-shm", "-answers"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    shutil.copy(base, database)
    print(f"base: {answers(base)} answers; killing sessions on a copy ({database})")

    associates = [f"kill-{index}" for index in range(6)] + ["base-ana", "base-bo"]
    kills = survived = checked = lost = ended = 0
    in_flight_committed = 0
    started = time.monotonic()
    while kills < arguments.kills:
        associate = rng.choice(associates)
        before = answers(database, associate)
        session = Session(lianxi, database, associate, grade=rng.choice("1234"),
                          new=rng.choice([5, 50, 960]))
        deadline = time.monotonic() + rng.uniform(0.0, arguments.max_delay)
        alive = True
        while alive and time.monotonic() < deadline:
            alive = session.step(max(0.0, deadline - time.monotonic()))
        if alive:
            session.kill()
            kills += 1
        else:
            ended += 1
        # The next command to open the database stores what the killed session's journal
        # holds (nothing, if the session ended on its own).
        opened = subprocess.run([lianxi, "associate", "list", "--db", database],
                                capture_output=True, text=True)
        after = answers(database, associate)
        stored = after - before
        checked += session.acknowledged
        problems = []
        if opened.returncode != 0:
            problems.append("associate list: " + opened.stdout + opened.stderr)
        if integrity(database) != ["ok"]:
            problems.append(f"integrity_check: {integrity(database)}")
        if stored < session.acknowledged:
            lost += session.acknowledged - stored
            problems.append(f"{session.acknowledged} answers acknowledged, {stored} stored")
        if stored > session.sent:
            problems.append(f"{session.sent} answers sent, {stored} stored")
        in_flight_committed += stored - session.acknowledged
        # The killed associate's cards after every kill; everyone's every 20 kills.
        # (A session killed before it registered its associate has no cards to replay.)
        registered = associate_exists(database, associate)
        status, report = doctor(
            lianxi, database, associate if registered and kills % 20 else None)
        if status != 0:
            problems.append("doctor: " + report)
        next_session = subprocess.run(
            [lianxi, "--db", database, "--as", associate, "--new", "0"], input="q\n",
            capture_output=True, text=True)
        if next_session.returncode != 0:
            problems.append("next session: " + next_session.stdout + next_session.stderr)
        if problems:
            print(f"FAILED after kill {kills} ({associate}):", *problems, sep="\n  ")
            print("  last output:", *session.output[-5:], sep="\n    ")
            return 1
        if alive:
            survived += 1
        if kills % 25 == 0 and alive:
            print(f"{kills} kills, {checked} acknowledged answers checked, "
                  f"{answers(database)} answers in the database")
    status, report = doctor(lianxi, database)
    if status != 0:
        print("FAILED: final doctor:", report)
        return 1
    minutes = (time.monotonic() - started) / 60
    print(f"kills: {kills}, survived: {survived} (plus {ended} sessions that ended on their own)")
    print(f"acknowledged answers checked: {checked}, lost: {lost}; answers committed but not yet "
          f"acknowledged when killed (kept, as they should be): {in_flight_committed}")
    print(f"answers in the database: {answers(database)}; {minutes:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
