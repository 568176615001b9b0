#!/usr/bin/env python3
"""Peak memory of the paths that must stay bounded on any input (docs/RELIABILITY.md).

    python3 Scripts/reliability/memory_test.py [--lianxi PATH] [--large 10000000] [--work DIR]

Each case runs the built `lianxi` as a whole process and measures its peak resident set size
two ways: `/usr/bin/time -v` ("Maximum resident set size") and the process's own high-water
mark, VmHWM in /proc/PID/status, sampled every 10 ms while it runs. The cases:

- deck files: a 10,000-note deck imports; /dev/zero, a FIFO and a 1 GiB file are refused;
- a package whose collection says it holds 1,000 bytes and unzips to 200 KB or to 1 GiB;
- `report --since 0001-01-01 --format json` over 100,000 and 1,000,000 answers;
- `export reviews --out FILE` over 1,000,000 and LARGE answers;
- `import bundle` of a 20-answer bundle into databases with 1,000,000 and LARGE answers of the
  same associate.

The databases are made here (nothing big is committed): the shipped decks and a real session
by `lianxi`, then synthetic answers added with SQL (one recognition card per note, an answer
every 30 s from 2020 on). Python 3 standard library only; needs /usr/bin/time.
"""
import argparse
import io
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

START_MS = 1_577_836_800_000  # 2020-01-01T00:00:00Z


def peak(command, work, stdin=subprocess.DEVNULL):
    """Runs `command` under /usr/bin/time -v; returns (status, output, time_kib, hwm_kib, s)."""
    logs = os.path.join(work, f"logs-{os.getpid()}")
    os.makedirs(logs, exist_ok=True)
    out_path = os.path.join(logs, "out.txt")
    err_path = os.path.join(logs, "err.txt")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        began = time.monotonic()
        process = subprocess.Popen(["/usr/bin/time", "-v"] + command, stdin=stdin, stdout=out,
                                   stderr=err)
        child, hwm = None, 0
        while process.poll() is None:
            if child is None:
                try:
                    with open(f"/proc/{process.pid}/task/{process.pid}/children") as f:
                        pids = f.read().split()
                    child = pids[0] if pids else None
                except OSError:
                    pass
            if child is not None:
                try:
                    with open(f"/proc/{child}/status") as f:
                        for line in f:
                            if line.startswith("VmHWM:"):
                                hwm = max(hwm, int(line.split()[1]))
                except OSError:
                    pass
            time.sleep(0.01)
        seconds = time.monotonic() - began
    with open(err_path, encoding="utf-8", errors="replace") as f:
        errors = f.read()
    with open(out_path, encoding="utf-8", errors="replace") as f:
        output = f.read(4000)
    time_kib = 0
    for line in errors.splitlines():
        if "Maximum resident set size" in line:
            time_kib = int(line.split()[-1])
    program_errors = "\n".join(
        line for line in errors.splitlines()
        if not line.startswith("\t") and "Command exited" not in line
        and "Command being timed" not in line)
    return process.returncode, (output + program_errors).strip(), time_kib, hwm, seconds


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def report(name, result):
    status, output, time_kib, hwm, seconds = result
    line = output.splitlines()[-1] if output else ""
    print(f"{name}: exit {status}, peak {mib(time_kib)} (time -v) / {mib(hwm)} (VmHWM), "
          f"{seconds:.1f} s; {line[:160]}", flush=True)
    return result


def lianxi_session(lianxi, db, name, new, work):
    answers = "3\n" * (2 * new) + "q\n"
    subprocess.run([lianxi, "review", "--db", db, "--as", name, "--new", str(new), "--only",
                    "recognition"], input=answers.encode(), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True, cwd=work)


def add_answers(db, name, count, first):
    """Adds `count` synthetic answers of `name`, ids syn-FIRST on, spread over every note."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    notes = [row[0] for row in con.execute("SELECT id FROM note ORDER BY id")]
    con.executemany("INSERT OR IGNORE INTO card (id, note_id, kind) VALUES (?, ?, 'recognition')",
                    [(note * 4, note) for note in notes])
    (associate,) = con.execute("SELECT id FROM associate WHERE name = ?", (name,)).fetchone()
    con.execute("CREATE TEMP TABLE synthetic_card (i INTEGER PRIMARY KEY, id INTEGER)")
    con.executemany("INSERT INTO synthetic_card VALUES (?, ?)",
                    [(i, note * 4) for i, note in enumerate(notes)])
    con.execute(
        """
        INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating, duration_ms,
            typed_answer, phase_before, phase_after, elapsed_days, interval_seconds,
            stability_after, difficulty_after, ease_after)
        WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        SELECT printf('syn-%010d', i), ?, (SELECT id FROM synthetic_card WHERE synthetic_card.i
            = n.i % ?), ? + i * 30000, 3, 4000, NULL, 'review', 'review', 1, 86400.0, 10.0, 5.0,
            NULL
        FROM n
        """, (first, first + count - 1, associate, len(notes), START_MS))
    con.commit()
    con.close()


def lying_package(path, real_size):
    """A package whose collection.anki2 says 1,000 bytes and unzips to `real_size`."""
    header = b"SQLite format 3\x00"
    crc = zlib.crc32(header)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [compressor.compress(header)]
    chunk = b"\x00" * (1 << 20)
    left = real_size - len(header)
    while left > 0:
        piece = chunk[:min(left, len(chunk))]
        crc = zlib.crc32(piece, crc)
        parts.append(compressor.compress(piece))
        left -= len(piece)
    parts.append(compressor.flush())
    data = b"".join(parts)
    name = b"collection.anki2"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), 1000,
                        len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data),
                          1000, len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(data),
                      0)
    with open(path, "wb") as f:
        f.write(local + data + central + end)


def ten_thousand_notes(path):
    lines = ["#separator:tab", "#html:false", "#columns:hanzi\tpinyin\tenglish"]
    syllables = ["mǎi", "mài", "huò", "fù", "kuǎn", "dān", "jià", "gé", "shāng", "pǐn"]
    characters = "买卖货付款单价格商品"
    for i in range(10_000):
        a, b, c, d = i % 10, i // 10 % 10, i // 100 % 10, i // 1000 % 10
        hanzi = characters[a] + characters[b] + characters[c] + characters[d]
        pinyin = syllables[a] + syllables[b] + syllables[c] + syllables[d]
        lines.append(f"{hanzi}\t{pinyin}\tword number {i}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lianxi", default=".build/debug/lianxi")
    parser.add_argument("--large", type=int, default=10_000_000)
    parser.add_argument("--work", default=None, help="keep the databases here (default: temp)")
    arguments = parser.parse_args()
    lianxi = os.path.abspath(arguments.lianxi)
    work = arguments.work or tempfile.mkdtemp(prefix="lianxi-memory-")
    os.makedirs(work, exist_ok=True)
    run = lambda name, command, **kw: report(name, peak(command, work, **kw))
    try:
        # Deck files.
        deck = os.path.join(work, "vocab.tsv")
        ten_thousand_notes(deck)
        run("deck import, 10,000 notes", [lianxi, "deck", "import", deck, "--db",
                                          os.path.join(work, "deck.sqlite")])
        run("deck import /dev/zero", [lianxi, "deck", "import", "/dev/zero", "--db",
                                      os.path.join(work, "deck.sqlite")])
        fifo = os.path.join(work, "fifo.tsv")
        if not os.path.exists(fifo):
            os.mkfifo(fifo)
        run("deck import FIFO", [lianxi, "deck", "import", fifo, "--db",
                                 os.path.join(work, "deck.sqlite")])
        sparse = os.path.join(work, "huge.tsv")
        with open(sparse, "wb") as f:
            f.truncate(1 << 30)
        run("deck check 1 GiB file", [lianxi, "deck", "check", sparse])
        os.remove(sparse)
        for size, label in [(200_000, "200 KB"), (1 << 30, "1 GiB")]:
            package = os.path.join(work, f"lying-{size}.apkg")
            lying_package(package, size)
            run(f"deck check package lying: 1,000 bytes said, {label} inside",
                [lianxi, "deck", "check", package])

        # Databases: the shipped decks, a real session, synthetic answers.
        base = os.path.join(work, "base.sqlite")
        if not os.path.exists(base):
            lianxi_session(lianxi, base, "ana", 10, work)
        small = os.path.join(work, "small.sqlite")
        if not os.path.exists(small):
            lianxi_session(lianxi, small, "ana", 10, work)
            subprocess.run([lianxi, "export", "bundle", "--db", small, "--as", "ana", "--out",
                            os.path.join(work, "ana.lianxi.json")], check=True,
                           stdout=subprocess.DEVNULL)
        sizes = {}
        for count in [100_000, 1_000_000, arguments.large]:
            path = os.path.join(work, f"answers-{count}.sqlite")
            if not os.path.exists(path):
                started = time.monotonic()
                shutil.copyfile(base, path)
                add_answers(path, "ana", count, 0)
                print(f"made {path} ({count:,} answers) in {time.monotonic() - started:.0f} s",
                      flush=True)
            sizes[count] = path

        for count in [100_000, 1_000_000]:
            run(f"report --format json, {count:,} answers",
                [lianxi, "report", "--db", sizes[count], "--format", "json", "--out",
                 os.path.join(work, "report.json")])
            run(f"report --since 0001-01-01 --format json, {count:,} answers",
                [lianxi, "report", "--db", sizes[count], "--since", "0001-01-01", "--format",
                 "json", "--out", os.path.join(work, "report.json")])
        for count in [1_000_000, arguments.large]:
            out = os.path.join(work, "reviews.csv")
            run(f"export reviews --out, {count:,} answers",
                [lianxi, "export", "reviews", "--db", sizes[count], "--out", out])
            print(f"  {os.path.getsize(out):,} bytes written", flush=True)
            os.remove(out)
        for count in [1_000_000, arguments.large]:
            copy = os.path.join(work, "merge.sqlite")
            shutil.copyfile(sizes[count], copy)
            run(f"import bundle (20 answers) into {count:,} answers of the same associate",
                [lianxi, "import", "bundle", "--db", copy, os.path.join(work, "ana.lianxi.json")])
            os.remove(copy)
    finally:
        if arguments.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
