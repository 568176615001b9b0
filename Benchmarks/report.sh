#!/usr/bin/env bash
# The cohort report on a generated cohort: timing as whole processes, and the HTML page
# rendered by a real browser.
#
#   bash Benchmarks/report.sh          # REPS=10 runs of each format
#
# 1. Builds `lianxi` and `cohort-bench` in release mode and generates the cohort once
#    (ASSOCIATES=30 associates x 2,400 cards x DAYS=90 days of simulated study), kept in
#    OUT (default .build/cohort) for later runs; delete it to generate afresh.
# 2. Times `lianxi report --format csv` and `--format html` (written with --out) REPS times
#    each, from process start to exit, and prints the median, fastest and slowest run and the
#    peak memory of one run.
# 3. Renders the HTML report with Debian's chromium, headless, to OUT/cohort.png
#    (`apt-get install -y chromium fonts-noto-cjk` if it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-10}
out=${OUT:-.build/cohort}
associates=${ASSOCIATES:-30}
days=${DAYS:-90}
mkdir -p "$out"
db="$out/cohort.sqlite"

swift build -c release --product lianxi >&2
swift build -c release --product cohort-bench >&2
if [ ! -f "$db" ]; then
    .build/release/cohort-bench build --db "$db" --associates "$associates" --days "$days" >&2
fi
sqlite3 "$db" "SELECT (SELECT count(*) FROM associate) || ' associates, '
    || (SELECT 3 * count(*) FROM note WHERE retired_at_ms IS NULL) || ' cards, '
    || (SELECT count(*) FROM card_state) || ' card states, '
    || (SELECT count(*) FROM review_log) || ' answers'" 2>/dev/null || true

time_runs() {
    local format=$1 target=$2
    local times=()
    for _ in $(seq "$reps"); do
        local start end
        start=$(date +%s%N)
        .build/release/lianxi report --db "$db" --format "$format" --out "$target"
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    local median fastest slowest
    median=$(echo "$sorted" | awk -v n="$reps" 'NR == int((n + 1) / 2) { print }')
    fastest=$(echo "$sorted" | head -1)
    slowest=$(echo "$sorted" | tail -1)
    local rss
    rss=$(/usr/bin/time -f '%M' .build/release/lianxi report --db "$db" --format "$format" \
        --out "$target" 2>&1 >/dev/null | tail -1)
    printf '%-5s median %5d ms  (fastest %d, slowest %d; %d runs)  peak RSS %.1f MiB  %s bytes\n' \
        "$format" "$median" "$fastest" "$slowest" "$reps" "$(echo "$rss / 1024" | bc -l)" \
        "$(wc -c < "$target")"
}

time_runs csv "$out/cohort.csv"
time_runs json "$out/cohort.json"
time_runs html "$out/cohort.html"

if command -v chromium >/dev/null; then
    rows=$(sqlite3 "$db" "SELECT count(*) FROM associate" 2>/dev/null || echo "$associates")
    height=$((1900 + rows * 80))
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size=1024,"$height" --screenshot="$PWD/$out/cohort.png" \
        "file://$PWD/$out/cohort.html" 2>/dev/null
    echo "rendered $out/cohort.html to $out/cohort.png (1024 x $height)"
else
    echo "chromium is not installed: apt-get install -y chromium fonts-noto-cjk" >&2
fi
