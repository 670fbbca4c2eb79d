#!/usr/bin/env bash
# Times whole diglot commands on the real corpus with hyperfine, for 1, 3 and 6 locales.
#
#   bench/run.sh            # all cases
#   bench/run.sh align      # only the alignment
#
# Needs ../shared/corpus/alchemy-sxs beside the repository. Installs hyperfine if missing.
# Writes only under a temporary folder; prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
corpus=$(cd "$repo/../shared/corpus/alchemy-sxs" 2>/dev/null && pwd) || {
  echo "bench: ../shared/corpus/alchemy-sxs not found; nothing to measure" >&2
  exit 1
}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/diglot-target}"
cargo build --release --quiet
diglot="$CARGO_TARGET_DIR/release/diglot"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

only=${1:-all}
locales_all=(nl-NL nb-NO da-DK de-DE ja-JP ar-SA)
echo "| case | locales | mean (s) | stddev (s) | articles/s | MB/s read |"
echo "| --- | --- | --- | --- | --- | --- |"
for count in 1 3 6; do
  project="$work/p$count"
  mkdir -p "$project"
  : >"$project/book.toml"
  bytes=0
  articles=0
  for tag in "${locales_all[@]:0:$count}"; do
    printf '[locale.%s]\nsrc = "%s/%s"\n' "$tag" "$corpus" "$tag" >>"$project/book.toml"
    bytes=$((bytes + $(find "$corpus/$tag" -name '*.md' -not -path '*/includes/*' -printf "%s\n" | awk "{s+=\$1} END {print s}")))
    articles=$((articles + $(find "$corpus/$tag" -name '*.md' -not -path '*/includes/*' | wc -l)))
  done
  for case in align build; do
    [ "$only" = all ] || [ "$only" = "$case" ] || continue
    case $case in
      align) command="$diglot --root $project -q align --out $work/align$count" ;;
      build) command="$diglot --root $project -q build" ;;
    esac
    hyperfine --ignore-failure --warmup 1 --runs 5 --style none --export-json "$work/$case$count.json" "$command" >/dev/null 2>&1
    python3 - "$work/$case$count.json" "$case" "$count" "$articles" "$bytes" <<'PY'
import json, sys
path, case, count, articles, size = sys.argv[1:]
r = json.load(open(path))["results"][0]
mean, sd = r["mean"], r["stddev"] or 0.0
print(f"| {case} | {count} | {mean:.2f} | {sd:.2f} | {int(articles) / mean:,.0f} | {int(size) / mean / 1e6:.1f} |")
PY
  done
done
