#!/usr/bin/env bash
# Alternates two commands N times and prints the median wall time of each:
# on a shared machine whose speed drifts by a third from minute to minute,
# a ratio of medians from alternating runs is the figure to report.
# Usage: bench/alt.sh N CMD-A... -- CMD-B...
#   bench/alt.sh 7 ./procx extract --format jsonl -q archive -- grep -c "" -r archive
set -euo pipefail
n=$1; shift
a=(); b=(); side=a
for x in "$@"; do
  if [ "$x" = "--" ]; then side=b; continue; fi
  if [ $side = a ]; then a+=("$x"); else b+=("$x"); fi
done
[ ${#a[@]} -gt 0 ] && [ ${#b[@]} -gt 0 ] || { echo "usage: bench/alt.sh N CMD-A... -- CMD-B..." >&2; exit 2; }
secs() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
ta=(); tb=()
for _ in $(seq "$n"); do ta+=("$(secs "${a[@]}")"); tb+=("$(secs "${b[@]}")"); done
median() { printf "%s\n" "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ma=$(median "${ta[@]}"); mb=$(median "${tb[@]}")
echo "A: median ${ma} ms of ${ta[*]}"
echo "B: median ${mb} ms of ${tb[*]}"
awk -v a="$ma" -v b="$mb" 'BEGIN { if (a > 0) printf "B/A: %.2f\n", b / a }'
