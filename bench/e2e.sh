#!/usr/bin/env bash
# End-to-end benchmark: generates a 100,000-paper archive in the reference
# format, a large BibTeX volume and a long PDF, runs procx on each and prints
# papers/s, MB/s and peak RSS next to baselines measured in the same run:
#   - grep -c over the same files (the cost of merely scanning them),
#   - pdftotext on the same PDF (poppler-utils),
#   - citation-js converting the same BibTeX to CSL-JSON (npm), when it installs.
# Usage: bench/e2e.sh [papers] [workdir]     (defaults: 100000, a temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
papers=${1:-100000}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
volumes=$(( (papers + 14) / 15 ))
go build -o "$work/procx" ./cmd/procx
rm -rf "$work/archive"
go run ./fixtures/gen -volumes "$volumes" -papers 15 -defects 0.01 -bib 20000 -pdf 2200 -o "$work/archive"
bytes=$(du -sb "$work/archive" | cut -f1)

# run LABEL CMD...: wall seconds and peak RSS (KiB) of one command.
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
  read -r secs rss < <(tail -n 1 "$work/time")
  echo "$label $secs $rss"
}

report() { # label secs rss items unit bytes
  awk -v l="$1" -v s="$2" -v r="$3" -v n="$4" -v u="$5" -v b="$6" 'BEGIN {
    s = (s > 0 ? s : 0.001);
    printf "%-44s %8.2f s %10.0f %s/s %8.1f MB/s %8.1f MiB peak RSS\n", l, s, n / s, u, b / s / 1e6, r / 1024 }'
}

# ratio LABEL A B: A/B, to compare with a baseline of the same run.
ratio() { awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN { b = (b > 0 ? b : 0.001); printf "%-44s %8.2f×\n", l, a / b }'; }

echo "archive: $papers papers in $volumes files, $((bytes / 1000000)) MB; $(nproc) cores"
read -r _ s r < <(run grep grep -c "" -r "$work/archive")
report "baseline: grep -c over the archive" "$s" "$r" "$papers" papers "$bytes"
grep_s=$s
read -r _ s r < <(run procx "$work/procx" extract --format jsonl -q "$work/archive")
report "procx extract --format jsonl (archive)" "$s" "$r" "$papers" papers "$bytes"
ratio "  procx time / grep time" "$s" "$grep_s"
read -r _ s r < <(run procx "$work/procx" lint -q --fail-on never "$work/archive")
report "procx lint (archive)" "$s" "$r" "$papers" papers "$bytes"

bib="$work/big.bib"; bibbytes=$(stat -c %s "$bib")
read -r _ s r < <(run procx "$work/procx" extract -q "$bib")
report "procx extract (BibTeX, 20,000 entries)" "$s" "$r" 20000 entries "$bibbytes"
bib_s=$s
if command -v npm >/dev/null && [ ! -d "$work/cjs/node_modules/@citation-js/plugin-bibtex" ]; then
  (mkdir -p "$work/cjs" && cd "$work/cjs" && npm init -y >/dev/null && npm install --silent @citation-js/core @citation-js/plugin-bibtex >/dev/null 2>&1) || true
fi
if [ -d "$work/cjs/node_modules/@citation-js/plugin-bibtex" ]; then
  cat >"$work/cjs/convert.js" <<'JS'
const { Cite } = require('@citation-js/core'); require('@citation-js/plugin-bibtex');
const fs = require('fs');
process.stdout.write(new Cite(fs.readFileSync(process.argv[2], 'utf8')).format('data'));
JS
  read -r _ s r < <(run citation-js node "$work/cjs/convert.js" "$bib")
  report "baseline: citation-js (BibTeX to CSL-JSON)" "$s" "$r" 20000 entries "$bibbytes"
  ratio "  citation-js time / procx time" "$s" "$bib_s"
else
  echo "baseline: citation-js could not be installed from npm; skipped"
fi

pdf="$work/long.pdf"; pdfbytes=$(stat -c %s "$pdf")
pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
if command -v pdftotext >/dev/null; then
  read -r _ s r < <(run pdftotext pdftotext "$pdf" -)
  report "baseline: pdftotext ($pages pages)" "$s" "$r" "${pages:-0}" pages "$pdfbytes"
  pdftotext_s=$s
fi
read -r _ s r < <(run procx "$work/procx" extract -q "$pdf")
report "procx extract (PDF, $pages pages)" "$s" "$r" "${pages:-0}" pages "$pdfbytes"
if [ -n "${pdftotext_s:-}" ]; then
  ratio "  pdftotext time / procx whole pipeline time" "$pdftotext_s" "$s"
  echo "  (the text stage alone: go test -run '^\$' -bench 'PDFTextLong|PdftotextLong' ./extract)"
fi

# One reference-size file, process start included.
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 -r 30 "$work/procx lint fixtures/vee21.txt" 2>/dev/null | grep -E "Time \(mean"
else
  read -r _ s r < <(run procx "$work/procx" lint fixtures/vee21.txt)
  echo "procx lint fixtures/vee21.txt: $s s"
fi
