"""Anki's side of Benchmarks/academy.sh: a collection with N new answers synced by the
Python `anki` client (26.9.3) to `python -m anki.syncserver` on loopback.

  python anki_sync.py prepare --col PATH --answers N --endpoint URL
      a new collection of N/2 + 100 two-card notes (the anchors' note type and deck options),
      fully uploaded, then N cards answered (get_queued_cards + answer_card): N new revlog
      entries and N changed cards waiting to sync.
  python anki_sync.py sync --col PATH --endpoint URL
      one normal sync; prints the seconds `sync_collection` took (the process is timed by
      the caller too).
"""
import argparse
import json
import os
import sys
import time

ANCHORS = os.environ.get("ANCHORS", os.path.join(os.path.dirname(__file__), "../../shared/bench/anchors"))
sys.path.insert(0, os.path.abspath(ANCHORS))

USER, PASSWORD = "bench", "bench"


def prepare(args):
    import anki_workload as w
    from anki.collection import Collection

    if os.path.exists(args.col):
        os.remove(args.col)
    col = Collection(args.col)
    m, did = w.setup_notetype_and_deck(col)
    w.configure_deck(col, did, fsrs=True)
    w.add_notes_batch(col, m, did, w.make_vocab(args.answers // 2 + 100, 1))
    auth = col.sync_login(USER, PASSWORD, args.endpoint)
    out = col.sync_collection(auth, False)
    col.full_upload_or_download(auth=auth, server_usn=out.server_media_usn, upload=True)
    _, _, done, _ = w.answer_loop(col, args.answers, 1)
    assert done == args.answers, f"answered {done} of {args.answers}"
    col.close()


def sync(args):
    from anki.collection import Collection

    col = Collection(args.col)
    auth = col.sync_login(USER, PASSWORD, args.endpoint)
    pending = col.db.scalar("select count() from revlog where usn = -1")
    t0 = time.perf_counter()
    out = col.sync_collection(auth, False)
    elapsed = time.perf_counter() - t0
    after = col.db.scalar("select count() from revlog where usn = -1")
    col.close()
    print(json.dumps({"seconds": elapsed, "pending_before": pending, "pending_after": after,
                      "required": int(out.required)}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("phase", choices=["prepare", "sync"])
    parser.add_argument("--col", required=True)
    parser.add_argument("--answers", type=int, default=50)
    parser.add_argument("--endpoint", required=True)
    args = parser.parse_args()
    {"prepare": prepare, "sync": sync}[args.phase](args)


if __name__ == "__main__":
    main()
