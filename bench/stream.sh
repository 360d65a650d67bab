#!/usr/bin/env bash
# Prints the README's table of MB/s and peak RSS for one large generated
# input per format and size, for a procx binary and a baseline binary run
# on the same files one after the other. Inputs over 256 MiB that a binary
# reads whole are refused by it (--max-file-size) and not run.
# Usage: bench/stream.sh PROCX BASELINE [DIR]    (SIZES="10 100 1000" MB,
#        FORMATS="dblp acl bibtex")
set -euo pipefail
procx=$1; base=$2; dir=${3:-/tmp/bw}
sizes=${SIZES:-"10 100 1000"}
formats=${FORMATS:-"dblp acl bibtex"}
mkdir -p "$dir"
go build -o "$dir/gendblp" ./bench/gendblp
sample=../shared/corpus/dblp-xml/dblp-sample.xml
aclsample=../shared/corpus/acl-xml/2020.acl.xml
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
  for cmd in "extract --format jsonl -q" "lint --format text --fail-on never -q"; do
    case " $formats " in *" dblp "*) ;; *) break ;; esac
    [ -f "$f" ] || "$dir/gendblp" -in "$sample" -size "$((mb * 1000000))" -o "$f"
    # shellcheck disable=SC2086
    echo "| dblp XML ${mb} MB, \`${cmd% -q}\` | $(measure "$procx" yes "$f" $cmd) | $(measure "$base" no "$f" $cmd) |"
  done
  a="$dir/acl-${mb}MB.xml"
  for cmd in "extract --format jsonl -q" "lint --format text --fail-on never -q"; do
    case " $formats " in *" acl "*) ;; *) break ;; esac
    [ -f "$a" ] || "$dir/gendblp" -acl -in "$aclsample" -size "$((mb * 1000000))" -o "$a"
    # shellcheck disable=SC2086
    echo "| ACL XML ${mb} MB, \`${cmd% -q}\` | $(measure "$procx" yes "$a" $cmd) | $(measure "$base" no "$a" $cmd) |"
  done
  case " $formats " in *" bibtex "*) ;; *) continue ;; esac
  b="$dir/bib-${mb}MB/big.bib"
  # gen writes about 556 bytes an entry.
  mkdir -p "$dir/bib-${mb}MB"
  [ -f "$b" ] || go run ./fixtures/gen -volumes 1 -papers 1 -bib "$((mb * 1000000 / 556))" -o "$dir/bib-${mb}MB/archive" >/dev/null 2>&1
  for cmd in "extract --format jsonl -q" "lint --format text --fail-on never -q"; do
    # shellcheck disable=SC2086
    echo "| BibTeX ${mb} MB, \`${cmd% -q}\` | $(measure "$procx" yes "$b" $cmd) | $(measure "$base" no "$b" $cmd) |"
  done
done
