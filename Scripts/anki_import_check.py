#!/usr/bin/env python3
"""Imports every shipped deck file into a fresh Anki collection and checks what Anki made of it.

    pip install anki==26.9.3
    python3 Scripts/anki_import_check.py                 # every decks/*.tsv
    python3 Scripts/anki_import_check.py decks/office.tsv

Each file goes into its own new collection through Anki's own text importer
(`Collection.get_csv_metadata` + `Collection.import_csv`, as the benchmark anchors' harness in
../shared/bench/anchors/anki_workload.py does), reading the file's header lines as Anki reads
them (`#separator`, `#html`, `#deck`, `#guid column`, `#tags column`, `#columns`). The note
type has one field per column other than the id and the tags, in the file's order.

For every file it prints the rows, what Anki's import log counts, the notes in the collection
and the deck they landed in, then compares each note with its row: the GUID is the row's id,
every field shows the row's cell (with `#html:false` Anki stores text HTML-escaped, so a
field is compared after unescaping), the tags are the row's tags. Exit status 0 when every file
imports every row unchanged, 1 otherwise, 2 when Anki is missing or a file cannot be read.
"""

from __future__ import annotations

import glob
import html
import os
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ID_COLUMN = "id"
TAGS_COLUMN = "tags"


def fail(message: str) -> None:
    print(f"anki_import_check: {message}", file=sys.stderr)
    sys.exit(2)


def read_deck(path: str) -> tuple[dict[str, str], list[str], list[list[str]]]:
    """The file's header lines (name -> value), its column names and its rows."""
    headers: dict[str, str] = {}
    rows = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                name, _, value = line[1:].partition(":")
                headers[name] = value
            elif line:
                rows.append(line.split("\t"))
    if "columns" not in headers:
        fail(f"{path}: no #columns: header line")
    columns = headers["columns"].split("\t")
    for index, row in enumerate(rows):
        if len(row) != len(columns):
            fail(f"{path}: a row has {len(row)} cells, the #columns: line names {len(columns)}")
    return headers, columns, rows


def check_file(path: str) -> bool:
    from anki.collection import Collection, ImportCsvRequest
    from anki.import_export_pb2 import CsvMetadata

    headers, columns, rows = read_deck(path)
    name = os.path.basename(path)
    fields = [c for c in columns if c not in (ID_COLUMN, TAGS_COLUMN)]
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(os.path.join(folder, "collection.anki2"))
        try:
            models = col.models
            notetype = models.new("Lianxi " + name)
            for field in fields:
                models.add_field(notetype, models.new_field(field))
            template = models.new_template("Recognition")
            template["qfmt"] = "{{hanzi}}"
            template["afmt"] = "{{FrontSide}}<hr id=answer>{{pinyin}}<br>{{english}}"
            models.add_template(notetype, template)
            models.add(notetype)
            notetype = models.by_name("Lianxi " + name)

            metadata = col.get_csv_metadata(path, None)
            metadata.global_notetype.id = notetype["id"]
            del metadata.global_notetype.field_columns[:]
            metadata.global_notetype.field_columns.extend(columns.index(f) + 1 for f in fields)
            log = col.import_csv(ImportCsvRequest(path=path, metadata=metadata)).log

            deck_name = headers.get("deck", "")
            deck_id = col.decks.id_for_name(deck_name) if deck_name else None
            note_ids = col.find_notes(f'"deck:{deck_name}"') if deck_id else []
            notes = [col.get_note(note_id) for note_id in note_ids]

            problems = []
            by_guid = {note.guid: note for note in notes}
            for number, row in enumerate(rows, 1):
                cells = dict(zip(columns, row))
                note = by_guid.get(cells[ID_COLUMN])
                if note is None:
                    problems.append(f"row {number} ({cells[ID_COLUMN]}): no note with this GUID")
                    continue
                for field in fields:
                    # With #html:false Anki stores the text HTML-escaped (I'm -> I&#x27;m),
                    # so that it shows exactly as written.
                    if html.unescape(note[field]) != cells[field]:
                        problems.append(
                            f"{cells[ID_COLUMN]}: {field} is {note[field]!r}, the file has"
                            f" {cells[field]!r}")
                if sorted(note.tags) != sorted(cells[TAGS_COLUMN].split()):
                    problems.append(
                        f"{cells[ID_COLUMN]}: tags are {note.tags}, the file has"
                        f" {cells[TAGS_COLUMN]!r}")

            print(
                f"{name}: {len(rows)} rows; Anki's log: {len(log.new)} new,"
                f" {len(log.updated)} updated, {len(log.duplicate)} duplicate,"
                f" {len(log.conflicting)} conflicting, {len(log.first_field_match)}"
                f" first-field match, {len(log.empty_first_field)} empty first field,"
                f" {len(log.missing_notetype) + len(log.missing_deck)} missing note type or"
                f" deck; {len(notes)} notes in deck {deck_name!r};"
                f" {'all rows unchanged' if not problems else f'{len(problems)} problems'}")
            for problem in problems[:10]:
                print(f"  {problem}")
            return not problems and len(notes) == len(rows) == len(log.new)
        finally:
            col.close()


def main() -> None:
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        fail("Anki's Python package is missing: pip install anki==26.9.3")
    import anki.buildinfo

    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(REPO, "decks", "*.tsv")))
    if not paths:
        fail("no deck files")
    print(f"Anki {anki.buildinfo.version}")
    results = [check_file(os.path.abspath(path)) for path in paths]
    rows = sum(len(read_deck(os.path.abspath(p))[2]) for p in paths)
    print(f"{sum(results)} of {len(paths)} files imported every row unchanged ({rows} rows)")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
