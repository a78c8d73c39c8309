#!/usr/bin/env python3
"""scripts/ci/report.py CI_OUT — the end of scripts/test: every stage with its outcome, the
reliability table of docs quality.md (row -> the tests that cover it -> pass/fail, from the ctest
JUnit files of the normal and the ASan build and from the stages), and a last plain line
"N passed, N failed" counting every check (each ctest test in each build, each fuzz target, each
valgrind'd test, each lint stage). Exit status: 0 only when nothing failed and no reliability row
lacks its test."""
import os, sys
import xml.etree.ElementTree as ET

OUT = sys.argv[1]

# quality.md "Reliability and security": row -> tests (ctest name prefixes) or stages ("stage:").
RELIABILITY = [
    ("API faults", ["api_reliability_api_faults"]),
    ("no duplicate deploys", ["api_reliability_no_duplicate_deploys"]),
    ("nothing lost", ["ui_reliability_nothing_lost"]),
    ("terminal restored", ["pty_reliability_terminal_restored"]),
    ("resize and key storms", ["pty_reliability_resize_and_key_storms"]),
    ("parsers fuzzed", ["stage:reliability_parsers_fuzzed"]),
    ("TLS", ["api_reliability_tls"]),
    ("secrets", ["api_reliability_secrets", "pty_reliability_secrets"]),
    ("memory errors", ["stage:reliability_memory_errors_asan", "stage:reliability_memory_errors_valgrind"]),
]
SUITES = [("normal", "junit-normal.xml"), ("asan", "junit-asan.xml")]


def read_tsv(name):
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        return []
    return [l.rstrip("\n").split("\t") for l in open(path) if l.strip()]


def read_junit(name):
    """{test: 'pass'|'fail'|'skip'} of one ctest run; None when the run did not happen."""
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        return None
    res = {}
    for tc in ET.parse(path).getroot().iter("testcase"):
        st = tc.get("status", "")
        if tc.find("failure") is not None or tc.find("error") is not None or st == "fail":
            res[tc.get("name")] = "fail"
        elif tc.find("skipped") is not None or st in ("notrun", "disabled", "skipped"):
            res[tc.get("name")] = "skip"
        else:
            res[tc.get("name")] = "pass"
    return res


def main():
    stages = {s[0]: (int(s[1]), int(s[2])) for s in read_tsv("stages.tsv")}
    suites = {tag: read_junit(f) for tag, f in SUITES}
    passed = failed = 0

    print("\n==================== summary ====================")
    print(f"{'stage':42} {'result':7} {'time':>6}")
    for name, (rc, secs) in stages.items():
        print(f"{name:42} {'PASS' if rc == 0 else 'FAIL':7} {secs:5d}s")
    print(f"{'total':42} {'':7} {sum(s[1] for s in stages.values()):5d}s")

    # Counting: every test of every suite, every fuzz target, every valgrind'd test; stages that
    # are one check (lint) count once; stages whose checks are counted below do not count again.
    for tag, res in suites.items():
        if res is None:
            continue
        for st in res.values():
            passed += st == "pass"
            failed += st != "pass"  # a skipped test is not a pass
    for row in read_tsv("fuzz.tsv") + read_tsv("valgrind.tsv"):
        passed += row[1] == "PASS"
        failed += row[1] != "PASS"
    counted_elsewhere = {"tests", "reliability_parsers_fuzzed", "reliability_memory_errors_asan",
                         "reliability_memory_errors_valgrind"}
    for name, (rc, _) in stages.items():
        if name in counted_elsewhere and rc == 0:
            continue
        if name in counted_elsewhere:  # failed without per-test results (e.g. did not build)
            has_detail = {"tests": suites["normal"],
                          "reliability_parsers_fuzzed": read_tsv("fuzz.tsv"),
                          "reliability_memory_errors_asan": suites["asan"],
                          "reliability_memory_errors_valgrind": read_tsv("valgrind.tsv")}[name]
            if has_detail:
                continue
        passed += rc == 0
        failed += rc != 0

    print("\n==================== reliability (docs: quality.md) ====================")
    print(f"{'row':24} {'covered by':64} result")
    missing = 0
    for row, covers in RELIABILITY:
        parts, ok = [], True
        for c in covers:
            if c.startswith("stage:"):
                st = c[6:]
                if st not in stages:
                    parts.append(f"{st}: not run")
                    ok = False
                else:
                    good = stages[st][0] == 0
                    parts.append(f"{st}: {'pass' if good else 'FAIL'}")
                    ok &= good
                continue
            for tag, res in suites.items():
                if res is None:
                    parts.append(f"{c} [{tag}]: not run")
                    ok = False
                    continue
                hits = {n: s for n, s in res.items() if n == c or n.startswith(c + "_")}
                if not hits:
                    parts.append(f"{c} [{tag}]: MISSING (no such test)")
                    ok = False
                    missing += 1
                    continue
                bad = [n for n, s in hits.items() if s != "pass"]
                n = f"{c} ({len(hits)} tests)" if len(hits) > 1 else c
                failed_list = ",".join(b[len(c):].lstrip("_") or c for b in bad)
                parts.append(f"{n} [{tag}]: {'pass' if not bad else f'FAIL {len(bad)} of {len(hits)}: {failed_list}'}")
                ok &= not bad
        print(f"{row:24} {parts[0]:64} {'PASS' if ok else 'FAIL'}")
        for p in parts[1:]:
            print(f"{'':24} {p}")
    if missing:
        print(f"{missing} reliability test(s) missing: each row of quality.md needs its test")
        failed += missing

    print(f"\n{passed} passed, {failed} failed")
    return 0 if failed == 0 and all(rc == 0 for rc, _ in stages.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
