#!/usr/bin/env bash
# Disk and permission faults, on the built program: each gets a clear message and changes
# nothing (byte for byte). Read-only mounts and a full tmpfs need root; without it those cases
# use file permissions (as `nobody` through setpriv when root cannot mount) or are skipped,
# saying so. FAULTS_NO_MOUNT=1 tries the no-mount path as root.
#
#   bash Scripts/reliability/faults.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
swift build --product lianxi >/dev/null 2>&1 || { echo "swift build failed"; exit 1; }
work=$(mktemp -d /tmp/lianxi-faults.XXXXXX)
lianxi="$work/lianxi"
cp .build/debug/lianxi "$lianxi"
mounts=()
cleanup() {
  for point in "${mounts[@]}"; do umount "$point" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0 skipped=0

digest() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }
# A database with answers in it: 20 cards answered Good by ana.
studied() { printf '3\n%.0s' $(seq 1 20) | "$lianxi" --db "$1" --as ana --new 20 >/dev/null; }
can_mount() { [ -z "${FAULTS_NO_MOUNT:-}" ] && [ "$(id -u)" = 0 ] && mkdir -p "$work/probe" && mount -t tmpfs -o size=1m tmpfs "$work/probe" 2>/dev/null && umount "$work/probe"; }

# check NAME EXPECTED-TEXT FILES-THAT-MUST-NOT-CHANGE -- COMMAND...
check() {
  local name=$1 expected=$2; shift 2
  local files=()
  while [ "$1" != "--" ]; do files+=("$1"); shift; done; shift
  local before; before=$(digest "${files[@]}")
  local output status
  output=$(printf '3\n3\n3\nq\n' | "$@" 2>&1); status=$?
  local after; after=$(digest "${files[@]}")
  if [ $status -ne 0 ] && grep -qF -- "$expected" <<<"$output" && [ "$before" = "$after" ]; then
    echo "ok    $name: $(grep -F -- "$expected" <<<"$output" | head -1)"
    passed=$((passed + 1))
  else
    echo "FAIL  $name (exit $status, bytes $( [ "$before" = "$after" ] && echo same || echo CHANGED )):"
    sed 's/^/        /' <<<"$output" | head -5
    failed=$((failed + 1))
  fi
}
skip() { echo "skip  $1: $2"; skipped=$((skipped + 1)); }

# 1. A file that is not SQLite.
printf 'my shopping list\n%.0s' $(seq 1 100) > "$work/notes.sqlite"
check "not a database" "is not a Lianxi database" "$work/notes.sqlite" -- \
  "$lianxi" --db "$work/notes.sqlite" --as ana

# 2. A database from a newer schema version.
studied "$work/newer.sqlite"
sqlite3 "$work/newer.sqlite" "INSERT INTO grdb_migrations VALUES ('A migration from the future')"
check "newer schema" "written by a newer version of Lianxi" "$work/newer.sqlite" -- \
  "$lianxi" --db "$work/newer.sqlite" --as ana
check "newer schema, doctor" "written by a newer version of Lianxi" "$work/newer.sqlite" -- \
  "$lianxi" doctor --db "$work/newer.sqlite"

# 2b. A damaged database: bytes of a page overwritten.
studied "$work/damaged.sqlite"
python3 -c "import sys; f = open(sys.argv[1], 'r+b'); f.seek(4096 * 3); f.write(b'\xff' * 100)" \
  "$work/damaged.sqlite"
check "damaged file, doctor" "is damaged" "$work/damaged.sqlite" -- \
  "$lianxi" doctor --db "$work/damaged.sqlite"

# 3. A missing folder is created on the first run; one that cannot be created is explained.
if printf 'q\n' | "$lianxi" --db "$work/missing/deeper/lianxi.sqlite" --as ana >/dev/null 2>&1 \
  && [ -f "$work/missing/deeper/lianxi.sqlite" ]; then
  echo "ok    missing folder: created with the database on the first run"; passed=$((passed + 1))
else
  echo "FAIL  missing folder was not created"; failed=$((failed + 1))
fi
echo "a file, not a folder" > "$work/blocker"
check "folder cannot be created" "Cannot create the folder" "$work/blocker" -- \
  "$lianxi" --db "$work/blocker/lianxi/lianxi.sqlite" --as ana

# 4. Read-only database file and read-only folder.
if can_mount; then
  mkdir -p "$work/ro"; mount -t tmpfs -o size=8m tmpfs "$work/ro"; mounts+=("$work/ro")
  studied "$work/ro/lianxi.sqlite"
  mount -o remount,ro "$work/ro"
  check "read-only file (read-only mount), review" "Cannot write to" "$work/ro/lianxi.sqlite" -- \
    "$lianxi" --db "$work/ro/lianxi.sqlite" --as ana
  check "read-only file (read-only mount), import" "Cannot write to" "$work/ro/lianxi.sqlite" -- \
    "$lianxi" deck import --db "$work/ro/lianxi.sqlite" Tests/LianxiKitTests/Fixtures/words.csv
  check "read-only folder, new database" "Cannot" "$work/ro/lianxi.sqlite" -- \
    "$lianxi" --db "$work/ro/new/lianxi.sqlite" --as ana
elif [ "$(id -u)" != 0 ]; then
  mkdir -p "$work/ro"; studied "$work/ro/lianxi.sqlite"
  chmod 444 "$work/ro/lianxi.sqlite"; chmod 555 "$work/ro"
  check "read-only file (permissions), review" "Cannot write to" "$work/ro/lianxi.sqlite" -- \
    "$lianxi" --db "$work/ro/lianxi.sqlite" --as ana
  check "read-only folder, new database" "Cannot" "$work/ro/lianxi.sqlite" -- \
    "$lianxi" --db "$work/ro/new/lianxi.sqlite" --as ana
  chmod 755 "$work/ro"
elif command -v setpriv >/dev/null; then
  # Root that cannot mount (a container): the same checks through file permissions, with the
  # program run as `nobody`, whom permissions do bind.
  chmod 755 "$work"
  mkdir -p "$work/ro"; studied "$work/ro/lianxi.sqlite"
  chmod 444 "$work/ro/lianxi.sqlite"; chmod 555 "$work/ro"
  nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$work/ro")
  check "read-only file (permissions, as nobody), review" "Cannot write to" \
    "$work/ro/lianxi.sqlite" -- "${nobody[@]}" "$lianxi" --db "$work/ro/lianxi.sqlite" --as ana
  check "read-only file (permissions, as nobody), import" "Cannot write to" \
    "$work/ro/lianxi.sqlite" -- "${nobody[@]}" "$lianxi" deck import \
    --db "$work/ro/lianxi.sqlite" "$PWD/Tests/LianxiKitTests/Fixtures/words.csv"
  check "read-only folder (as nobody), new database" "Cannot" "$work/ro/lianxi.sqlite" -- \
    "${nobody[@]}" "$lianxi" --db "$work/ro/new/lianxi.sqlite" --as ana
  chmod 755 "$work/ro"
else
  skip "read-only file and folder" "root ignores permissions, cannot mount here and has no setpriv"
fi

# 5. A full disk: a small tmpfs holding a studied database, then filled up.
if can_mount; then
  mkdir -p "$work/full"; mount -t tmpfs -o size=6m tmpfs "$work/full"; mounts+=("$work/full")
  studied "$work/full/lianxi.sqlite"
  dd if=/dev/zero of="$work/full/filler" bs=4k 2>/dev/null
  check "full disk, review" "is full" "$work/full/lianxi.sqlite" -- \
    "$lianxi" --db "$work/full/lianxi.sqlite" --as bo --new 20
  check "full disk, import" "is full" "$work/full/lianxi.sqlite" -- \
    "$lianxi" deck import --db "$work/full/lianxi.sqlite" decks/cross-border.tsv
  check "full disk, new database" "is full" "$work/full/lianxi.sqlite" -- \
    "$lianxi" --db "$work/full/other.sqlite" --as ana
  rm "$work/full/filler"
  if "$lianxi" doctor --db "$work/full/lianxi.sqlite" >/dev/null; then
    echo "ok    full disk: after space is freed, doctor finds all well"; passed=$((passed + 1))
  else
    echo "FAIL  full disk: doctor after freeing space"; failed=$((failed + 1))
  fi
else
  skip "full disk" "needs root to mount a small tmpfs"
fi

echo "faults: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
