"""Drives `lianxi` in line mode (stdin not a terminal), as the reliability scripts need.

A session prints one prompt per card, "[N done · new … · learning … · review …] deck: …";
N counts the answers of this session that are stored: the program commits each answer before
it prints the next prompt. So the driver knows exactly which answers were acknowledged.
"""

import os
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUMMARY = re.compile(r"^Answered (\d+) card")
PROMPT = re.compile(r"^\[(\d+) done · new \d+ · learning \d+ · review \d+\] .* — (grade 1-4|type the)")
WORK = os.path.join(REPO, ".build", "reliability")


def program(configuration="debug"):
    """A copy of the built `lianxi` (so a rebuild cannot change it mid-run); builds first."""
    built = os.path.join(REPO, ".build", configuration, "lianxi")
    subprocess.run(["swift", "build", "--product", "lianxi", "-c", configuration],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    copy = os.path.join(WORK, f"lianxi-{os.getpid()}")
    os.makedirs(WORK, exist_ok=True)
    shutil.copy2(built, copy)
    return copy


class Session:
    """One `lianxi review` process answering every card it is shown.

    Recognition cards get `grade`; typed cards get `typed` then `grade`. `acknowledged` is
    the largest N of a prompt seen; `sent` counts the answers written to the program.
    """

    def __init__(self, lianxi, database, associate, grade="3", typed="x", new=960, extra=()):
        self.process = subprocess.Popen(
            [lianxi, "--db", database, "--as", associate, "--new", str(new), *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"})
        self.grade = grade
        self.typed = typed
        self.acknowledged = 0
        self.sent = 0
        self.output = []
        self._buffer = b""

    def step(self, timeout):
        """Reads what the program printed within `timeout` seconds and answers its prompts.

        Returns False once the program has ended."""
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return self.process.poll() is None
        chunk = os.read(self.process.stdout.fileno(), 65536)
        if not chunk:
            self.process.wait()
            return False
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace")
            self.output.append(line)
            summary = SUMMARY.match(line)
            if summary:
                self.acknowledged = max(self.acknowledged, int(summary.group(1)))
            match = PROMPT.match(line)
            if not match:
                continue
            self.acknowledged = max(self.acknowledged, int(match.group(1)))
            answer = self.grade if match.group(2) == "grade 1-4" else f"{self.typed}\n{self.grade}"
            try:
                self.process.stdin.write((answer + "\n").encode())
                self.process.stdin.flush()
                self.sent += 1
            except BrokenPipeError:
                pass
        return True

    def run_to_end(self, timeout=600):
        deadline = time.monotonic() + timeout
        while self.step(0.5):
            if time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError("session did not end")
        self.process.wait()
        return self.process.returncode

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        # Whatever the program printed before it died still counts as acknowledged.
        while True:
            rest = self.process.stdout.read()
            if not rest:
                break
            self._buffer += rest
        for raw in self._buffer.split(b"\n"):
            match = PROMPT.match(raw.decode("utf-8", "replace"))
            if match:
                self.acknowledged = max(self.acknowledged, int(match.group(1)))


def answers(database, associate=None):
    """Rows of review_log (of one associate, by name)."""
    connection = sqlite3.connect(database)
    try:
        if associate is None:
            return connection.execute("SELECT count(*) FROM review_log").fetchone()[0]
        return connection.execute(
            "SELECT count(*) FROM review_log r JOIN associate a ON a.id = r.associate_id "
            "WHERE a.name = ?", (associate,)).fetchone()[0]
    finally:
        connection.close()


def associate_exists(database, name):
    connection = sqlite3.connect(database)
    try:
        return connection.execute(
            "SELECT count(*) FROM associate WHERE name = ?", (name,)).fetchone()[0] > 0
    finally:
        connection.close()


def integrity(database):
    connection = sqlite3.connect(database)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def doctor(lianxi, database, associate=None):
    """`lianxi doctor` (of one associate, by name): (exit status, output)."""
    only = ["--as", associate] if associate else []
    result = subprocess.run([lianxi, "doctor", "--db", database, *only], capture_output=True,
                            text=True)
    return result.returncode, result.stdout + result.stderr


def realistic_database(lianxi, path, associates=("base-ana", "base-bo")):
    """The shipped decks and a few thousand answers (made once, then copied)."""
    if os.path.exists(path):
        return path
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + ".partial"
    for suffix in ("", "-wal", "-shm", "-answers"):
        if os.path.exists(partial + suffix):
            os.remove(partial + suffix)
    for associate in associates:
        session = Session(lianxi, partial, associate)
        if session.run_to_end() != 0:
            raise RuntimeError("\n".join(session.output[-5:]))
    shutil.move(partial, path)
    return path
