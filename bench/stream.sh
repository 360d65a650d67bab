#!/usr/bin/env bash
# Prints the README's table of MB/s and peak RSS for one large generated
# input per format and size, for a procx binary and a baseline binary run
# on the same files one after the other. Inputs over 256 MiB that a binary
# reads whole are refused by it (--max-file-size) and not run.
# Usage: bench/stream.sh PROCX BASELINE [DIR]    (SIZES="10 100 1000" MB)
set -euo pipefail
procx=$1; base=$2; dir=${3:-/tmp/bw}
sizes=${SIZES:-"10 100 1000"}
mkdir -p "$dir"
go build -o "$dir/gendblp" ./bench/gendblp
sample=../shared/corpus/dblp-xml/dblp-sample.xml
# measure BIN STREAMS FILE ARGS...: "MB/s | MiB" of one run, or "refused".
measure() {
  local bin=$1 streams=$2 f=$3; shift 3
  local size; size=$(stat -c %s "$f")
  if [ "$streams" = no ] && [ "$size" -gt $((256 << 20)) ]; then echo "refused | refused"; return; fi
  /usr/bin/time -o "$dir/time.out" -f "%e %M" "$bin" "$@" "$f" >/dev/null 2>&1 || true
  read -r secs kb < <(tail -1 "$dir/time.out")
  awk -v b="$size" -v s="$secs" -v k="$kb" 'BEGIN { printf "%.1f | %d\n", b / 1e6 / s, k / 1024 }'
}
echo "| input | procx MB/s | procx peak RSS MiB | baseline MB/s | baseline peak RSS MiB |"
echo "|---|---|---|---|---|"
for mb in $sizes; do
  f="$dir/dblp-${mb}MB.xml"
  [ -f "$f" ] || "$dir/gendblp" -in "$sample" -size "$((mb * 1000000))" -o "$f"
  for cmd in "extract --format jsonl -q" "lint --format text --fail-on never -q"; do
    # shellcheck disable=SC2086
    echo "| dblp XML ${mb} MB, \`${cmd% -q}\` | $(measure "$procx" yes "$f" $cmd) | $(measure "$base" no "$f" $cmd) |"
  done
  if [ $((mb * 1000000)) -gt $((256 << 20)) ]; then
    echo "| BibTeX ${mb} MB, \`extract --format jsonl\` | refused | refused | refused | refused |"
    continue
  fi
  b="$dir/bib-${mb}MB/big.bib"
  # gen writes about 550 bytes an entry.
  mkdir -p "$dir/bib-${mb}MB"
  [ -f "$b" ] || go run ./fixtures/gen -volumes 1 -papers 1 -bib "$((mb * 1000000 / 550))" -o "$dir/bib-${mb}MB/archive" >/dev/null 2>&1
  # shellcheck disable=SC2086
  echo "| BibTeX ${mb} MB, \`extract --format jsonl\` | $(measure "$procx" no "$b" extract --format jsonl -q) | $(measure "$base" no "$b" extract --format jsonl -q) |"
done
