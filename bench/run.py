#!/usr/bin/env python3
"""bench/run.py BUILD_DIR [--out bench/RESULTS.md] — measures every row of the performance table of
quality.md against the emulator and prints: row | measured | bar | ratio | pass/fail. Run by
scripts/bench (which builds BUILD_DIR in Release first). A row whose piece is missing or whose
scenario fails prints "not measured: <why>"; nothing is ever estimated. Timings are medians of a
few runs in this one run; counts (requests, bytes, instructions) are exact."""
import json, os, platform, re, shlex, statistics, subprocess, sys, tempfile, time

BUILD = os.path.abspath(sys.argv[1])
OUT = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
HOME = tempfile.mkdtemp(prefix="ycfn-bench-")
RUNS = int(os.environ.get("YCFN_BENCH_RUNS", "5"))

# What the TUI shows, and the keys that walk it: the one place to change when the screens change.
UI = {
    "function": "payment-callback",     # seeded: async on, 5 retries, queues, entry point below
    # on screen only once the data is in: the version's entry point, the async service account's
    # name (so the service accounts are in too)
    "editor_data": ["ru.example.Handler", "functions-invoker"],
    # from the editor's first field to the retries field: runtime, entry point, timeout, memory,
    # service account, description, the one environment line, its "add" row, async on, retries
    "retries_keys": ["Tab"] * 9,
    "save_keys": ["F2"],                # save: the review screen
    "review_text": "yc serverless function version create",  # the review shows the command
    "deploy_key": "Enter",
    "done_text": "Done. New version:",
    "sa_picker_keys": ["Tab"] * 10 + ["Enter"],  # to the async service account, and open its picker
    "sa_picker_text": "Filter:",        # the picker is open
    "sa_last": "gen-sa-099999",         # the last generated account: typed as the filter, shown when all are in
    "list_text": "order-webhook",       # the function list has loaded
}

LOG = []


def binary(*rel):
    p = os.path.join(BUILD, *rel)
    return p if os.path.isfile(p) and os.access(p, os.X_OK) else None


def run(argv, timeout=300):
    LOG.append(" ".join(shlex.quote(a) for a in argv))
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    return p, None


def kv(text):
    out = {}
    for line in text.splitlines():
        k, sep, v = line.partition("=")
        if sep:
            out.setdefault(k, v) if k.endswith("_req") else out.__setitem__(k, v)
    return out


def tui(steps, ycfn_args, generate=0, op_delay=0):
    """One bench_tui scenario; (values, None) or (None, why)."""
    bt, ycfn = binary("bench", "bench_tui"), binary("ycfn")
    if not bt:
        return None, "bench_tui not built (the emulator or the pty harness is missing)"
    if not ycfn:
        return None, "ycfn not built (ui or cli missing)"
    home = tempfile.mkdtemp(dir=HOME)
    argv = [bt, "--home", home, "--cols", "100", "--rows", "32"]
    if generate:
        argv += ["--generate", str(generate)]
    if op_delay:
        argv += ["--op-delay", str(op_delay)]
    argv += steps + ["--", ycfn] + ycfn_args
    p, why = run(argv)
    if why:
        return None, "bench_tui " + why
    vals = kv(p.stdout)
    vals["_reqs"] = [l.split("=", 1)[1] for l in p.stdout.splitlines() if "_req=" in l]
    if p.returncode != 0 or "error" in vals:
        return None, vals.get("error", f"bench_tui exit {p.returncode}: {p.stderr.strip()[-200:]}")
    return vals, None


def endpoint_args(fn_by_id=True):
    args = ["--endpoint", "{URL}", "--token", "{TOKEN}", "--cloud-id", "{CLOUD}", "--folder-id", "{FOLDER}",
            "--lang", "en"]
    if fn_by_id:
        args += ["--function-id", "{FNID:%s}" % UI["function"]]
    return args


def waits(texts):
    return [f"wait:{t}" for t in texts]


ROWS = []  # (row, measured, bar, ratio, verdict)


def row(name, measured, bar, ratio=None, ok=None):
    verdict = "not measured" if ok is None else ("pass" if ok else "FAIL")
    ROWS.append((name, measured, bar, "" if ratio is None else f"{ratio:.2f}", verdict))
    print(f"  {name}: {measured} (bar {bar}) -> {verdict}", flush=True)


def not_measured(name, bar, why):
    row(name, f"not measured: {why}", bar)


# ---------- rows ----------

def editor_time():
    name, bar = "time to a usable editor (50 ms latency)", "<= 130 ms (2 round trips + 30 ms)"
    t50, t0, reqs = [], [], None
    for lat, acc in ((50, t50), (0, t0)):
        for _ in range(RUNS if lat else max(2, RUNS // 2)):
            v, why = tui([f"latency:{lat}", "stats0", "spawn"] + waits(UI["editor_data"]) +
                         ["time:editor", "reqs:editor"], endpoint_args())
            if why:
                return not_measured(name, bar, why)
            acc.append(float(v["editor_ms"]))
            reqs = reqs if lat == 0 else v  # the counts of a 50 ms run
    m50, m0 = statistics.median(t50), statistics.median(t0)
    spread = f"runs {min(t50):.0f}-{max(t50):.0f} ms; "
    trips = (m50 - m0) / 50.0
    measured = (f"{m50:.0f} ms median of {len(t50)} ({spread}0 ms latency: {m0:.0f} ms; so {trips:.1f} round trips "
                f"of 50 ms on the path; {reqs['editor_requests']} requests, {reqs['editor_connections']} connections)")
    row(name, measured, bar, m50 / 130.0, m50 <= 130.0)


def deploy():
    name_o, bar_o = "deploy overshoot (operation done after D = 1 s)", "<= D + 250 ms = 1250 ms, <= 10 polls"
    name_r, bar_r = "requests to deploy (one save)", "1 createVersion + polls, 0 other, 1 connection per host"
    steps = ["spawn"] + waits(UI["editor_data"]) + ["quiet:100"]
    steps += [f"key:{k}" for k in UI["retries_keys"]] + ["key:End", "key:Backspace", "type:7", "quiet:100"]
    steps += [f"key:{k}" for k in UI["save_keys"]] + [f"wait:{UI['review_text']}", "quiet:100", "stats0", "t0",
                                                     f"key:{UI['deploy_key']}", f"wait:{UI['done_text']}",
                                                     "time:deploy", "reqs:deploy"]
    v, why = tui(steps, endpoint_args(), op_delay=1000)
    if why:
        not_measured(name_o, bar_o, why)
        return not_measured(name_r, bar_r, why)
    ms, polls = float(v["deploy_ms"]), int(v["deploy_polls"])
    row(name_o, f"{ms:.0f} ms Enter -> done ({ms - 1000:.0f} ms after D), {polls} polls", bar_o, ms / 1250.0,
        ms <= 1250 and polls <= 10)
    create, other, conns = int(v["deploy_create"]), int(v["deploy_other"]), int(v["deploy_connections"])
    others = [r for r in v["_reqs"] if "/functions/v1/versions" not in r and "/operations/" not in r]
    row(name_r, f"{create} createVersion + {polls} polls + {other} other{(' ' + str(others)) if others else ''}; "
        f"{conns} new connection(s)", bar_r, None, create == 1 and other == 0 and conns <= 1)


def keystroke_bytes():
    name, bar = "bytes to the terminal per keystroke (retries field)", "<= 32 median, no full redraw, < dialog --form"
    tool = binary("tests", "pty", "pty_keystroke_bytes")
    if not tool:
        return not_measured(name, bar, "tests/pty/pty_keystroke_bytes not built")
    dlg = "/usr/bin/dialog"
    p, why = run([tool, "--keys", "200", "--wait", "Retries", "--", dlg, "--form", "Bench", "10", "40", "2",
                  "Retries:", "1", "1", "", "1", "10", "5", "0"])
    if why or p.returncode:
        return not_measured(name, bar, f"dialog: {why or p.stderr.strip()[-200:]}")
    d = json.loads(p.stdout.strip().splitlines()[-1])
    ycfn = binary("ycfn")
    if not ycfn:
        return not_measured(name, bar, f"ycfn not built (dialog --form: median {d['median']} B)")
    argv = [tool, "--keys", "200", "--env", f"HOME={HOME}", "--env", f"XDG_STATE_HOME={HOME}/state",
            "--wait", UI["editor_data"][0]]
    for k in UI["retries_keys"]:
        argv += ["--pre", k]
    argv += ["--", ycfn, "--demo", "--lang", "en", "--function-name", UI["function"]]
    p, why = run(argv)
    if why or p.returncode:
        return not_measured(name, bar, f"ycfn: {why or p.stderr.strip()[-200:]} (dialog --form: median "
                                       f"{d['median']} B)")
    y = json.loads(p.stdout.strip().splitlines()[-1])
    full = y["startup_bytes"]
    # The tool's cycle passes through an empty field, whose error message comes and goes; the same
    # field typed so that it stays valid (5 -> 51 -> 5 ...) shows the cost of the edit alone.
    steps = ["spawn"] + waits(UI["editor_data"]) + ["quiet:300"] + [f"key:{k}" for k in UI["retries_keys"]] + \
        ["key:End", "quiet:300"]
    for i in range(20):
        steps += ["type:1", f"settle:in{i}", "key:Backspace", f"settle:out{i}"]
    v, why = tui(steps, endpoint_args())
    valid = ""
    if not why:
        sizes = [int(val) for k, val in v.items() if re.match(r"(in|out)\d+_bytes$", k)]
        valid = f"; staying valid (5 -> 51 -> 5): median {statistics.median(sizes):.0f} B, max {max(sizes)}"
    ok = y["median"] <= 32 and y["median"] < d["median"] and y["max"] < full / 2 and y["undrawn"] == 0
    row(name, f"median {y['median']} B, p90 {y['p90']}, max {y['max']} (full screen {full} B; {y['undrawn']} "
        f"undrawn; the tool's cycle {y.get('cycle', '')} crosses an empty field and its error message){valid}; "
        f"dialog --form, same tool: median {d['median']} B, max {d['max']}", bar, y["median"] / 32.0, ok)


def filter_huge():
    name, bar = "filter a 100 000-item picker (one keystroke)", "<= 5 ms"
    b = binary("bench", "bench_filter")
    if not b:
        return not_measured(name, bar, "bench_filter not built (src/ui/filter.c missing)")
    p, why = run([b, "100000"])
    if why or p.returncode:
        return not_measured(name, bar, why or p.stderr.strip())
    v = kv(p.stdout)
    us = float(v["filter_worst_us"])
    cg = os.path.join(HOME, "callgrind.out")
    p2, why2 = run(["valgrind", "--tool=callgrind", "--toggle-collect=bench_filter_keystroke",
                    f"--callgrind-out-file={cg}", b, "--once", "100000"])
    ir = None
    if not why2 and p2.returncode == 0:
        for line in open(cg):
            if line.startswith("summary:") or line.startswith("totals:"):
                ir = int(line.split()[1])
    irs = f"{ir / 1e6:.1f} M instructions (callgrind)" if ir else "callgrind: not measured"
    row(name, f"{us / 1000:.2f} ms worst keystroke (full scan), {irs}; filter only, the redraw is not in it",
        bar, us / 5000.0, us <= 5000.0)


def memory_and_idle():
    name50, bar50 = "memory: RSS (VmHWM) with a 50-function folder", "<= 8 MB"
    name_idle, bar_idle = "idle: wake-ups with nothing happening", "~0 (<= 1 per s), a spinner only while a request runs"
    # 11 seeded functions in the demo folder + 39 generated = 50
    steps = ["spawn", f"wait:{UI['list_text']}", "quiet:300", "rss:list", "idle:idle:3", "strace:idle:3",
             "rss:final"]
    v, why = tui(steps, endpoint_args(fn_by_id=False), generate=39)
    if why:
        not_measured(name50, bar50, why)
        not_measured(name_idle, bar_idle, why)
    else:
        kb = int(v["final_hwm_kb"])
        row(name50, f"{kb / 1024:.1f} MB (now: {int(v['final_anon_kb']) / 1024:.1f} MB anonymous + "
            f"{int(v['final_file_kb']) / 1024:.1f} MB of mapped program and libraries)", bar50, kb / 8192.0, kb <= 8192)
        w = float(v["idle_wakeups_per_s"])
        sc = float(v["idle_syscalls_per_s"]) if "idle_syscalls_per_s" in v else None
        scs = f"{sc:.1f} syscalls/s" if sc is not None else "syscalls not counted (strace not installed)"
        row(name_idle, f"{w:.1f} context switches/s, {scs} over 3 s idle on the function list; "
            f"{v['idle_bytes']} B written", bar_idle, None, w <= 1.0 and (sc is None or sc <= 2.0))
    name_sa, bar_sa = "memory: RSS (VmHWM) with 100 000 service accounts loaded", "<= 64 MB"
    if not UI["sa_picker_keys"]:
        return not_measured(name_sa, bar_sa, "the keys that open the service-account picker are not known yet")
    steps = ["spawn"] + waits(UI["editor_data"]) + [f"key:{k}" for k in UI["sa_picker_keys"]] + \
        [f"wait:{UI['sa_picker_text']}", f"type:{UI['sa_last']}", f"wait:{UI['sa_last']} (", "quiet:300", "rss:sa"] + \
        ["key:Backspace"] * len(UI["sa_last"]) + ["quiet:300", "t0", "type:9", "settle:filter"]
    v, why = tui(steps, endpoint_args(), generate=100000)
    if why:
        return not_measured(name_sa, bar_sa, why)
    kb = int(v["sa_hwm_kb"])
    row(name_sa, f"{kb / 1024:.1f} MB (now: {int(v['sa_anon_kb']) / 1024:.1f} MB anonymous + "
        f"{int(v['sa_file_kb']) / 1024:.1f} MB mapped files)", bar_sa, kb / 65536.0, kb <= 65536)
    ms = float(v["filter_ms"])
    row("filter a 100 000-item picker, in ycfn (keystroke -> last byte on screen)",
        f"{ms:.1f} ms, {v['filter_bytes']} B written (pty clock, includes the pty round trip)", "<= 5 ms",
        ms / 5.0, ms <= 5.0)


NOTES = """## How each row is measured

- **Editor**: `bench/bench_tui` starts the emulator in its own process (so ycfn's memory and wake-ups
  are ycfn's alone), sets 50 ms latency on every route, starts `ycfn --endpoint ... --function-id ...`
  in a pty and stops the clock when the entry point (the version) and the async service account's
  name (the service accounts) are both on the screen. The same with 0 ms gives the program's own
  start-up; (50 ms time - 0 ms time) / 50 = round trips on the critical path. Timings move with the
  machine's load (5 runs, median): on this shared 2-core machine earlier runs under a load average of
  4-8 gave medians of 135-147 ms, so this row sits at the bar, not comfortably under it.
- **Deploy**: the emulator's operation is done 1 s after createVersion; Enter on the review screen
  starts the clock, "Done. New version:" on the screen stops it. Requests are the emulator's log
  between the two; connections are the emulator's count of new TCP connections.
- **Bytes per keystroke**: `tests/pty/pty_keystroke_bytes` (the pty harness's tool) types 200 keys into
  the retries field of `ycfn --demo`, and into `dialog --form`, the same way in the same run.
- **Filter**: `bench/bench_filter` times `ui_filter()` (src/ui/filter.c, the UI's own code) on 100 000
  names; the first keystroke scans them all and is the worst. Instructions: callgrind with
  `--toggle-collect=bench_filter_keystroke`. The in-ycfn row opens the service-account picker of a
  folder with 100 000 accounts and times a keystroke to the last byte written.
- **Memory**: VmHWM of the ycfn process from /proc; RssAnon/RssFile show how much of it is the
  program's own heap and how much the mapped program and shared libraries (libcrypto, libcurl,
  libxml2, ncursesw...).
- **Idle**: context switches of all of ycfn's threads, and `strace -c -f` system calls, over 3 s with
  no input and no request running.

"""


def machine():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = open("/proc/loadavg").read().split()[0]
    return f"{os.cpu_count()} cores, {cpu}, Linux {platform.release()}, load average {load} at the start"


def main():
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    where = machine()
    print(f"bench: {started}, {where}, build {BUILD}", flush=True)
    for f in (editor_time, deploy, keystroke_bytes, filter_huge, memory_and_idle):
        try:
            f()
        except Exception as e:  # a broken scenario is a row not measured, not a crash of the bench
            not_measured(f.__name__, "", f"bench error: {e!r}")
    head = ("row", "measured", "bar", "ratio", "result")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c).replace("|", "/") for c in r) + " |" for r in ROWS]
    table = "\n".join(lines)
    print("\n" + table)
    met = sum(r[4] == "pass" for r in ROWS)
    print(f"\n{met} of {len(ROWS)} bars met, {sum(r[4] == 'FAIL' for r in ROWS)} not met, "
          f"{sum(r[4] == 'not measured' for r in ROWS)} not measured")
    if OUT:
        with open(OUT, "w") as f:
            f.write(f"# Benchmark results (scripts/bench)\n\nMeasured {started} on {where}, "
                    f"Release build, by `scripts/bench`. ratio = measured / bar (lower is better).\n\n")
            f.write(table + "\n\n")
            f.write(f"{met} of {len(ROWS)} bars met.\n\n{NOTES}\nThe commands it ran:\n\n```\n" + "\n".join(LOG) + "\n```\n")
        print(f"written to {OUT}")


if __name__ == "__main__":
    main()
