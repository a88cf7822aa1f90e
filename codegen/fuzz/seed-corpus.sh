#!/usr/bin/env bash
# Builds the seed corpus of the `pipeline` fuzz target from the real pages in
# ../shared/corpus/real/ (beside the repository), into codegen/fuzz/corpus/pipeline/, which is not
# committed: every page on its own, and each API 3.0 product's Chinese and English pages joined by
# the `=====` line on which the target splits an input into its two pages.
#
# The `go_sdk` target is seeded with every `errors.go` of ../shared/corpus/sdk/.
#
#   codegen/fuzz/seed-corpus.sh [REAL_PAGES_DIR [SDK_DIR]]
set -euo pipefail
cd "$(dirname "$0")"
real="${1:-../../../shared/corpus/real}"
if [ ! -d "$real" ]; then
  echo "no real pages at $real: pass the folder that holds api3/, action/ and other/" >&2
  exit 1
fi
out=corpus/pipeline
mkdir -p "$out"
find "$real" -name '*.md' -print0 | while IFS= read -r -d '' page; do
  cp "$page" "$out/page-$(sha1sum "$page" | cut -c1-16)"
done
for zh in "$real"/api3/zh/*.md; do
  en="$real/api3/en/$(basename "$zh")"
  [ -f "$en" ] || continue
  { cat "$zh"; printf '\n=====\n'; cat "$en"; } > "$out/pair-$(basename "$zh" .md)"
done
echo "$(find "$out" -type f | wc -l) seeds in codegen/fuzz/$out"

# The `go_sdk` target: every errors.go of the SDKs in ../shared/corpus/sdk/.
sdk="${2:-$real/../sdk}"
if [ -d "$sdk" ]; then
  out=corpus/go_sdk
  mkdir -p "$out"
  find "$sdk" -name errors.go -print0 | while IFS= read -r -d '' file; do
    cp "$file" "$out/errors-$(sha1sum "$file" | cut -c1-16)"
  done
  echo "$(find "$out" -type f | wc -l) seeds in codegen/fuzz/$out"
fi
