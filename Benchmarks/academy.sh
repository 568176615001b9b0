#!/usr/bin/env bash
# The academy server's benchmarks, side by side with Anki's own sync server in the same run.
#
#   bash Benchmarks/academy.sh         # REPS=5 syncs of each size, LAPTOPS=200, ROUNDS=3
#   SIZES="50 10000" chooses the sync sizes.
#
# 1. A throwaway PostgreSQL cluster (initdb in a temporary folder, Unix socket only; as the
#    `postgres` account through runuser when root), `lianxi-server serve` on 127.0.0.1, and
#    `python -m anki.syncserver` (anki 26.9.3, installed on first use into
#    ~/.cache/lianxi-anki-venv) on 127.0.0.1.
# 2. One client syncing 50 and 10,000 new answers, REPS times each:
#    - Lianxi: a laptop database enrolled and synced once, then `academy-bench answers` adds N
#      answers; timed: the whole `lianxi sync` process (push, pull of releases, answers and
#      changes, one local transaction).
#    - Anki: a collection fully uploaded, then N cards answered (N revlog entries, N cards
#      changed); timed: `col.sync_collection` in process, and the whole client process.
# 3. LAPTOPS laptops enrolled, then each pushes a day's 50 answers at once, ROUNDS times
#    (`academy-bench load`): answers per second, p50/p99 latency of a push.
# Everything talks to loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=$(cd "${ANCHORS:-../shared/bench/anchors}" && pwd)
venv=${ANKI_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/lianxi-anki-venv}
reps=${REPS:-5}
laptops=${LAPTOPS:-200}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "${pgbin:-}" ] && [ -d "$work/pg" ]; then
        as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Statically linked release builds, as one ships them; BIN=folder uses programs built already.
build=.build/static
build=$(mkdir -p "$build" && cd "$build" && pwd)  # absolute, relative or not
if [ -z "${BIN:-}" ]; then
    for product in lianxi lianxi-server academy-bench; do
        swift build -c release --static-swift-stdlib --build-path "$build" --product "$product" >&2
    done
fi
bin=${BIN:-$build/release}
# SERVER=path runs that lianxi-server instead of the one in $bin.
server=${SERVER:-$bin/lianxi-server}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import anki' 2>/dev/null; then
    echo "Installing anki 26.9.3 into $venv ..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "anki==26.9.3"
fi

# PostgreSQL refuses to run as root: run it as `postgres` then.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg" "$work/sock"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work" "$work/pg" "$work/sock" && chmod 755 "$work"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --no-sync \
    --locale=C.UTF-8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/sock/log" -w \
    -o "-k $work/sock -c listen_addresses= -c max_connections=100" start >/dev/null
export LIANXI_POSTGRES="postgres://postgres@/postgres?host=$work/sock"
"$server" migrate >&2
"$server" cohort add bench >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
"$server" serve --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
pids+=($!)
anki_port=$(free_port)
SYNC_USER1=bench:bench SYNC_BASE="$work/anki-sync" SYNC_HOST=127.0.0.1 SYNC_PORT=$anki_port \
    RUST_LOG=error "$venv/bin/python" -m anki.syncserver >"$work/anki-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/" && curl -s -o /dev/null "http://127.0.0.1:$anki_port/"; then break; fi
    sleep 0.1
done

python3 - "$work" "$reps" "$laptops" "$rounds" "$bin" "$venv/bin/python" "$anchors" "$port" \
    "$anki_port" "$PWD/Benchmarks/anki_sync.py" "$server" <<'PY'
import json, os, platform, statistics, subprocess, sys, time
work, reps, laptops, rounds, bin, anki_python, anchors, port, anki_port, anki_sync, server = \
    sys.argv[1:12]
reps, laptops, rounds = int(reps), int(laptops), int(rounds)
sizes = [int(n) for n in os.environ.get("SIZES", "50 10000").split()]
url, anki_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{anki_port}/"

def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout

def code(name):
    out = run([server, "associate", "add", name, "--cohort", "bench"])
    return next(w for line in out.splitlines() for w in line.split() if len(w) == 64)

results = {"lianxi": {}, "lianxi_in_process": {}, "anki": {}, "anki_in_process": {}}
for n in sizes:
    ours, ours_in, theirs, theirs_in = [], [], [], []
    for r in range(reps):
        name = f"s{n}r{r}"
        db = os.path.join(work, f"{name}.sqlite")
        run([os.path.join(bin, "lianxi"), "sync", "--db", db, "--enrol", url, code(name)])
        run([os.path.join(bin, "academy-bench"), "answers", "--db", db, "--as", name,
             "--answers", str(n)])
        t0 = time.perf_counter()
        out = run([os.path.join(bin, "lianxi"), "sync", "--db", db])
        ours.append(time.perf_counter() - t0)
        assert f"Sent {n} answers ({n} new" in out, out
        # The same again in process, on a second laptop of the same size.
        name2 = f"{name}b"
        db2 = os.path.join(work, f"{name2}.sqlite")
        run([os.path.join(bin, "lianxi"), "sync", "--db", db2, "--enrol", url, code(name2)])
        run([os.path.join(bin, "academy-bench"), "answers", "--db", db2, "--as", name2,
             "--answers", str(n)])
        got = json.loads(run([os.path.join(bin, "academy-bench"), "sync", "--db", db2]))
        assert got["pushed"] == n, got
        ours_in.append(got["seconds"])

        col = os.path.join(work, f"{name}.anki2")
        env = dict(os.environ, ANCHORS=anchors)
        run([anki_python, anki_sync, "prepare", "--col", col, "--answers", str(n),
             "--endpoint", anki_url], env=env)
        t0 = time.perf_counter()
        out = run([anki_python, anki_sync, "sync", "--col", col, "--endpoint", anki_url], env=env)
        theirs.append(time.perf_counter() - t0)
        got = json.loads(out)
        assert got["pending_before"] == n and got["pending_after"] == 0, got
        theirs_in.append(got["seconds"])
    results["lianxi"][n] = ours
    results["lianxi_in_process"][n] = ours_in
    results["anki"][n] = theirs
    results["anki_in_process"][n] = theirs_in

codes = os.path.join(work, "codes.txt")
with open(codes, "w") as f:
    for i in range(laptops):
        f.write(code(f"load{i}") + "\n")
load_json = os.path.join(work, "load.json")
subprocess.run([os.path.join(bin, "academy-bench"), "load", "--server", url, "--codes", codes,
                "--answers", "50", "--rounds", str(rounds), "--json", load_json], check=True)
load = json.load(open(load_json))

med = statistics.median
print(f"\n{platform.platform()}, {os.cpu_count()} cores, load average "
      f"{os.getloadavg()[0]:.1f}; {reps} syncs of each size, median (min-max)")
print("| new answers | Lianxi, in process | Anki, in process | ratio | lianxi sync, whole process | Anki client, whole process | ratio |")
print("|---|---|---|---|---|---|---|")
for n in sizes:
    o, oi = results["lianxi"][n], results["lianxi_in_process"][n]
    a, ai = results["anki"][n], results["anki_in_process"][n]
    f = lambda xs: f"{med(xs)*1000:.0f} ms ({min(xs)*1000:.0f}-{max(xs)*1000:.0f})"
    print(f"| {n:,} | {f(oi)} | {f(ai)} | {med(oi)/med(ai):.2f} | {f(o)} | {f(a)} | "
          f"{med(o)/med(a):.2f} |")
print(f"\n{laptops} laptops each pushing 50 answers at once, {rounds} rounds:")
print("| round | answers | seconds | answers/s | p50 | p99 | max |")
print("|---|---|---|---|---|---|---|")
for i, r in enumerate(load, 1):
    print(f"| {i} | {r['answers']:.0f} | {r['seconds']:.2f} | {r['answers_per_second']:.0f} | "
          f"{r['p50_ms']:.0f} ms | {r['p99_ms']:.0f} ms | {r['max_ms']:.0f} ms |")
PY
