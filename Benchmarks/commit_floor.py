#!/usr/bin/env python3
"""The floor under a durable answer: what N WAL frames and one fdatasync cost on this disk.

    python3 Benchmarks/commit_floor.py [--dir DIR] [--commits 300]

Writes as SQLite's WAL does at a commit of N pages (each frame a 24-byte header and a
4,096-byte page, two pwrite calls, frames one after the other), then fdatasync, and reports
the median time of a commit for N = 1 … 13:
  - overwrite: into a file written and synced before, as a WAL after its first checkpoint;
  - grow: appending to a new file, as a WAL before its first checkpoint.
And, for reference, one 4 KiB page written at an aligned offset and synced. No SQLite, no
CPU of ours: an answer cannot be committed faster than its row here.
"""
import argparse
import os
import statistics
import tempfile
import time

FRAME = 24 + 4096


def commits(folder, frames, overwrite, count):
    """Median microseconds of `count` commits of `frames` frames each."""
    fd, path = tempfile.mkstemp(dir=folder, prefix="commit-floor-")
    try:
        size = FRAME * 1010
        if overwrite:
            os.pwrite(fd, b"\1" * size, 0)
            os.fdatasync(fd)
        header, page = os.urandom(24), os.urandom(4096)
        offset, times = 32, []
        for _ in range(count):
            began = time.perf_counter()
            for _ in range(frames):
                os.pwrite(fd, header, offset)
                os.pwrite(fd, page, offset + 24)
                offset += FRAME
            os.fdatasync(fd)
            times.append((time.perf_counter() - began) * 1e6)
            if overwrite and offset + FRAME * frames > size:
                offset = 32
        return statistics.median(times)
    finally:
        os.close(fd)
        os.unlink(path)


def aligned_page(folder, count):
    """Median microseconds of one aligned 4 KiB page rewritten and synced."""
    fd, path = tempfile.mkstemp(dir=folder, prefix="commit-floor-")
    try:
        page = os.urandom(4096)
        os.pwrite(fd, page, 0)
        os.fdatasync(fd)
        times = []
        for _ in range(count):
            began = time.perf_counter()
            os.pwrite(fd, page, 0)
            os.fdatasync(fd)
            times.append((time.perf_counter() - began) * 1e6)
        return statistics.median(times)
    finally:
        os.close(fd)
        os.unlink(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default=tempfile.gettempdir())
    parser.add_argument("--commits", type=int, default=300)
    arguments = parser.parse_args()
    sizes = (1, 3, 5, 7, 9, 11, 13)
    print(f"load {os.getloadavg()[0]:.2f}; {arguments.commits} commits each, median µs")
    print("| frames | " + " | ".join(str(n) for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for name, overwrite in (("overwrite", True), ("grow", False)):
        row = [commits(arguments.dir, n, overwrite, arguments.commits) for n in sizes]
        print(f"| {name} | " + " | ".join(f"{value:.0f}" for value in row) + " |")
    print(f"one aligned 4 KiB page: {aligned_page(arguments.dir, arguments.commits):.0f} µs")


if __name__ == "__main__":
    main()
