#!/usr/bin/env bash
# Installs the Debian package as an associate would and uses the installed program from its
# installed path, away from the source tree and without the Swift toolchain on PATH: version,
# completions, man page, a first run that creates its database and a short piped session.
# Removes the package again at the end. Needs root (dpkg -i), as CI runs.
#
#   bash Scripts/release/test-deb.sh .build/release-package/lianxi_0.1.0_amd64.deb
set -euo pipefail
package=$(readlink -f "$1")
[ "$(id -u)" = 0 ] || { echo "dpkg -i needs root: run this as root (CI does)" >&2; exit 1; }

home=$(mktemp -d)
cleanup() {
    dpkg --purge lianxi >/dev/null 2>&1 || true
    rm -rf "$home"
}
trap cleanup EXIT

fail() { echo "FAILED: $*" >&2; exit 1; }

echo "== package: $(basename "$package"), $(du -k "$package" | cut -f1) KiB"
dpkg-deb --info "$package" | sed -n 's/^ *\(Depends\|Installed-Size\): /  \1: /p'
# lianxi opens libcurl with dlopen when it syncs, so the binary does not name it: the package must.
dpkg-deb --field "$package" Depends | grep -q libcurl ||
    fail "the package does not depend on libcurl, which lianxi sync opens"
dpkg -i "$package" >/dev/null

# A clean place: an empty home, no toolchain on PATH or in the library path, another folder.
run() { (cd "$home" && env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"); }

[ "$(command -v lianxi)" = /usr/bin/lianxi ] || fail "lianxi is not on PATH at /usr/bin/lianxi"
if ldd /usr/bin/lianxi | grep -q -e swift -e 'not found'; then
    ldd /usr/bin/lianxi >&2
    fail "the installed binary needs the Swift toolchain's libraries"
fi

version=$(run lianxi --version)
expected=$(dpkg-deb --field "$package" Version)
[ "$version" = "$expected" ] || fail "lianxi --version printed '$version', the package is $expected"
echo "== lianxi --version: $version"

for file in /usr/share/bash-completion/completions/lianxi /usr/share/zsh/vendor-completions/_lianxi \
    /usr/share/fish/vendor_completions.d/lianxi.fish /usr/share/man/man1/lianxi.1.gz \
    /usr/share/man/man1/lianxi.review.1.gz /usr/share/doc/lianxi/copyright; do
    [ -s "$file" ] || fail "$file is missing or empty"
done
grep -q 'review' /usr/share/bash-completion/completions/lianxi || fail "bash completion lists no commands"
bash -n /usr/share/bash-completion/completions/lianxi || fail "bash completion is not valid bash"
zcat /usr/share/man/man1/lianxi.1.gz | grep -q '^\.Dt LIANXI 1' || fail "the man page has no title line"
grep -q "GRDB" /usr/share/doc/lianxi/copyright && grep -q "CC-CEDICT" /usr/share/doc/lianxi/copyright ||
    fail "the licence notices lack GRDB or CC-CEDICT"

# Start time of the installed binary: the median of 11 runs of `lianxi --help`.
start=$(for _ in $(seq 11); do
    begin=$(date +%s%N)
    run lianxi --help >/dev/null
    echo $((($(date +%s%N) - begin) / 1000))
done | sort -n | sed -n 6p)
echo "== start time (lianxi --help, median of 11): ${start} µs"

session=$(printf 'good\n3\n\n4\n' | run lianxi --as ana --new 3 --no-color 2>&1) ||
    fail "the piped session exited with an error: $session"
echo "$session" | grep -q 'Welcome, ana!' || fail "no welcome on the first run: $session"
echo "$session" | grep -q 'Answered 3 cards' || fail "the session did not answer 3 cards: $session"
[ -f "$home/.local/share/lianxi/lianxi.sqlite" ] || fail "no database in ~/.local/share/lianxi"
run lianxi doctor >/dev/null || fail "lianxi doctor found a problem after the session"
echo "== a piped session from /usr/bin/lianxi: 3 answers stored, doctor finds all well"
echo "installed package passed"
