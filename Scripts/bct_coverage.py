#!/usr/bin/env python3
"""How much of the Business Chinese Test (BCT) vocabulary syllabus the shipped decks teach.

    python3 Scripts/bct_coverage.py                     # BCT (A) against decks/*.tsv
    python3 Scripts/bct_coverage.py --missing           # also list every word not covered
    python3 Scripts/bct_coverage.py --list ../shared/data/bct/BCTB_cihui.txt

The syllabus is read from ../shared/data/bct/ (it has no licence, so it is not copied into this
repository). Each line is `index<TAB>word`; the words carry the syllabus's annotations, read as
that folder's README describes them:

  长chang       a reading after the word: a note for 长 read cháng (tones ignored)
  得（děi）      a reading in brackets: the same, and the tone too when it is marked
  只（三声）      a tone in brackets: a note for 只 in the third tone (zhǐ)
  哪（哪儿）      a second form in brackets: notes for both 哪 and 哪儿
  等<动>        a part of speech: a note for 等 with that part of speech
  八/捌         alternatives: a note for any one of them
  不但……而且     a set phrase: a note for the whole phrase, or notes for every part
  不 好意思      stray spaces are dropped

A word also counts when the decks have it with or without a final 儿 (一点 for 一点儿), or in
its standard form when the syllabus prints an old variant character (结账 for 结帐); such
matches are listed with --missing as "matched as ...".

Exit status: 0 when every word is covered, 1 when some are not, 2 for bad input.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LIST = os.path.join(REPO, "..", "shared", "data", "bct", "BCTA_cihui.txt")

PARTS_OF_SPEECH = {
    "名": "noun", "动": "verb", "形": "adjective", "副": "adverb", "量": "measure",
    "介": "preposition", "连": "conjunction", "助": "particle", "代": "pronoun",
    "数": "numeral", "叹": "interjection",
}
TONES = {"一": 1, "二": 2, "三": 3, "四": 4, "轻": 5}
# Old variant characters the syllabus prints, and the standard ones the decks use.
VARIANTS = {"帐": "账"}

HAN = r"[\u3400-\u9fff]+"
LATIN = r"[a-zA-Zü\u00c0-\u024f]+"


def fail(message: str) -> None:
    print(f"bct_coverage: {message}", file=sys.stderr)
    sys.exit(2)


def syllables(pinyin: str) -> list[tuple[str, int]]:
    """Tone-marked pinyin as (letters, tone) pairs, one pair per written word (the tone of its
    last marked vowel, 5 when none is marked): `zhǐ` is [("zhi", 3)]."""
    result = []
    for word in re.split(r"[\s'’·-]+", pinyin.lower()):
        tone = 5
        letters = ""
        for char in unicodedata.normalize("NFD", word):
            mark = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}.get(char)
            if mark:
                tone = mark
            elif char.isalpha():
                letters += char
        if letters:
            result.append((letters, tone))
    return result


class Decks:
    """The notes of the deck files: hanzi -> list of (pinyin, part of speech, where)."""

    def __init__(self, paths: list[str]):
        self.notes: dict[str, list[tuple[str, str, str]]] = {}
        for path in paths:
            with open(path, encoding="utf-8") as file:
                columns = None
                for number, line in enumerate(file, 1):
                    line = line.rstrip("\n")
                    if line.startswith("#columns:"):
                        columns = line[len("#columns:"):].split("\t")
                        continue
                    if line.startswith("#") or not line.strip():
                        continue
                    if columns is None:
                        fail(f"{path}:{number}: a note before the #columns: header line")
                    cells = dict(zip(columns, line.split("\t")))
                    if not cells.get("hanzi") or not cells.get("pinyin"):
                        fail(f"{path}:{number}: a note without hanzi or pinyin")
                    where = f"{os.path.basename(path)}:{cells.get('id', number)}"
                    self.notes.setdefault(cells["hanzi"], []).append(
                        (cells["pinyin"], cells.get("part_of_speech", ""), where))

    def find(
        self, hanzi: str, letters: str | None, tone: int | None, pos: str | None, erhua: bool
    ):
        """The first note for `hanzi` (or a form of it) with the reading and part of speech
        asked for, as (form, where), or None. With `erhua`, a form with or without a final 儿
        counts too."""
        forms = [hanzi]
        folded = "".join(VARIANTS.get(c, c) for c in hanzi)
        if folded != hanzi:
            forms.append(folded)
        for form in list(forms) if erhua else []:
            forms.append(form[:-1] if form.endswith("儿") and len(form) > 1 else form + "儿")
        for form in forms:
            for pinyin, part, where in self.notes.get(form, []):
                reading = syllables(pinyin)
                if letters is not None:
                    wanted = syllables(letters)
                    if "".join(s for s, _ in reading) != "".join(s for s, _ in wanted):
                        continue
                    marked = [t for _, t in wanted if t != 5]
                    if marked and marked != [t for _, t in reading if t != 5]:
                        continue
                if tone is not None and (len(reading) != 1 or reading[0][1] != tone):
                    continue
                if pos is not None and part != pos:
                    continue
                return form, where
        return None


def requirements(item: str, line: str) -> list[list[tuple[str, str | None, int | None, str | None, bool]]]:
    """What a syllabus item needs, as alternatives (any one will do), each a list of notes
    that must all be there: (hanzi, reading, tone, part of speech, erhua forms count)."""
    item = re.sub(r"\s+", "", item)
    alternatives = []
    for option in item.split("/"):
        pos = None
        match = re.fullmatch(r"(.*)<(.+)>", option)
        if match:
            option, label = match.groups()
            pos = PARTS_OF_SPEECH.get(label)
            if pos is None:
                fail(f"{line}: unknown part of speech <{label}>")
        if "…" in option:
            parts = [p for p in option.split("…") if p]
            if not all(re.fullmatch(HAN, p) for p in parts):
                fail(f"{line}: cannot read the set phrase {option}")
            alternatives.append([("".join(parts), None, None, pos, True)])
            alternatives.append([(p, None, None, None, True) for p in parts])
            continue
        match = re.fullmatch(rf"({HAN})(?:({LATIN})|（(.+)）)?", option)
        if not match:
            fail(f"{line}: cannot read the word {option}")
        hanzi, reading, bracket = match.groups()
        if bracket is None:
            alternatives.append([(hanzi, reading, None, pos, True)])
        elif re.fullmatch(LATIN, bracket):
            alternatives.append([(hanzi, bracket, None, pos, True)])
        elif re.fullmatch(r"([一二三四轻])声", bracket):
            alternatives.append([(hanzi, None, TONES[bracket[0]], pos, True)])
        elif re.fullmatch(HAN, bracket):
            alternatives.append([(hanzi, None, None, pos, False), (bracket, None, None, None, False)])
        else:
            fail(f"{line}: cannot read the annotation （{bracket}）")
    return alternatives


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", default=DEFAULT_LIST, help="the syllabus file (BCTA_cihui.txt)")
    parser.add_argument(
        "--decks", action="append",
        help="a folder of deck files (repeatable); default: this repository's decks/")
    parser.add_argument("--missing", action="store_true", help="list the words not covered")
    args = parser.parse_args()

    if not os.path.isfile(args.list):
        fail(f"{args.list}: no such file; the BCT lists are in ../shared/data/bct/")
    folders = args.decks or [os.path.join(REPO, "decks")]
    paths = sorted(p for folder in folders for p in glob.glob(os.path.join(folder, "*.tsv")))
    if not paths:
        fail(f"no deck files (*.tsv) in {', '.join(folders)}")
    decks = Decks(paths)

    total = covered = 0
    missing = []
    variants = []
    with open(args.list, encoding="utf-8-sig") as file:
        for number, raw in enumerate(file, 1):
            raw = raw.rstrip("\r\n")
            if not raw.strip():
                continue
            where = f"{args.list}:{number}"
            index, _, item = raw.partition("\t")
            if not index.strip().isdigit() or not item.strip():
                fail(f"{where}: expected an index, a tab and a word, found {raw!r}")
            total += 1
            found = None
            for needed in requirements(item, where):
                matches = [decks.find(*need) for need in needed]
                if all(matches):
                    found = list(zip(needed, matches))
                    break
            if found is None:
                missing.append(item)
                continue
            covered += 1
            for (hanzi, *_), (form, note) in found:
                if form != hanzi:
                    variants.append(f"{item}: {hanzi} matched as {form} ({note})")

    name = os.path.basename(args.list)
    if args.missing:
        for line in variants:
            print(line)
        for item in missing:
            print(f"not covered: {item}")
    print(f"{len(paths)} deck files, {sum(len(v) for v in decks.notes.values())} notes")
    print(f"{name}: {covered} of {total} words covered ({100 * covered / total:.1f} %)")
    sys.exit(0 if covered == total else 1)


if __name__ == "__main__":
    main()
