#!/usr/bin/env bash
# Times whole diglot commands on the real corpus, side by side with Hugo, for 1, 3 and 6 locales.
#
#   bench/run.sh                  # every case, table on standard output
#   bench/run.sh build hugo       # only these cases (build hugo check lychee align serve)
#   bench/run.sh --readme         # also rewrite the results table in README.md
#   RUNS=10 bench/run.sh          # hyperfine runs per command (default 5)
#
# Needs ../shared/corpus/alchemy-sxs beside the repository. Installs hyperfine and hugo with
# apt-get and lychee with `cargo install --locked lychee` when missing. Writes only under a
# temporary folder (and README.md with --readme).
#
# The peer: Hugo builds the same locales as one multilingual site with minimal layouts (title
# plus content, inline HTML allowed, no theme), each locale folder mounted as that language's
# content. Hugo is given less to do than diglot: no English source pages, no reports, no
# media, no search index; it skips three kinds of file it cannot take (see HUGO_SKIPS below).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

readme=false
cases=()
for arg in "$@"; do
  case $arg in
    --readme) readme=true ;;
    build | hugo | check | lychee | align | serve) cases+=("$arg") ;;
    *) echo "bench: unknown case '$arg' (build hugo check lychee align serve, --readme)" >&2; exit 2 ;;
  esac
done
[ ${#cases[@]} -gt 0 ] || cases=(build hugo check lychee align serve)
wants() { [[ " ${cases[*]} " == *" $1 "* ]]; }

corpus=$(cd "$repo/../shared/corpus/alchemy-sxs" 2>/dev/null && pwd) || {
  echo "bench: ../shared/corpus/alchemy-sxs not found; nothing to measure" >&2
  exit 1
}
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
wants hugo && need hugo hugo
if wants lychee && ! command -v lychee >/dev/null; then cargo install --locked lychee; fi
[ -x /usr/bin/time ] || need time time
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/diglot-target}"
cargo build --release --quiet
diglot="$CARGO_TARGET_DIR/release/diglot"
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Files Hugo cannot take: `index.md` at a content root makes the whole language one leaf
# bundle; `includes/` are fragments; one article has its front matter wrapped in translation
# spans, which aborts Hugo's whole build. diglot builds all of them (the last with a diagnostic).
HUGO_SKIPS='"index.md", "includes/**", "media/**", "troubleshoot-presence-issues-outlook.md"'

locales_all=(nl-NL nb-NO da-DK de-DE ja-JP ar-SA)
rows=()
row() { rows+=("$1"); echo "$1"; }

# hyperfine mean and stddev of command $2, exported to $1.json
measure() {
  hyperfine --ignore-failure --warmup 1 --runs "$runs" --style none --export-json "$work/$1.json" "$2" >/dev/null 2>&1
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["stddev"] or 0)' "$work/$1.json"
}
# peak resident set size of one run of "$@", in MB
peak_rss() {
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
  awk 'END {printf "%.0f", $1 / 1024}' "$work/rss"
}

header="| case | locales | mean (s) | stddev (s) | ratio to peer | pages/s | MB/s read | peak RSS (MB) |"
row "$header"
row "| --- | --- | --- | --- | --- | --- | --- | --- |"
for count in 1 3 6; do
  project="$work/p$count"
  hugo_site="$work/hugo$count"
  mkdir -p "$project" "$hugo_site/layouts/_default"
  : >"$project/book.toml"
  {
    echo 'baseURL = "http://localhost/"'
    echo 'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]'
    echo "defaultContentLanguage = \"$(echo "${locales_all[0]}" | tr A-Z a-z)\""
    echo '[markup.goldmark.renderer]'
    echo 'unsafe = true'
  } >"$hugo_site/hugo.toml"
  bytes=0
  weight=0
  for tag in "${locales_all[@]:0:$count}"; do
    printf '[locale.%s]\nsrc = "%s/%s"\n' "$tag" "$corpus" "$tag" >>"$project/book.toml"
    bytes=$((bytes + $(find "$corpus/$tag" -name '*.md' -not -path '*/includes/*' -printf "%s\n" | awk '{s+=$1} END {print s}')))
    lang=$(echo "$tag" | tr A-Z a-z)
    weight=$((weight + 1))
    printf '[languages."%s"]\nweight = %d\n' "$lang" "$weight" >>"$hugo_site/hugo.toml.langs"
    printf '[[module.mounts]]\nsource = "%s/%s"\ntarget = "content"\nlang = "%s"\nexcludeFiles = [%s]\n' \
      "$corpus" "$tag" "$lang" "$HUGO_SKIPS" >>"$hugo_site/hugo.toml.mounts"
  done
  cat "$hugo_site/hugo.toml.langs" "$hugo_site/hugo.toml.mounts" >>"$hugo_site/hugo.toml"
  printf '<!DOCTYPE html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n' \
    >"$hugo_site/layouts/_default/single.html"
  printf '<!DOCTYPE html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n' \
    >"$hugo_site/layouts/_default/list.html"
  mb=$(python3 -c "print($bytes / 1e6)")

  build_cmd="$diglot --root $project -q build"
  hugo_cmd="hugo --quiet --source $hugo_site --destination $work/hugo-out$count"
  hugo_mean=""
  if wants hugo; then
    read -r hugo_mean hugo_sd < <(measure "hugo$count" "$hugo_cmd")
    hugo_pages=$(find "$work/hugo-out$count" -name '*.html' | wc -l)
    hugo_rss=$(peak_rss hugo --quiet --source "$hugo_site" --destination "$work/hugo-rss$count")
    row "$(python3 -c "m,s,p,mb=$hugo_mean,$hugo_sd,$hugo_pages,$mb; print(f'| hugo build | $count | {m:.2f} | {s:.2f} | 1.00 | {p/m:,.0f} | {mb/m:.1f} | $hugo_rss |')")"
  fi
  ratio() { [ -n "$hugo_mean" ] && python3 -c "print(f'{$1 / $hugo_mean:.2f}')" || echo "n/a"; }
  if wants build; then
    read -r mean sd < <(measure "build$count" "$build_cmd")
    pages=$(find "$project/book" -name '*.html' | wc -l)
    rss=$(peak_rss "$diglot" --root "$project" -q build)
    row "$(python3 -c "m,s,p,mb=$mean,$sd,$pages,$mb; print(f'| diglot build | $count | {m:.2f} | {s:.2f} | $(ratio "$mean") | {p/m:,.0f} | {mb/m:.1f} | $rss |')")"
  fi
  lychee_mean=""
  if wants lychee; then
    dirs=$(for tag in "${locales_all[@]:0:$count}"; do printf '%s/%s ' "$corpus" "$tag"; done)
    lychee_cmd="lychee --offline --no-progress --format compact $dirs"
    read -r lychee_mean lychee_sd < <(measure "lychee$count" "$lychee_cmd")
    # shellcheck disable=SC2086
    lychee_rss=$(peak_rss lychee --offline --no-progress --format compact $dirs)
    row "$(python3 -c "m,s,mb=$lychee_mean,$lychee_sd,$mb; print(f'| lychee --offline | $count | {m:.2f} | {s:.2f} | 1.00 | - | {mb/m:.1f} | $lychee_rss |')")"
  fi
  if wants check; then
    read -r mean sd < <(measure "check$count" "$diglot --root $project -q check --offline --format json")
    rss=$(peak_rss "$diglot" --root "$project" -q check --offline --format json)
    peer=$([ -n "$lychee_mean" ] && python3 -c "print(f'{$mean / $lychee_mean:.2f}')" || echo "n/a")
    row "$(python3 -c "m,s,mb=$mean,$sd,$mb; print(f'| diglot check --offline | $count | {m:.2f} | {s:.2f} | $peer | - | {mb/m:.1f} | $rss |')")"
  fi
  if wants align; then
    read -r mean sd < <(measure "align$count" "$diglot --root $project -q align --format json --out $work/align$count")
    rss=$(peak_rss "$diglot" --root "$project" -q align --format json --out "$work/align-rss$count")
    row "$(python3 -c "m,s,mb=$mean,$sd,$mb; print(f'| diglot align --format json | $count | {m:.2f} | {s:.2f} | - | - | {mb/m:.1f} | $rss |')")"
  fi
  if wants serve; then
    result=$(python3 "$repo/bench/serve_edit.py" "$diglot" "$project" "${locales_all[0]}" 10) || result=""
    [ -n "$result" ] && row "| diglot serve: one article saved, until the open page is told to reload (median of 10) | $count | $result | - | - | - | - |"
  fi
done

if $readme; then
  machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
  python3 - "$repo/README.md" "$machine" "$(date -u +%Y-%m-%d)" "$runs" "${rows[@]}" <<'PY'
import sys
path, machine, date, runs, *rows = sys.argv[1:]
text = open(path).read()
start, end = "<!-- bench:start -->", "<!-- bench:end -->"
block = "\n".join([start, "",
    f"Measured {date} on {machine}, release build, `bench/run.sh --readme` (hyperfine, {runs} runs"
    " after one warm-up; peak RSS from `/usr/bin/time`). The ratio is to Hugo for build, to"
    " `lychee --offline` for check, from the same run:", "", *rows, "", end])
if start in text and end in text:
    text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
else:
    text += "\n" + block + "\n"
open(path, "w").write(text)
PY
  echo "bench: README.md table rewritten" >&2
fi
