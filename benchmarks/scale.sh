#!/usr/bin/env bash
# The scale run: generate N reports (default 1,000,000, 2-3 KB each) and audit them end to end with
# the CLI, recording wall time and peak memory of the parent and of the worker processes.
#
#   benchmarks/scale.sh                 # 1,000,000 reports, --jobs 2
#   benchmarks/scale.sh 100000          # a tenth, to try it first
#   JOBS=4 WORK=/data/ds benchmarks/scale.sh 1000000
#
# Environment: JOBS (2), SEED (1), WORK (${TMPDIR:-/tmp}/datesync-scale: the corpus, about 2.7 GB for
# 1M reports, and the reports go there), PYTHON (python), REGENERATE=1 to rebuild an existing corpus.
# Targets (issue): 1M reports in under 10 minutes on 2 cores with --jobs 2, peak RSS under 1 GB.
set -euo pipefail

COUNT=${1:-1000000}
JOBS=${JOBS:-2}
SEED=${SEED:-1}
PYTHON=${PYTHON:-python}
WORK=${WORK:-${TMPDIR:-/tmp}/datesync-scale}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "note: /usr/bin/time not found; using rsswatch figures only" >&2; TIME=""; }

mkdir -p "$WORK"
CORPUS="$WORK/corpus-$COUNT-seed$SEED.jsonl"
OUT="$WORK/out-$COUNT-jobs$JOBS"
LOG="$WORK/scale-$COUNT-jobs$JOBS"

echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores," \
     "$("$PYTHON" -c 'import platform; print("Python", platform.python_version())')"
echo "== load average: $(cut -d" " -f1-3 /proc/loadavg) (other work running would slow this down)"
echo "== datesync: $("$PYTHON" -c 'import datesync; print(datesync.__version__, datesync.__file__)')"
echo "== git: $(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo '?')" \
     "$(git -C "$HERE/.." status --porcelain 2>/dev/null | grep -q . && echo '(working tree has changes)')"

if [ ! -s "$CORPUS" ] || [ "${REGENERATE:-0}" = 1 ]; then
  echo "== generating $COUNT reports -> $CORPUS"
  "$PYTHON" "$HERE/generate.py" --count "$COUNT" --seed "$SEED" --output "$CORPUS.tmp"
  mv "$CORPUS.tmp" "$CORPUS"
else
  echo "== reusing $CORPUS (REGENERATE=1 to rebuild)"
fi
echo "   $(du -h "$CORPUS" | cut -f1) on disk"

rm -rf "$OUT"
CMD=("$PYTHON" -m datesync audit "$CORPUS" --jobs "$JOBS" --format csv --output "$OUT.findings.csv"
     --report "$OUT" --fail-on never --quiet)
echo "== ${CMD[*]}"
# rsswatch samples the parent and every worker (psutil); /usr/bin/time -v around it reports the
# largest single process's peak (the kernel's maxrss over the process and the children it waited
# for, a maximum and not a sum).
set +e
if [ -n "$TIME" ]; then
  "$TIME" -v "$PYTHON" "$HERE/rsswatch.py" --interval 0.5 --json "$LOG.json" -- "${CMD[@]}" 2> "$LOG.stderr"
else
  "$PYTHON" "$HERE/rsswatch.py" --interval 0.5 --json "$LOG.json" -- "${CMD[@]}" 2> "$LOG.stderr"
fi
STATUS=$?
set -e
cat "$LOG.stderr" | grep -v -E '^\s+(Average|Socket|Signals|Swaps|File system|Page size|Minor|Major|Voluntary|Involuntary|Exit status|Percent|System time|User time)' || true
[ $STATUS -eq 0 ] || { echo "audit failed (exit $STATUS); see $LOG.stderr" >&2; exit $STATUS; }

"$PYTHON" - "$LOG.json" "$OUT" "$COUNT" <<'EOF'
import csv, json, sys
from pathlib import Path
log, out, count = json.load(open(sys.argv[1])), Path(sys.argv[2]), int(sys.argv[3])
rows = lambda name: sum(1 for _ in csv.reader(open(out / name, encoding="utf-8-sig"))) - 1
MiB = 2**20
wall, tree = log["wall_s"], max(log["tree_peak"], log["maxrss_wait4"])
print(f"== result: {count:,} reports in {wall:,.1f} s = {count / wall:,.0f} reports/s")
print(f"   parent peak {log['parent_peak'] / MiB:,.0f} MiB, worker peak {log['worker_peak'] / MiB:,.0f} MiB, "
      f"tree peak {log['tree_peak'] / MiB:,.0f} MiB (sampled); maxrss {log['maxrss_wait4'] / MiB:,.0f} MiB (kernel)")
print(f"   mentions {rows('mentions.csv'):,}, events {rows('events.csv'):,}, findings {rows('findings.csv'):,}")
scale = 1_000_000 / count
print(f"   linear extrapolation to 1,000,000 reports: {wall * scale / 60:,.1f} min "
      f"(target < 10 min: {'PASS' if wall * scale < 600 else 'FAIL'})")
per_report = max(0, log["parent_peak"] - log["worker_peak"]) / count  # the worker's RSS ~ the fixed part
at_1m = tree + per_report * (1_000_000 - count)
print(f"   peak memory: {tree / MiB:,.0f} MiB at {count:,} reports (target < 1024 MiB at 1M: "
      f"{'PASS' if tree < 2**30 else 'FAIL'} so far)")
if count < 1_000_000 and log["samples"]:
    print(f"   the parent grows about {per_report / 1024:,.1f} KiB per report (it keeps every event mention and "
          f"finding); linear extrapolation to 1,000,000: {at_1m / MiB:,.0f} MiB "
          f"({'PASS' if at_1m < 2**30 else 'FAIL'})")
if log.get("workers_last_s") is not None:
    tail = wall - log["workers_last_s"]
    print(f"   parent alone after the workers finished: {tail:,.1f} s (grouping events, writing reports); "
          "this part is not linear in the corpus size, see README")
EOF
