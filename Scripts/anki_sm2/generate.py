#!/usr/bin/env python3
"""Writes the SM-2 fixtures: real Anki's answers, to compare Lianxi's SM-2 with.

    python3 -m venv /tmp/anki-venv
    /tmp/anki-venv/bin/pip install anki==26.9.3
    /tmp/anki-venv/bin/python Scripts/anki_sm2/generate.py

writes, under Tests/SpacedRepetitionTests/Fixtures:

- sm2_anki.csv: every sequence of 3-6 answers (4^3 + 4^4 + 4^5 + 4^6 = 5,440) and 65
  sequences of up to 12 answers (the issue's, then seeded random ones), fuzz off. One row per answer: the sequence
  (ratings 1-4, no separator), the answer's position from 1, then the card after the
  answer: phase (learning, review, relearning), step from 0 (empty in review), the next
  interval (`60s`, `600s`, `4d`: what Anki's review log records), the review interval in
  days (card.ivl; for a relearning card the interval it returns to) and the ease in
  thousandths (card.factor, 2500 = 250 %; 0 until the card first graduates).
- sm2_anki_fuzz.csv: the same answers for a sample of sequences, fuzz on, each answered
  by eight cards whose ids (so fuzz seeds, card id + reps) differ: the card before the
  answer (phase, interval, ease) and the fuzzed interval Anki chose. Card ids are fixed, so
  a second run writes the same files.

How Anki is driven:

- A fresh collection, the v3 scheduler, default deck options, FSRS off, the load balancer
  off (it would move intervals inside the fuzz range).
- Fuzz off: Anki draws no fuzz when the environment variable ANKI_TEST_MODE is set (its
  `get_fuzz_seed` returns None for Python unit tests), so the fuzz-off rows come from a
  child process started with ANKI_TEST_MODE=1; the fuzz-on rows from one without it.
- Each answer is given on the day the card is due: Anki reads the real clock, so instead
  of moving the clock the script moves the card. After every answer, a review card's due
  day is set to today (Anki then counts exactly its interval as elapsed: on time, neither
  early nor late) and a (re)learning card's due time to now. SM-2 reads nothing else of
  the time (not the review log, not the last answer's time), so this is the same as
  answering each time on the due day.
- Each answer goes through the backend as the desktop reviewer does it:
  `get_scheduling_states`, then `answer_card` with the state of the chosen button.
"""

import csv
import itertools
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "Tests/SpacedRepetitionTests/Fixtures"
# A collection on a RAM disk where there is one: Anki syncs every answer to disk.
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None
LEARNING_STEPS = 2  # Anki's default learning steps: 1m 10m
RELEARNING_STEPS = 1  # Anki's default relearning steps: 10m

# The sequences the issue lists, then longer ones (7-12 answers) drawn with a fixed seed,
# 65 in all.
ISSUE_SEQUENCES = ["4444444", "33333333333", "413433", "4414143", "42434"]


def issue_sequences():
    chosen = list(ISSUE_SEQUENCES)
    draw = random.Random(20)
    while len(chosen) < 65:
        sequence = "".join(draw.choice("1234") for _ in range(draw.randint(7, 12)))
        if sequence not in chosen:
            chosen.append(sequence)
    return chosen


def all_sequences():
    every = [
        "".join(ratings)
        for length in range(3, 7)
        for ratings in itertools.product("1234", repeat=length)
    ]
    # Two of the issue's sequences have 6 answers or fewer and are already there.
    return every + [sequence for sequence in issue_sequences() if len(sequence) > 6]


def open_collection(directory):
    from anki.collection import Collection

    col = Collection(os.path.join(directory, "sm2.anki2"))
    col.set_config("fsrs", False)
    col.load_balancer_enabled = False
    return col


def add_cards(col, count):
    basic = col.models.by_name("Basic")
    ids = []
    for index in range(count):
        note = col.new_note(basic)
        note["Front"] = f"card {index}"
        note["Back"] = "back"
        col.add_note(note, 1)
        ids.append(note.cards()[0].id)
    # Fixed card ids, so that the fuzz seeds (card id + reps) and so the fuzzed intervals
    # are the same on every run.
    fixed = [1_700_000_000_000 + index for index in range(count)]
    for old, new in zip(ids, fixed):
        col.db.execute("update cards set id = ? where id = ?", new, old)
    return fixed


def make_due_now(col, card_id):
    """Moves the card's due date to today (review) or now (learning, relearning)."""
    card = col.get_card(card_id)
    if card.queue == 2:
        col.db.execute("update cards set due = ? where id = ?", col.sched.today, card_id)
    elif card.queue in (1, 3):
        col.db.execute("update cards set due = ? where id = ?", int(time.time()), card_id)


def answer(col, card_id, rating):
    """Answers the card as the reviewer does; returns the card after the answer."""
    from anki.scheduler_pb2 import CardAnswer

    card = col.get_card(card_id)
    states = col._backend.get_scheduling_states(card_id)
    chosen = [states.again, states.hard, states.good, states.easy][rating - 1]
    col.sched.answer_card(
        CardAnswer(
            card_id=card_id,
            current_state=states.current,
            new_state=chosen,
            rating=[CardAnswer.AGAIN, CardAnswer.HARD, CardAnswer.GOOD, CardAnswer.EASY][
                rating - 1
            ],
            answered_at_millis=int(time.time() * 1000),
            milliseconds_taken=1000,
        )
    )
    after = col.get_card(card_id)
    next_interval = col.db.scalar(
        "select ivl from revlog where cid = ? order by id desc limit 1", card_id
    )
    return card, after, next_interval


def describe(after, next_interval):
    phase = {1: "learning", 2: "review", 3: "relearning"}[after.type]
    remaining = after.left % 1000
    if phase == "learning":
        step = str(LEARNING_STEPS - remaining)
    elif phase == "relearning":
        step = str(RELEARNING_STEPS - remaining)
    else:
        step = ""
    label = f"{-next_interval}s" if next_interval < 0 else f"{next_interval}d"
    return phase, step, label


def fuzz_off(path):
    sequences = all_sequences()
    with tempfile.TemporaryDirectory(dir=SCRATCH) as directory:
        col = open_collection(directory)
        card_ids = add_cards(col, len(sequences))
        with open(path, "w", newline="") as file:
            out = csv.writer(file, lineterminator="\n")
            out.writerow(["sequence", "answer", "phase", "step", "next", "interval", "ease"])
            for sequence, card_id in zip(sequences, card_ids):
                for position, rating in enumerate(sequence, start=1):
                    make_due_now(col, card_id)
                    _, after, next_interval = answer(col, card_id, int(rating))
                    phase, step, label = describe(after, next_interval)
                    out.writerow(
                        [sequence, position, phase, step, label, after.ivl, after.factor]
                    )
        col.close()


def fuzz_on(path):
    draw = random.Random(26)
    every = all_sequences()
    sample = issue_sequences() + draw.sample(every[:5440], 400)
    copies = 8
    with tempfile.TemporaryDirectory(dir=SCRATCH) as directory:
        col = open_collection(directory)
        card_ids = add_cards(col, len(sample) * copies)
        with open(path, "w", newline="") as file:
            out = csv.writer(file, lineterminator="\n")
            out.writerow(
                ["sequence", "answer", "rating", "phase_before", "interval_before",
                 "ease_before", "phase", "next"]
            )
            for index, sequence in enumerate(sample):
                for copy in range(copies):
                    card_id = card_ids[index * copies + copy]
                    for position, rating in enumerate(sequence, start=1):
                        make_due_now(col, card_id)
                        before, after, next_interval = answer(col, card_id, int(rating))
                        phase_before = {0: "new", 1: "learning", 2: "review", 3: "relearning"}[
                            before.type
                        ]
                        phase, _, label = describe(after, next_interval)
                        # Only answers given in review can be fuzzed by SM-2's review rules;
                        # graduating Easy (4 days) is fuzzed too.
                        if label.endswith("d"):
                            out.writerow(
                                [sequence, position, rating, phase_before, before.ivl,
                                 before.factor, phase, label]
                            )
        col.close()


def main():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    if len(sys.argv) > 1 and sys.argv[1] == "--fuzz-off":
        fuzz_off(FIXTURES / "sm2_anki.csv")
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--fuzz-on":
        fuzz_on(FIXTURES / "sm2_anki_fuzz.csv")
        return
    environment = dict(os.environ, ANKI_TEST_MODE="1")
    subprocess.run([sys.executable, __file__, "--fuzz-off"], env=environment, check=True)
    environment = {k: v for k, v in os.environ.items() if k != "ANKI_TEST_MODE"}
    subprocess.run([sys.executable, __file__, "--fuzz-on"], env=environment, check=True)


if __name__ == "__main__":
    main()
