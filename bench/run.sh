#!/usr/bin/env bash
# Benchmarks safesite against Hugo (Debian's `hugo`) on the synthetic partnership corpora
# of bench/make_corpus.py, run on demand, never as a test:
#
#     bench/run.sh [PAGES...]        # default: 1000 10000
#     BIN=/path/to/safesite bench/run.sh   # time another build, e.g. an older commit's
#
# For each corpus: full builds of safesite and Hugo run alternately (RUNS times each,
# default 5) with the corpus and the output on tmpfs (/dev/shm), reporting the median
# wall time, the ratio safesite/Hugo and the median peak memory (RSS) of each; then the
# time safesite takes to build again after one page is edited. Prints a Markdown table
# for bench/RESULTS.md. Then the cold build of the example site, and the edit-to-reload
# latency of `serve` on each corpus (bench/serve_latency.py).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CORPUS_SCRIPT=${CORPUS_SCRIPT:-bench/make_corpus.py}
[ -f "$CORPUS_SCRIPT" ] || { echo "no corpus generator at $CORPUS_SCRIPT (set CORPUS_SCRIPT)" >&2; exit 1; }
command -v hugo >/dev/null || { echo "hugo is not installed: apt-get install hugo" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed: apt-get install time" >&2; exit 1; }
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=$PWD/target/release/safesite
fi
TMP=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# measure CMD... → prints "milliseconds kilobytes"
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$TMP/rss" "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(cat "$TMP/rss")"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "| pages | safesite (ms) | Hugo (ms) | ratio | safesite peak (MB) | Hugo peak (MB) | one-page rebuild (ms) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for pages in "${@:-1000 10000}"; do
  for n in $pages; do
    corpus="$TMP/c$n"
    python3 "$CORPUS_SCRIPT" --pages "$n" --out "$corpus" >/dev/null
    : > "$TMP/s"; : > "$TMP/h"
    for _ in $(seq "$RUNS"); do
      measure "$BIN" build --root "$corpus" -o "$TMP/out-s" >> "$TMP/s"
      (cd "$corpus" && measure hugo --quiet -d "$TMP/out-h") >> "$TMP/h"
    done
    s_ms=$(cut -d' ' -f1 "$TMP/s" | median); h_ms=$(cut -d' ' -f1 "$TMP/h" | median)
    s_kb=$(cut -d' ' -f2 "$TMP/s" | median); h_kb=$(cut -d' ' -f2 "$TMP/h" | median)
    : > "$TMP/r"
    for _ in $(seq "$RUNS"); do
      python3 "$CORPUS_SCRIPT" --touch "$corpus" >/dev/null
      measure "$BIN" build --root "$corpus" -o "$TMP/out-s" >> "$TMP/r"
    done
    r_ms=$(cut -d' ' -f1 "$TMP/r" | median)
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$s_ms" "$h_ms" \
      "$(awk -v a="$s_ms" -v b="$h_ms" 'BEGIN {printf "%.2f", a / b}')" \
      "$((s_kb / 1024))" "$((h_kb / 1024))" "$r_ms"
  done
done

echo
echo "Cold build of the example site (this repository), median of $RUNS:"
: > "$TMP/e"
for _ in $(seq "$RUNS"); do
  rm -rf "$TMP/out-e"
  measure "$BIN" build -o "$TMP/out-e" >> "$TMP/e"
done
echo "$(cut -d' ' -f1 "$TMP/e" | median) ms, peak $(( $(cut -d' ' -f2 "$TMP/e" | median) / 1024 )) MB"

echo
echo "Edit to reload in serve (bench/serve_latency.py):"
python3 bench/serve_latency.py "$BIN" "$CORPUS_SCRIPT" "$TMP" ${@:-1000 10000}
