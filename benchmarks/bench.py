#!/usr/bin/env python3
"""datesync throughput benchmark: one run, one corpus, every figure measured on the same text.

Corpus: the bundled samples (data/samples/*.txt), ../shared/seeds/*.txt when present, and N
reports from benchmarks/generate.py (--generated, default 2000), so the text is realistic
Persian/Arabic/English agency prose.

Figures:
- datesync.extract(text): documents/s, MB/s (UTF-8), per-document latency median/p99;
- datesync's tokenizer pass alone (its one compiled lexicon pattern): the share of the work that
  is a single regex scan;
- the floor: one pass of re.compile(r"\\d+").findall over the same texts, and datesync's ratio to it;
- dateparser.search_dates(text, languages=["fa", "ar", "en"]) on a subset (--dateparser-docs), and
  datesync on the same subset: the ratio datesync/dateparser;
- datesync.audit over the whole corpus in this process, and `datesync audit` (the CLI) end to end
  in a subprocess with --jobs 1 and --jobs 2, with peak RSS;
- `import datesync` time in a fresh interpreter (best of 5) and the slowest imports;
- peak RSS of this process (ru_maxrss; psutil when available); the machine.

extract() gets the text only (no published date, no language), as dateparser does. Timings use
time.perf_counter after a warm-up; throughput is reported as best-of-k and median-of-k passes.

    python benchmarks/bench.py                     # defaults
    python benchmarks/bench.py --generated 5000 --repeat 5 --json
    pip install ".[bench]"                         # dateparser and psutil
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import rsswatch  # noqa: E402

try:
    import psutil
except ImportError:
    psutil = None

MB = 1e6
MiB = 2**20


# -- corpus ----------------------------------------------------------------------------------------


def corpus(generated: int, seed: int) -> tuple[list[dict], dict[str, int]]:
    docs: list[dict] = []
    counts = {"samples": 0, "seeds": 0, "generated": 0}
    for folder, key in ((REPO / "data" / "samples", "samples"), (REPO.parent / "shared" / "seeds", "seeds")):
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                docs.append(
                    {
                        "id": f"{key}/{path.name}",
                        "text": path.read_text(encoding="utf-8"),
                        "source": path.stem,
                        "published": None,
                        "lang": None,
                    }
                )
                counts[key] += 1
    for record in generate.reports(generated, seed=seed):
        docs.append(record)
        counts["generated"] += 1
    return docs, counts


# -- measuring -------------------------------------------------------------------------------------


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def passes(fn, texts: list[str], repeat: int, per_doc: bool = False) -> tuple[list[float], list[float]]:
    """Wall time of each of `repeat` passes of fn over texts; per-document times of all passes."""
    clock = time.perf_counter
    walls, latencies = [], []
    for _ in range(repeat):
        if per_doc:
            times = []
            start = clock()
            for text in texts:
                t0 = clock()
                fn(text)
                times.append(clock() - t0)
            walls.append(clock() - start)
            latencies += times
        else:
            start = clock()
            for text in texts:
                fn(text)
            walls.append(clock() - start)
    return walls, latencies


def stages(texts: list[str], repeat: int, floor_s: float) -> list[dict]:
    """Where extract's time goes: each stage timed as the difference between cumulative passes
    (guess; guess + prepare; ... ; the whole extract), as × the floor's time."""
    import datesync
    from datesync import analysis, languages, normalize, scan

    langs = [languages.guess(t) for t in texts]
    pairs = list(zip(texts, langs, strict=True))

    def windows(pair):
        return list(normalize.windows(pair[0]))

    def tokens(pair):
        return [scan.tokens(p.text, pair[1]) for _, p in normalize.windows(pair[0])]

    cumulative = [  # each pass does the work of the one before it, and one stage more
        lambda pair: languages.guess(pair[0]),
        windows,
        tokens,
        lambda pair: analysis.find_all(pair[0], pair[1]),
        lambda pair: datesync.extract(pair[0]),
    ]
    guess, prepare, tokenize, grammar, extract = (min(passes(fn, pairs, repeat)[0]) for fn in cumulative)
    own = {
        "language guess": guess,
        "prepare (windows, folding)": prepare,
        "tokens (candidates + lexicon pattern)": tokenize - prepare,
        "grammar (tokens to raw dates)": grammar - tokenize,
        "reference, resolution, records": extract - grammar - guess,  # extract guesses the language too
    }
    return [{"stage": name, "best_s": s, "over_floor": s / floor_s} for name, s in own.items()]


def identity(texts: list[str]) -> dict:
    """The candidate finder yields exactly the tokens of the lexicon pattern run everywhere."""
    from datesync import candidates, normalize, scan

    lex = scan.lexicon()
    checked = differing = 0
    for text in texts:
        for _, prepared in normalize.windows(text):
            fast = [m.span() for m in candidates.matches(lex.pattern, lex.starts, prepared.text)]
            reference = [m.span() for m in lex.pattern.finditer(prepared.text)]
            checked += len(reference)
            differing += fast != reference
    return {"tokens_checked": checked, "windows_differing": differing, "identical": differing == 0}


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    memory = None
    if psutil is not None:
        memory = psutil.virtual_memory().total
    git = "?"
    try:
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        git = rev + (" (modified)" if dirty else "") if rev else "?"
    except OSError:
        pass
    return {
        "git": git,
        "load_average": os.getloadavg(),
        "cpu_busy_before_pct": psutil.cpu_percent(interval=1.0) if psutil is not None else None,
        "cpu": model,
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "memory_bytes": memory,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }


def import_time(repeat: int = 5) -> dict:
    code = "import time; t=time.perf_counter(); import datesync; print(time.perf_counter()-t)"
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        runs.append(float(out.stdout.strip()))
    slowest = []
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import datesync"], capture_output=True, text=True
    )
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), len(m.group(3)), m.group(4)))
    for cumulative, depth, name in sorted(rows, reverse=True)[:8]:
        slowest.append({"module": name, "cumulative_s": cumulative / 1e6, "depth": (depth - 1) // 2})
    # time to the first result: patterns compiled from the lexicons on first use (in every process)
    first = (
        "import time; t=time.perf_counter(); import datesync; a=time.perf_counter(); "
        "datesync.extract('20 November 2023'); b=time.perf_counter(); "
        "datesync.audit(['Lavrov spoke by phone with Fidan on 20 November 2023.']); c=time.perf_counter(); "
        "print(a-t, b-a, c-b)"
    )
    cold = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", first], capture_output=True, text=True, check=True)
        cold.append([float(x) for x in out.stdout.split()])
    cold.sort()
    return {
        "best_s": min(runs),
        "median_s": statistics.median(runs),
        "runs_s": runs,
        "slowest": slowest,
        "first_extract_s": min(c[1] for c in cold),
        "first_audit_s": min(c[2] for c in cold),
    }


def rss_now() -> dict:
    out = {"ru_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    if psutil is not None:
        out["psutil_rss"] = psutil.Process().memory_info().rss
    return out


# -- the benchmark ---------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    results: dict = {"machine": machine(), "params": vars(args).copy()}
    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))

    say("building the corpus ...")
    started = time.perf_counter()
    docs, counts = corpus(args.generated, args.seed)
    texts = [d["text"] for d in docs]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    results["corpus"] = {
        **counts,
        "documents": len(docs),
        "bytes": nbytes,
        "chars": sum(map(len, texts)),
        "langs": {lang: sum(1 for d in docs if d.get("lang") == lang) for lang in ("fa", "ar", "en")},
        "build_s": time.perf_counter() - started,
    }

    say("import time (fresh interpreters) ...")
    results["import"] = import_time(5)

    t0 = time.perf_counter()
    import datesync

    results["import"]["in_process_s"] = time.perf_counter() - t0
    results["versions"] = {"datesync": datesync.__version__}

    # -- extract --
    say("extract ...")
    for text in texts[: min(len(texts), 200)]:  # warm-up: lexicons, compiled patterns, caches
        datesync.extract(text)
    mentions = sum(len(datesync.extract(t)) for t in texts)
    digits = re.compile(r"\d+")
    walls, lat, floor_walls = [], [], []
    for _ in range(args.repeat):  # extract and the floor interleaved: a slow spell of the machine hits both
        wall, latencies = passes(datesync.extract, texts, 1, per_doc=True)
        walls += wall
        lat += latencies
        floor_walls += passes(digits.findall, texts, 1)[0]
    lat.sort()
    best, med = min(walls), statistics.median(walls)
    results["extract"] = {
        "mentions": mentions,
        "passes_s": walls,
        "best_s": best,
        "docs_per_s": len(texts) / best,
        "docs_per_s_median": len(texts) / med,
        "mb_per_s": nbytes / MB / best,
        "mb_per_s_median": nbytes / MB / med,
        "latency_median_us": percentile(lat, 0.5) * 1e6,
        "latency_p99_us": percentile(lat, 0.99) * 1e6,
        "latency_max_us": lat[-1] * 1e6,
    }

    # -- datesync's own tokenizer pass, and the floor --
    say("regex floor ...")
    try:
        from datesync.scan import lexicon

        pattern = lexicon().pattern
        tok_walls, _ = passes(lambda t: pattern.findall(t), texts, args.repeat)
        results["tokenizer"] = {
            "best_s": min(tok_walls),
            "mb_per_s": nbytes / MB / min(tok_walls),
            "share_of_extract": min(tok_walls) / best,
        }
    except Exception as exc:  # internal API: optional
        results["tokenizer"] = {"error": repr(exc)}
    fbest = min(floor_walls)
    results["floor"] = {
        "pattern": digits.pattern,
        "best_s": fbest,
        "docs_per_s": len(texts) / fbest,
        "mb_per_s": nbytes / MB / fbest,
        "datesync_ratio": best / fbest,
    }

    say("stages and identity ...")
    results["stages"] = stages(texts, args.repeat, fbest)
    results["identity"] = identity(texts)

    # -- audit in this process --
    say("audit (in process) ...")
    audit_walls = []
    summary = ""
    for _ in range(max(1, min(args.repeat, 2))):
        t0 = time.perf_counter()
        result = datesync.audit(docs, excerpts=False)  # as the CLI does unless it writes HTML
        audit_walls.append(time.perf_counter() - t0)
        summary = repr(result)
        del result
    abest = min(audit_walls)
    results["audit"] = {
        "passes_s": audit_walls,
        "best_s": abest,
        "docs_per_s": len(docs) / abest,
        "mb_per_s": nbytes / MB / abest,
        "summary": summary,
    }
    results["rss_after_datesync"] = rss_now()

    # -- the CLI end to end, in a subprocess --
    if not args.no_cli:
        say("audit CLI (subprocess, --jobs 1 and 2) ...")
        with tempfile.TemporaryDirectory(prefix="datesync-bench-") as tmp:
            path = Path(tmp) / "corpus.jsonl"
            with open(path, "w", encoding="utf-8") as handle:
                for d in docs:
                    handle.write(
                        json.dumps({k: v for k, v in d.items() if v is not None}, ensure_ascii=False)
                    )
                    handle.write("\n")
            cli = {}
            for jobs in (1, 2):
                cmd = [
                    sys.executable,
                    "-m",
                    "datesync",
                    "audit",
                    str(path),
                    "--jobs",
                    str(jobs),
                    "--format",
                    "csv",
                    "--output",
                    os.devnull,
                    "--report",
                    str(Path(tmp) / f"out{jobs}"),
                    "--fail-on",
                    "never",
                    "--quiet",
                ]
                runs = [
                    rsswatch.run(cmd, interval=0.05, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    for _ in range(args.cli_repeat)
                ]
                r = min(runs, key=lambda x: x["wall_s"])  # best of k: the CLI runs are short and noisy
                r.pop("cmd")
                r["walls_s"] = [x["wall_s"] for x in runs]
                r["docs_per_s"] = len(docs) / r["wall_s"]
                r["mb_per_s"] = nbytes / MB / r["wall_s"]
                cli[f"jobs{jobs}"] = r
            results["audit_cli"] = cli

    # -- dateparser on a subset --
    results["dateparser"] = dateparser_part(args, docs, say)
    results["rss_final"] = rss_now()
    return results


def dateparser_part(args, docs: list[dict], say) -> dict:
    try:
        t0 = time.perf_counter()
        import dateparser
        from dateparser.search import search_dates
    except ImportError:
        return {"skipped": "dateparser is not installed: pip install '.[bench]' (or pip install dateparser)"}
    import datesync

    imported = time.perf_counter() - t0
    n = min(args.dateparser_docs, len(docs))
    if n <= 0:
        return {"skipped": "--dateparser-docs 0"}
    say(f"dateparser on {n} documents ...")
    step = len(docs) / n
    subset = [docs[int(i * step)]["text"] for i in range(n)]
    langs = ["fa", "ar", "en"]
    t0 = time.perf_counter()
    search_dates("20 November 2023 - ۲۸ آبان ۱۴۰۲ - الاثنين 20 نوفمبر", languages=langs)  # loads its data
    first_call = time.perf_counter() - t0
    dp_times, dp_found, errors = [], 0, 0
    for text in subset:
        t0 = time.perf_counter()
        try:
            found = search_dates(text, languages=langs)
        except Exception:  # dateparser raises on some inputs; count it, keep the time
            found, errors = None, errors + 1
        dp_times.append(time.perf_counter() - t0)
        dp_found += len(found or ())
    ds_runs = []
    for _ in range(3):
        times = []
        for text in subset:
            t0 = time.perf_counter()
            datesync.extract(text)
            times.append(time.perf_counter() - t0)
        ds_runs.append(times)
    ds_times = [statistics.median(col) for col in zip(*ds_runs, strict=True)]  # per document, median of 3
    ds_found = sum(len(datesync.extract(t)) for t in subset)
    per_doc = sorted(dp / ds for dp, ds in zip(dp_times, ds_times, strict=True))
    return {
        "version": dateparser.__version__,
        "documents": n,
        "import_s": imported,
        "first_call_s": first_call,
        "total_s": sum(dp_times),
        "docs_per_s": n / sum(dp_times),
        "dates_found": dp_found,
        "errors": errors,
        "datesync_total_s": sum(ds_times),
        "datesync_docs_per_s": n / sum(ds_times),
        "datesync_mentions": ds_found,
        "ratio": sum(dp_times) / sum(ds_times),
        "ratio_per_doc_median": statistics.median(per_doc),
        "ratio_per_doc_min": per_doc[0],
        "ratio_per_doc_max": per_doc[-1],
    }


# -- output ----------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def table(r: dict) -> str:
    m, c, e, f = r["machine"], r["corpus"], r["extract"], r["floor"]
    imp, dp = r["import"], r["dateparser"]
    lines: list[str] = []
    add = lines.append

    def row(label: str, value: str, note: str = "") -> None:
        add(f"  {label:<38} {value:>22}  {note}".rstrip())

    add("datesync benchmark")
    add("=" * 100)
    add(
        f"machine   {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable)"
        + (f", {m['memory_bytes'] / 2**30:.1f} GiB RAM" if m.get("memory_bytes") else "")
    )
    add(f"python    {m['implementation']} {m['python']} on {m['platform']}")
    add(
        f"datesync  {r['versions']['datesync']} (git {m['git']})"
        + (f"; dateparser {dp['version']}" if "version" in dp else "")
    )
    load, busy = m["load_average"], m.get("cpu_busy_before_pct")
    add(
        f"load      {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1/5/15 min)"
        + (f"; CPU {busy:.0f}% busy in the second before the start" if busy is not None else "")
        + ("  (other work was running: figures may be low)" if busy is not None and busy > 15 else "")
    )
    add("")
    add("corpus")
    row(
        "documents",
        f"{c['documents']:,}",
        f"samples {c['samples']}, seeds {c['seeds']}, generated {c['generated']:,} "
        f"(fa {c['langs']['fa']:,} / ar {c['langs']['ar']:,} / en {c['langs']['en']:,})",
    )
    row(
        "size",
        f"{c['bytes'] / MB:,.2f} MB",
        f"UTF-8; {c['chars'] / c['documents']:,.0f} characters/doc on average",
    )
    add("")
    add(f"datesync.extract(text)   (text only; best of {len(e['passes_s'])} passes, median in brackets)")
    row("throughput", f"{e['docs_per_s']:,.0f} docs/s", f"({e['docs_per_s_median']:,.0f})")
    row("", f"{e['mb_per_s']:,.2f} MB/s", f"({e['mb_per_s_median']:,.2f})")
    row("latency per document, median", f"{e['latency_median_us']:,.0f} µs")
    row("latency per document, p99", f"{e['latency_p99_us']:,.0f} µs", f"max {e['latency_max_us']:,.0f} µs")
    row("mentions found", f"{e['mentions']:,}", f"{e['mentions'] / c['documents']:.1f} per document")
    add("")
    add("floor: one pass of one precompiled regex over the same texts, interleaved with extract's passes")
    row(
        f're.compile(r"{f["pattern"]}").findall',
        f"{f['mb_per_s']:,.1f} MB/s",
        f"{f['docs_per_s']:,.0f} docs/s",
    )
    tok = r.get("tokenizer", {})
    if "best_s" in tok:
        row(
            "datesync's lexicon pattern alone",
            f"{tok['mb_per_s']:,.2f} MB/s",
            f"{tok['share_of_extract']:.0%} of extract's time",
        )
    row(
        "datesync / floor (time ratio)",
        f"{f['datesync_ratio']:,.1f}×",
        f"target < 10×: {verdict(f['datesync_ratio'] < 10)}",
    )
    add("")
    add("where extract's time goes   (each stage as × the floor's time)")
    for st in r.get("stages", []):
        row(st["stage"], f"{st['over_floor']:,.1f}×", f"{st['best_s'] / c['documents'] * 1e6:,.0f} µs/doc")
    ident = r.get("identity", {})
    if ident:
        row(
            "identity: candidates vs pattern everywhere",
            f"{ident['tokens_checked']:,} tokens",
            f"{ident['windows_differing']} windows differ: {verdict(ident['identical'])}",
        )
    add("")
    add("dateparser.search_dates(text, languages=['fa','ar','en'])   (subset, same texts for both)")
    if "skipped" in dp:
        row("skipped", "", dp["skipped"])
    else:
        row("documents", f"{dp['documents']:,}", "evenly spaced over the corpus")
        row(
            "dateparser",
            f"{dp['docs_per_s']:,.1f} docs/s",
            f"{dp['dates_found']:,} dates; import {dp['import_s']:.2f} s, "
            f"first call {dp['first_call_s']:.2f} s" + (f"; {dp['errors']} errors" if dp["errors"] else ""),
        )
        row("datesync", f"{dp['datesync_docs_per_s']:,.0f} docs/s", f"{dp['datesync_mentions']:,} mentions")
        row(
            "datesync / dateparser throughput",
            f"{dp['ratio']:,.0f}×",
            f"target ≥ 45×: {verdict(dp['ratio'] >= 45)}",
        )
        row(
            "  per document: median (min-max)",
            f"{dp['ratio_per_doc_median']:,.0f}×",
            f"({dp['ratio_per_doc_min']:,.0f}× - {dp['ratio_per_doc_max']:,.0f}×)",
        )
    add("")
    a = r["audit"]
    add("audit end to end")
    row(
        "datesync.audit(docs), in process",
        f"{a['docs_per_s']:,.0f} docs/s",
        f"{a['mb_per_s']:,.2f} MB/s; {a['summary']}",
    )
    for key, cli in r.get("audit_cli", {}).items():
        jobs = key[4:]
        row(
            f"datesync audit --jobs {jobs} (CLI, subprocess)",
            f"{cli['docs_per_s']:,.0f} docs/s",
            f"wall {cli['wall_s']:.2f} s incl. start-up (best of {len(cli['walls_s'])}: "
            + ", ".join(f"{w:.2f}" for w in cli["walls_s"])
            + f"); maxrss {cli['maxrss_wait4'] / MiB:,.0f} MiB"
            + (f", tree peak {cli['tree_peak'] / MiB:,.0f} MiB" if cli.get("samples") else "")
            + ("" if cli["returncode"] == 0 else f"; EXIT {cli['returncode']}"),
        )
    add("")
    add("start-up and memory")
    row(
        "import datesync (fresh interpreter)",
        f"{imp['best_s'] * 1000:,.0f} ms",
        f"best of {len(imp['runs_s'])}, median {imp['median_s'] * 1000:,.0f} ms; "
        f"target < 300 ms: {verdict(imp['best_s'] < 0.3)}",
    )
    row(
        "first extract() after import",
        f"{imp['first_extract_s'] * 1000:,.0f} ms",
        "compiles the lexicon pattern (paid once per process, workers included)",
    )
    row(
        "first audit() after that",
        f"{imp['first_audit_s'] * 1000:,.0f} ms",
        "compiles the actor/trigger pattern (once per process)",
    )
    if imp["slowest"]:
        top = ", ".join(f"{s['module']} {s['cumulative_s'] * 1000:.0f}" for s in imp["slowest"][:6])
        add(f"  {'':<38} {'':>22}  slowest imports (cumulative ms): {top}")
    ra, rf = r["rss_after_datesync"], r["rss_final"]
    row(
        "peak RSS, this process, datesync parts",
        f"{ra['ru_maxrss'] / MiB:,.0f} MiB",
        "ru_maxrss; corpus in memory and one Audit of it"
        + (f"; psutil RSS now {ra['psutil_rss'] / MiB:,.0f} MiB" if "psutil_rss" in ra else ""),
    )
    row(
        "peak RSS, this process, at the end",
        f"{rf['ru_maxrss'] / MiB:,.0f} MiB",
        "includes dateparser"
        + (f"; psutil RSS now {rf['psutil_rss'] / MiB:,.0f} MiB" if "psutil_rss" in rf else ""),
    )
    add("=" * 100)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", type=int, default=2000, help="generated reports to add (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed passes for extract and the floor (default 3)"
    )
    parser.add_argument(
        "--dateparser-docs", type=int, default=50, help="documents for dateparser (default 50)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI audit subprocess runs")
    parser.add_argument(
        "--cli-repeat", type=int, default=3, help="CLI runs per --jobs setting, best kept (default 3)"
    )
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="PATH",
        help="also print the figures as JSON (to stdout, or to PATH)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    results = run(args)
    print(table(results))
    if args.json:
        payload = json.dumps(results, indent=2, ensure_ascii=False, default=str)
        if args.json == "-":
            print(payload)
        else:
            Path(args.json).write_text(payload + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
