#!/usr/bin/env python3
"""Writes the order in which the linker places the functions of `lianxi` (lld's
`--symbol-ordering-file`): every function a session runs, most instructions first.

    python3 Scripts/link-order/make_order.py --lianxi .build/static/release/lianxi \
        --db /tmp/perf/large8-ready.sqlite [--answers 40]

Runs a session on a copy of the collection under valgrind's callgrind (start, ANSWERS answers
of Good, the summary), keeps the functions of the binary itself and writes them, one mangled
name a line, to Scripts/link-order/lianxi.order. The functions a session runs then lie side by
side, so the kernel maps a few dozen 64 KiB windows of the binary instead of some two hundred
spread over it (the start's resident memory; see docs/BENCHMARKS.md, session 10).

A stale order costs nothing but memory: names that no longer exist are skipped. Run it again
after a change of toolchain or of the libraries linked, then delete the binary so that it is
linked again (SwiftPM does not know the file is an input of the link). Needs valgrind and llvm-objcopy (the
Swift toolchain's); callgrind cannot read the binary's DWARF 5, so it runs a copy without it.
"""
import argparse, collections, os, shutil, subprocess, sys, tempfile

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--lianxi", required=True, help="a release build of lianxi")
parser.add_argument("--db", required=True, help="a studied collection (copied, not changed)")
parser.add_argument("--answers", type=int, default=40, help="answers in the profiled session")
parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "lianxi.order"))
args = parser.parse_args()

work = tempfile.mkdtemp()
try:
    binary = os.path.join(work, "lianxi")
    subprocess.run([shutil.which("llvm-objcopy") or "llvm-objcopy", "--strip-debug", args.lianxi,
                    binary], check=True)
    db = os.path.join(work, "session.sqlite")
    shutil.copyfile(args.db, db)
    profile = os.path.join(work, "callgrind.out")
    session = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--demangle=no", "--compress-strings=no",
         f"--callgrind-out-file={profile}", binary, "--db", db, "--as", "bench"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
    answered = 0
    while answered < args.answers:
        line = session.stdout.readline().decode()
        if not line:
            break
        if "— type the" in line:
            session.stdin.write(b"\n3\n")
            answered += 1
        elif "— grade 1-4" in line:
            session.stdin.write(b"3\n")
            answered += 1
    session.stdin.close()
    session.stdout.read()
    if session.wait() != 0 or answered == 0:
        sys.exit(f"the profiled session failed (exit {session.returncode}, {answered} answers)")

    # Self cost of each function: the cost lines under `fn=`, less those that follow `calls=`
    # (the inclusive cost of a call).
    cost = collections.Counter()
    home = {}
    obj = function = None
    after_call = False
    with open(profile) as lines:
        for line in lines:
            if line.startswith("ob="):
                obj = line[3:].strip()
            elif line.startswith("fn="):
                function = line[3:].strip()
                home.setdefault(function, obj)
                after_call = False
            elif line.startswith("calls="):
                after_call = True
            elif line[:1].isdigit() or line[:1] in "+-*":
                parts = line.split()
                if not after_call and function and len(parts) > 1:
                    cost[function] += int(parts[1])
                after_call = False
    names = {}
    for function, where in home.items():
        # Names callgrind makes up for code without a symbol (`0x...`, `(below main)`) are not
        # the linker's to place.
        if where == binary and not function.startswith(("0x", "(")):
            # callgrind tells apart local functions of the same name with a quote and a number.
            name = function.split("'")[0]
            names[name] = max(names.get(name, 0), cost[function])
    ordered = sorted(names, key=lambda name: (-names[name], name))
    with open(args.out, "w") as out:
        out.writelines(name + "\n" for name in ordered)
    print(f"{len(ordered)} functions written to {args.out}")
finally:
    shutil.rmtree(work)
