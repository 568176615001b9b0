#!/usr/bin/env python3
"""Writes Tests/LianxiKitTests/Fixtures/audio.apkg: a small Anki package whose notes play
recordings, made by real Anki.

    python3 -m venv /tmp/anki-venv
    /tmp/anki-venv/bin/pip install anki==26.9.3
    /tmp/anki-venv/bin/python Scripts/anki_audio/generate.py     # needs sox

The package holds one note type, "Chinese (audio)", with the fields Hanzi, Pinyin, Meaning
and Audio, and four notes:

- 银行 yínháng: `[sound:yinhang.wav]` in its Audio field (a WAV file);
- 还款 huánkuǎn: `[sound:huankuan.ogg]` inside its Hanzi field, as some shared decks do;
- 会计 kuàijì and 贸易 màoyì: no sound, so Lianxi synthesises theirs.

The "recordings" are short sine tones made by sox (440 Hz for 银行, 660 Hz for 还款), so that a
test can tell a recording from espeak-ng's speech by its bytes. It is exported as Anki's
legacy package ("Support older Anki versions" ticked: `collection.anki21`, a JSON media list
and the media files as numbered zip entries), the form Lianxi reads.
"""

import os
import subprocess
import tempfile

from anki.collection import Collection, ExportAnkiPackageOptions

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "LianxiKitTests", "Fixtures", "audio.apkg")

NOTES = [
    ("银行", "yínháng", "bank", "[sound:yinhang.wav]", ""),
    ("会计", "kuàijì", "accountant; accounting", "", ""),
    ("还款", "huánkuǎn", "to repay a loan", "", "[sound:huankuan.ogg]"),
    ("贸易", "màoyì", "trade", "", ""),
]


def tone(path, frequency):
    # Mono, 8 kHz, 0.3 s: a few kilobytes, and the same bytes every time.
    bits = ["-b", "16"] if path.endswith(".wav") else []
    subprocess.run(
        ["sox", "-n", "-r", "8000", "-c", "1", *bits, path, "synth", "0.3", "sine", str(frequency)],
        check=True)


def main():
    with tempfile.TemporaryDirectory() as work:
        col = Collection(os.path.join(work, "collection.anki2"))
        models = col.models
        model = models.new("Chinese (audio)")
        for name in ["Hanzi", "Pinyin", "Meaning", "Audio"]:
            models.add_field(model, models.new_field(name))
        template = models.new_template("Card 1")
        template["qfmt"] = "{{Hanzi}}"
        template["afmt"] = "{{FrontSide}}<hr id=answer>{{Pinyin}}<br>{{Meaning}}{{Audio}}"
        models.add_template(model, template)
        models.add(model)
        model = models.by_name("Chinese (audio)")
        deck_id = col.decks.id("Business audio")

        wav = os.path.join(work, "yinhang.wav")
        ogg = os.path.join(work, "huankuan.ogg")
        tone(wav, 440)
        tone(ogg, 660)
        for path in (wav, ogg):
            stored = col.media.add_file(path)
            assert stored == os.path.basename(path), stored

        for hanzi, pinyin, meaning, audio, hanzi_sound in NOTES:
            note = col.new_note(model)
            note["Hanzi"] = hanzi + hanzi_sound
            note["Pinyin"] = pinyin
            note["Meaning"] = meaning
            note["Audio"] = audio
            col.add_note(note, deck_id)

        options = ExportAnkiPackageOptions(
            with_scheduling=False, with_deck_configs=False, with_media=True, legacy=True)
        col.export_anki_package(out_path=os.path.abspath(OUT), options=options, limit=None)
        col.close()
    print("wrote", os.path.abspath(OUT))


if __name__ == "__main__":
    main()
