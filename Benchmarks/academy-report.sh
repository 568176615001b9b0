#!/usr/bin/env bash
# The live cohort report on PostgreSQL (issue #14): a generated academy of ASSOCIATES=10000
# associates x DAYS=30 days x PER_DAY=50 answers a day (15,000,000 log rows), bulk-loaded with
# COPY, the report's aggregates built by `lianxi-server report rebuild` (the fold every push
# runs, over the whole log), then whole HTTP requests against a running release server.
#
#   bash Benchmarks/academy-report.sh        # REPS=5 requests of each report
#
# 1. Builds `lianxi-server` and `lianxi` in release mode (CONFIG=debug: the debug build).
# 2. Starts a throwaway PostgreSQL cluster in OUT (default .build/academy-report), listening
#    only on a Unix socket there (as `postgres` through runuser when run as root), migrates,
#    adds COHORTS=100 cohorts of associates, a trainer who sees the whole academy, and
#    publishes the shipped decks through the server (3,000 words: the report's catalogue).
# 3. Generates the answers inside PostgreSQL and loads them with COPY (a COPY TO STDOUT piped
#    into a COPY FROM STDIN): each associate introduces 10 cards a day and answers 40 cards
#    introduced before, 1 in 10 answers Again; then builds the aggregates.
# 4. Times `curl` of the whole academy's CSV and HTML and of one cohort's, REPS times each,
#    and reads the server's peak RSS (VmHWM in /proc/PID/status).
# 5. With SQLITE=1 (the default), builds a SQLite database of the same academy (the same
#    answers by the same formulas, card states from each card's last answer), times
#    `lianxi report --format csv|html` on it as a whole process, and compares the CSV with the
#    server's byte for byte.
# 6. Deletes the cluster and the SQLite file (KEEP=1 keeps them).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-.build/academy-report}
associates=${ASSOCIATES:-10000}
days=${DAYS:-30}
per_day=${PER_DAY:-50}
cohorts=${COHORTS:-100}
reps=${REPS:-5}
port=${PORT:-18414}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

config=${CONFIG:-release}   # CONFIG=debug measures the debug build already there
# BIN=folder measures the lianxi-server and lianxi built there (for example the static
# release build of academy.sh, .build/static/release) instead of building them.
if [ -z "${BIN:-}" ]; then
    swift build -c "$config" --product lianxi-server >&2
    swift build -c "$config" --product lianxi >&2
fi
bin_dir=${BIN:-.build/$config}

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
pg="$(cd "$out" && pwd)/pg"
mkdir -p "$pg"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pg"
as_postgres "$bin/initdb" -D "$pg/data" -A trust -U postgres >/dev/null
as_postgres "$bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -o \
    "-k $pg -c listen_addresses= -F -c shared_buffers=512MB -c work_mem=64MB \
     -c maintenance_work_mem=512MB -c max_wal_size=8GB" start >/dev/null
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    as_postgres "$bin/pg_ctl" -D "$pg/data" -m fast stop >/dev/null 2>&1 || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$pg" "$out/academy.sqlite"*
}
trap cleanup EXIT
psql() { "$bin/psql" -h "$pg" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE lianxi"
export LIANXI_POSTGRES="postgres://postgres@/lianxi?host=$pg"
server=$bin_dir/lianxi-server
$server migrate >/dev/null
psql -d lianxi <<SQL
INSERT INTO cohort (name) SELECT 'cohort-' || lpad(i::text, 3, '0') FROM generate_series(1, $cohorts) i;
INSERT INTO associate (name, cohort_id, time_zone, rollover_hour)
SELECT 'associate-' || lpad(i::text, 5, '0'), (SELECT id FROM cohort ORDER BY id LIMIT 1 OFFSET (i - 1) % $cohorts), 'UTC', 0
FROM generate_series(1, $associates) i;
SQL
token=$($server trainer add bench --cohort cohort-001 | tail -1)
$server report academy-view bench >/dev/null
$server serve --port "$port" >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/v1/report" && break; sleep 0.2; done
$bin_dir/lianxi deck publish --server "http://127.0.0.1:$port" --token "$token" decks/*.tsv >/dev/null

# The answers: day d (0-based) of associate a, answer k. The words come from the catalogue in
# deck order; card c of associate a is word (a + c / 3) mod W, kind c mod 3.
start_ms=$(( ($(date +%s) / 86400 - days) * 86400000 ))
psql -d lianxi <<SQL
CREATE TABLE bench_word AS
SELECT row_number() OVER (ORDER BY d.first_release, n.position) - 1 AS i, n.deck, n.note
FROM report_note n JOIN report_deck d ON d.slug = n.deck WHERE n.active;
SQL
words=$(psql -d lianxi -At -c "SELECT count(*) FROM bench_word")
first_month=$(date -u -d "@$(( start_ms / 1000 ))" +%Y-%m-01)
for month in 0 1 2; do
    from=$(date -u -d "$first_month +$month month" +%s)
    to=$(date -u -d "$first_month +$((month + 1)) month" +%s)
    name=$(date -u -d "@$from" +answer_log_%Y_%m)
    psql -d lianxi -c "CREATE TABLE IF NOT EXISTS $name PARTITION OF answer_log FOR VALUES FROM (${from}000) TO (${to}000)"
done
# Each answer's previous interval is the interval its card's previous answer scheduled (what
# a laptop's log gives and SQLite's report reads), found with lag() over the card's answers.
generate="
WITH a AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM associate),
g AS (
    SELECT a.id AS associate, a.n, d, k,
        CASE WHEN k < 10 THEN d * 10 + k
            ELSE (a.n * 31 + d * 17 + k * 7) % (d * 10 + 10) END AS c,
        (a.n * 7919 + d * 104729 + k * 1299709) % 100 AS luck
    FROM a, generate_series(0, $days - 1) d, generate_series(0, $per_day - 1) k
),
s AS (
    SELECT g.*,
        CASE WHEN g.c < g.d * 10 - 30 THEN (g.d - g.c / 10) * 2 * 86400.0 ELSE 600.0 END
            AS interval
    FROM g
)
SELECT s.associate || '-' || s.d || '-' || s.k, s.associate, 0, w.deck, w.note,
    (ARRAY['recognition', 'production', 'pinyin'])[s.c % 3 + 1],
    $start_ms + s.d * 86400000::bigint + (s.n % 12) * 3600000 + s.k * 40000,
    CASE WHEN s.luck < 10 THEN 1 ELSE 3 END, 2000 + s.luck * 80,
    CASE WHEN s.k < 10 THEN 'new' WHEN s.c < s.d * 10 - 30 THEN 'review' ELSE 'learning' END,
    CASE WHEN s.luck >= 10 AND s.c < s.d * 10 - 30 THEN 'review' ELSE 'learning' END,
    s.interval,
    lag(s.interval) OVER (PARTITION BY s.associate, s.c ORDER BY s.d, s.k),
    ($start_ms + s.d * 86400000::bigint + (s.n % 12) * 3600000 + s.k * 40000) / 86400000
FROM s JOIN bench_word w ON w.i = (s.n + s.c / 3) % $words"
columns="id, associate_id, device_id, deck, note, card, reviewed_at_ms, rating, duration_ms,
    phase_before, phase_after, interval_seconds, previous_interval_seconds, study_day"
echo "Loading $((associates * days * per_day)) answers with COPY ..." >&2
t0=$(date +%s%N)
psql -d lianxi -c "COPY ($generate) TO STDOUT" \
    | psql -d lianxi -c "COPY answer_log ($columns) FROM STDIN"
t1=$(date +%s%N)
psql -d lianxi -c "VACUUM ANALYZE answer_log"
t2=$(date +%s%N)
rebuild=$($server report rebuild)
psql -d lianxi -c "VACUUM ANALYZE report_day, report_study_day, report_card, report_coverage,
    report_word_day, report_word, report_word_failure, report_note"
t3=$(date +%s%N)
echo "COPY $(( (t1 - t0) / 1000000 )) ms; VACUUM ANALYZE $(( (t2 - t1) / 1000000 )) ms; $rebuild" >&2
psql -d lianxi -At -c "SELECT 'rows: answer_log ' || (SELECT count(*) FROM answer_log)
    || ', report_day ' || (SELECT count(*) FROM report_day)
    || ', report_card ' || (SELECT count(*) FROM report_card)
    || ', report_word_day ' || (SELECT count(*) FROM report_word_day)
    || ', report_word_failure ' || (SELECT count(*) FROM report_word_failure)
    || ', report_study_day ' || (SELECT count(*) FROM report_study_day)
    || ', report_coverage ' || (SELECT count(*) FROM report_coverage)
    || ', report_word ' || (SELECT count(*) FROM report_word)
    || '; database ' || pg_size_pretty(pg_database_size('lianxi'))"

time_requests() {
    local label=$1 query=$2 target=$3
    local times=()
    for _ in $(seq "$reps"); do
        times+=("$(curl -s -o "$target" -w '%{time_total}' -H "Authorization: Bearer $token" \
            "http://127.0.0.1:$port/v1/report?$query")")
    done
    local sorted median
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    median=$(echo "$sorted" | awk -v n="$reps" 'NR == int((n + 1) / 2) { print }')
    printf '%-22s median %6.3f s  fastest %6.3f s  slowest %6.3f s  %9d bytes\n' "$label" \
        "$median" "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)" "$(wc -c < "$target")"
}
curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/report?format=csv"
time_requests "academy CSV" "format=csv" "$out/academy.csv"
time_requests "academy HTML" "format=html" "$out/academy.html"
time_requests "cohort-042 CSV" "format=csv&cohort=cohort-042" "$out/cohort.csv"
time_requests "cohort-042 HTML" "format=html&cohort=cohort-042" "$out/cohort.html"
time_requests "cohort-042 JSON" "format=json&cohort=cohort-042" "$out/cohort.json"
grep -E 'VmHWM|VmRSS' "/proc/$server_pid/status" | tr -s ' \t' ' '

# The live page of one cohort, through the trainer's read-only link, as a browser shows it.
link=$($server report page-link bench --url "http://127.0.0.1:$port" | tail -1)
if command -v chromium >/dev/null; then
    for size in 1280,900 390,844; do
        chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
            --window-size="$size" --screenshot="$out/live-${size/,/x}.png" \
            "$link?cohort=cohort-042" 2>/dev/null || true
        if [ -s "$out/live-${size/,/x}.png" ]; then
            echo "rendered the live page of cohort-042 to $out/live-${size/,/x}.png"
        else
            echo "chromium did not render the live page at $size" >&2
        fi
    done
else
    echo "chromium is not installed: apt-get install -y chromium fonts-noto-cjk" >&2
fi

[ "${SQLITE:-1}" = 1 ] || exit 0

# The same academy in SQLite, for `lianxi report`.
db="$out/academy.sqlite"
lianxi=$bin_dir/lianxi
$lianxi deck import --db "$db" decks/*.tsv >/dev/null
echo "Writing the same answers to SQLite ..." >&2
t0=$(date +%s%N)
sqlite3 "$db" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $associates)
INSERT INTO associate (name, display_name, time_zone, rollover_hour, created_at_ms)
SELECT 'associate-' || printf('%05d', i), 'associate-' || printf('%05d', i), 'UTC', 0, $start_ms
FROM n;
CREATE TEMP TABLE word AS
SELECT row_number() OVER (ORDER BY d.id, n.position, n.id) - 1 AS i, n.id AS note
FROM note n JOIN deck d ON d.id = n.deck_id WHERE n.retired_at_ms IS NULL;
CREATE UNIQUE INDEX temp.word_i ON word (i);
INSERT OR IGNORE INTO card (id, note_id, kind)
SELECT note * 4 + k.number, note, k.name FROM word,
    (SELECT 0 AS number, 'recognition' AS name UNION ALL SELECT 1, 'production'
     UNION ALL SELECT 2, 'pinyin') k;
DROP INDEX IF EXISTS review_log_by_associate_time;
DROP INDEX IF EXISTS review_log_by_card_time;
WITH RECURSIVE
    d(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM d WHERE d < $days - 1),
    k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k < $per_day - 1),
    g AS (
        SELECT a.id AS associate, a.id - 1 AS n, d, k,
            CASE WHEN k < 10 THEN d * 10 + k
                ELSE ((a.id - 1) * 31 + d * 17 + k * 7) % (d * 10 + 10) END AS c,
            ((a.id - 1) * 7919 + d * 104729 + k * 1299709) % 100 AS luck
        FROM associate a, d, k
    )
INSERT INTO review_log (id, associate_id, card_id, reviewed_at_ms, rating, duration_ms,
    phase_before, phase_after, interval_seconds, stability_after, difficulty_after)
SELECT g.associate || '-' || g.d || '-' || g.k, g.associate,
    w.note * 4 + g.c % 3,
    $start_ms + g.d * 86400000 + (g.n % 12) * 3600000 + g.k * 40000,
    CASE WHEN g.luck < 10 THEN 1 ELSE 3 END, 2000 + g.luck * 80,
    CASE WHEN g.k < 10 THEN 'new' WHEN g.c < g.d * 10 - 30 THEN 'review' ELSE 'learning' END,
    CASE WHEN g.luck >= 10 AND g.c < g.d * 10 - 30 THEN 'review' ELSE 'learning' END,
    CASE WHEN g.c < g.d * 10 - 30 THEN (g.d - g.c / 10) * 2 * 86400.0 ELSE 600.0 END,
    1.0, 5.0
FROM g JOIN word w ON w.i = (g.n + g.c / 3) % $words;
CREATE INDEX review_log_by_associate_time ON review_log (associate_id, reviewed_at_ms);
CREATE INDEX review_log_by_card_time ON review_log (card_id, reviewed_at_ms);
INSERT INTO card_state (associate_id, card_id, phase, step, stability, difficulty, due_ms,
    last_review_ms, reps)
SELECT associate_id, card_id, phase_after, CASE WHEN phase_after = 'review' THEN NULL ELSE 0 END,
    1.0, 5.0, reviewed_at_ms + CAST(interval_seconds * 1000 AS INTEGER), reviewed_at_ms, 1
FROM (SELECT associate_id, card_id, phase_after, interval_seconds, reviewed_at_ms,
        row_number() OVER (PARTITION BY associate_id, card_id
            ORDER BY reviewed_at_ms DESC, id DESC) AS r
      FROM review_log) WHERE r = 1;
COMMIT;
SQL
t1=$(date +%s%N)
echo "SQLite written in $(( (t1 - t0) / 1000000 )) ms; $(du -h "$db" | cut -f1)" >&2
for format in csv html; do
    /usr/bin/time -f "lianxi report --format $format: %e s elapsed, %U s user, peak RSS %M KiB" \
        $lianxi report --db "$db" --format "$format" --out "$out/local.$format"
done
curl -s -o "$out/academy.csv" -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/v1/report?format=csv"
if cmp -s "$out/academy.csv" "$out/local.csv"; then
    echo "The server's whole-academy CSV equals lianxi report's, byte for byte."
else
    echo "The server's CSV differs from lianxi report's:"; cmp "$out/academy.csv" "$out/local.csv" || true
fi
