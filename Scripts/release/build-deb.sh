#!/usr/bin/env bash
# Builds what an associate installs: a statically linked `lianxi` (the Swift runtime inside the
# binary) and a Debian package holding it, its shell completions, its man pages and the
# licence notices.
#
#   bash Scripts/release/build-deb.sh            # writes .build/release-package/lianxi_VERSION_ARCH.deb
#   OUT=dist bash Scripts/release/build-deb.sh   # another folder for the package
#
# The completions and man pages are generated from the commands themselves (ArgumentParser's
# --generate-completion-script and its generate-manual plugin), so they never drift from
# `lianxi --help`. The package's dependencies are the shared libraries the binary still links
# (libc, libsqlite3 ...), found with objdump and mapped to their Debian packages with dpkg -S,
# and libcurl4, which `lianxi sync` opens only when it syncs (Sources/CurlLoader).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-.build/release-package}
build=.build/static

echo "== statically linked release build" >&2
swift build -c release --static-swift-stdlib --build-path "$build" --product lianxi >&2
binary="$build/release/lianxi"
version=$("$binary" --version)
case "$version" in
    [0-9]*.[0-9]*.[0-9]*) ;;
    *) echo "lianxi --version printed '$version', not a version number" >&2; exit 1 ;;
esac
arch=$(dpkg --print-architecture)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/lianxi_${version}_${arch}"
install -D -m 0755 "$binary" "$root/usr/bin/lianxi"
strip --strip-unneeded "$root/usr/bin/lianxi"

echo "== completions" >&2
completions="$root/usr/share"
mkdir -p "$completions/bash-completion/completions" "$completions/zsh/vendor-completions" \
    "$completions/fish/vendor_completions.d"
"$binary" --generate-completion-script bash >"$completions/bash-completion/completions/lianxi"
"$binary" --generate-completion-script zsh >"$completions/zsh/vendor-completions/_lianxi"
"$binary" --generate-completion-script fish >"$completions/fish/vendor_completions.d/lianxi.fish"

echo "== man pages" >&2
mkdir -p "$stage/man"
# The plugin builds the package's tools (debug, in .build: what `swift build` already made) and
# asks each one for its help; the pages of lianxi are the ones packaged.
swift package --allow-writing-to-directory "$stage/man" generate-manual \
    --configuration debug --multi-page --output-directory "$stage/man" >&2
mkdir -p "$root/usr/share/man/man1"
for page in "$stage"/man/lianxi.1 "$stage"/man/lianxi.[a-z]*.1; do
    gzip -9n <"$page" >"$root/usr/share/man/man1/$(basename "$page").gz"
done
[ -s "$root/usr/share/man/man1/lianxi.1.gz" ] || { echo "no man page for lianxi" >&2; exit 1; }

echo "== licence notices" >&2
# The licence texts of everything linked into the binary, as the checkouts and the toolchain
# carry them, so the notice always matches the code that was built.
notice="$root/usr/share/doc/lianxi/copyright"
mkdir -p "$(dirname "$notice")"
{
    echo "Lianxi (练习): business and e-commerce Chinese by spaced repetition."
    echo "The program links the code below; each part keeps its own licence, quoted in full."
    for checkout in GRDB.swift swift-argument-parser CSV.swift ZIPFoundation; do
        licence=$(find "$build/checkouts/$checkout" -maxdepth 1 -iname 'LICENSE*' | head -n 1)
        [ -n "$licence" ] || { echo "no licence file in $checkout" >&2; exit 1; }
        printf '\n==== %s (%s)\n\n' "$checkout" "$(basename "$licence")"
        cat "$licence"
    done
    printf '\n==== CC-CEDICT, built into the program (NOTICE)\n\n'
    cat NOTICE
    swift_licence="$(dirname "$(dirname "$(command -v swift)")")/share/swift/LICENSE.txt"
    printf '\n==== The Swift runtime and Foundation (statically linked)\n\n'
    cat "$swift_licence"
    # libstdc++ is linked statically (Package.swift): GCC's notice, which quotes the GCC Runtime
    # Library Exception that permits it.
    clang="$(dirname "$(command -v swift)")/clang"
    gcc_version=$(basename "$(dirname "$("$clang" -print-file-name=libstdc++.a)")")
    gcc_notice="/usr/share/doc/gcc-$gcc_version-base/copyright"
    [ -f "$gcc_notice" ] || { echo "no $gcc_notice for the static libstdc++" >&2; exit 1; }
    printf '\n==== The GNU C++ library, libstdc++ (statically linked)\n\n'
    cat "$gcc_notice"
} >"$notice"
chmod 0644 "$notice"

echo "== dependencies" >&2
depends=$(objdump -p "$root/usr/bin/lianxi" | awk '/NEEDED/ { print $2 }' | while read -r library; do
    path=$(ldconfig -p | awk -v lib="$library" '$1 == lib { print $NF; exit }')
    [ -n "$path" ] || { echo "no $library on this machine" >&2; exit 1; }
    dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1 ||
        dpkg -S "$path" | head -n 1 | cut -d: -f1
done | sort -u | paste -sd, - | sed 's/,/, /g')
# The packed relocations lianxi is linked with (Package.swift) need glibc 2.36 or later.
depends=$(echo "$depends" | sed -E 's/(^|, )libc6(,|$)/\1libc6 (>= 2.36)\2/')
# libcurl.so.4 is opened with dlopen at the first sync, so no NEEDED entry names it: the package
# that holds it on this machine (libcurl4) is added by hand.
curl=$(ldconfig -p | awk '$1 == "libcurl.so.4" { print $NF; exit }')
[ -n "$curl" ] || { echo "no libcurl.so.4 on this machine (apt install libcurl4)" >&2; exit 1; }
curl_package=$(dpkg -S "$(readlink -f "$curl")" 2>/dev/null | head -n 1 | cut -d: -f1 ||
    dpkg -S "$curl" | head -n 1 | cut -d: -f1)
depends=$(printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//' | grep -v '^$' |
    { cat; echo "$curl_package"; } | sort -u | paste -sd, - | sed 's/,/, /g')
size=$(du -sk "$root/usr" | cut -f1)

mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<EOF
Package: lianxi
Version: $version
Architecture: $arch
Maintainer: Lianxi developers <lianxi@localhost>
Installed-Size: $size
Depends: $depends
Section: education
Priority: optional
Description: business and e-commerce Chinese by spaced repetition, in a terminal
 Lianxi teaches the business and e-commerce Chinese that associates of an
 international e-commerce group need at work, by spaced repetition (FSRS-6 or
 Anki's SM-2), with fair checking of typed pinyin and built-in decks.
EOF

mkdir -p "$out"
package="$out/lianxi_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$package" >&2
echo "$package"
