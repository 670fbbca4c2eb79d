//! The offline search: the build writes one index per locale (one script, or a manifest with
//! shards and page chunks when it is over 1 MB), every page carries the search box, and
//! querying an index with the shipped `search.js` (in node, when installed) finds the expected
//! article, marks the matched words and loads only the parts of a split index it needs.

mod common;
#[path = "search/fixture.rs"]
mod fixture;

use std::path::Path;
use std::process::Command;

use common::*;
use serde::Deserialize;

/// One query's answer from node.
#[derive(Debug, Deserialize)]
struct Answer {
    results: Vec<Found>,
    /// The parts of a split index the query loaded (`t3`, `d0`), in order.
    loaded: Vec<String>,
}

/// One result, its matched words in `[[` `]]`.
#[derive(Debug, Deserialize)]
struct Found {
    url: String,
    title: String,
    excerpt: String,
}

impl Answer {
    fn urls(&self) -> Vec<&str> {
        self.results.iter().map(|r| r.url.as_str()).collect()
    }
}

/// Loads `static/search-engine.js` and the manifest `search/<locale>.js` of `site` into a node vm, as
/// a browser would, opens the index with a loader that runs the part scripts on demand, and
/// runs each query in turn. `None` (with a note) when node is not installed.
fn node_search(site: &Path, locale: &str, queries: &[&str]) -> Option<Vec<Answer>> {
    const SCRIPT: &str = r#"
const vm = require("vm"), fs = require("fs"), path = require("path");
const [site, locale, ...queries] = process.argv.slice(1);
const context = { window: {} };
vm.createContext(context);
const run = (file) => vm.runInContext(fs.readFileSync(path.join(site, file), "utf8"), context);
run("static/search-engine.js");
run("search/" + locale + ".js");
const { window } = context;
const loaded = [];
const index = window.diglotSearch.open(window.diglotSearchIndex[locale], (part) => {
  loaded.push(part);
  run("search/" + locale + "/" + part + ".js");
  return window.diglotSearchIndex[locale + "/" + part];
});
const marked = (text, ranges) =>
  ranges.reduceRight((t, [s, e]) => t.slice(0, s) + "[[" + t.slice(s, e) + "]]" + t.slice(e), text);
(async () => {
  const answers = [];
  for (const q of queries) {
    const before = loaded.length;
    const results = await index.query(q, 10);
    answers.push({
      results: results.map((r) => ({
        url: r.url,
        title: marked(r.title, r.marks.title),
        excerpt: marked(r.excerpt, r.marks.excerpt),
      })),
      loaded: loaded.slice(before),
    });
  }
  console.log(JSON.stringify(answers));
})();
"#;
    let run = match Command::new("node")
        .arg("-e")
        .arg(SCRIPT)
        .arg(site)
        .arg(locale)
        .args(queries)
        .output()
    {
        Ok(run) => run,
        Err(_) => {
            eprintln!("NOTE: node is not installed: the search index is not queried");
            return None;
        }
    };
    assert!(run.status.success(), "node failed: {}", stderr(&run));
    Some(serde_json::from_slice(&run.stdout).expect("node prints JSON"))
}

/// The value a search script assigns to `window.diglotSearchIndex[key]`.
fn assigned(site: &Path, path: &str) -> (String, serde_json::Value) {
    let script = std::fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rest = script
        .strip_prefix("(window.diglotSearchIndex=window.diglotSearchIndex||{})[")
        .unwrap_or_else(|| panic!("{path} does not assign to the global"));
    let (key, value) = rest.split_once("]=").unwrap();
    (
        serde_json::from_str(key).unwrap(),
        serde_json::from_str(value.trim_end().trim_end_matches(';')).unwrap(),
    )
}

#[test]
fn every_locale_and_the_english_source_get_an_index_and_every_page_the_search_box() {
    let (_keep, site) = build_embedded();
    for locale in ["nl-NL", "nb-NO", "da-DK", "en-US"] {
        let (key, manifest) = assigned(&site, &format!("search/{locale}.js"));
        assert_eq!(key, locale);
        // Small indexes stay whole: the one shard and the pages are in the manifest.
        assert!(manifest["i"]["t0"]["t"].is_array(), "{locale}");
        assert!(manifest["i"]["d0"].is_array(), "{locale}");
        assert!(
            !site.join("search").join(locale).exists(),
            "{locale} is split"
        );
    }
    assert!(site.join("static/search.js").is_file());
    assert!(site.join("static/search-engine.js").is_file());
    for (page, root) in [
        ("nl-NL/device-in-pending-state.html", "../"),
        ("en-US/index.html", "../"),
        ("index.html", ""),
    ] {
        let html = html(&site.join(page));
        assert_eq!(
            attributes(&html, "header [data-search-root]", "data-search-root"),
            [root],
            "{page}"
        );
        let scripts = attributes(&html, "script", "src");
        assert!(
            scripts.contains(&format!("{root}static/search.js")),
            "{page} does not load search.js"
        );
        // The query code comes with the first use of the box, not with the page.
        assert!(
            !scripts.iter().any(|s| s.contains("search-engine")),
            "{page}"
        );
    }
}

#[test]
fn the_index_holds_only_the_translation() {
    let (_keep, site) = build_embedded();
    let terms = |locale: &str| {
        let (_, manifest) = assigned(&site, &format!("search/{locale}.js"));
        serde_json::from_value::<Vec<String>>(manifest["i"]["t0"]["t"].clone()).unwrap()
    };
    // "pending" and "prerequisites" are in the hidden English of the Dutch files only
    for english in ["pend", "prerequisit"] {
        assert!(terms("en-US").iter().any(|t| t == english), "{english}");
        assert!(!terms("nl-NL").iter().any(|t| t == english), "{english}");
    }
    assert!(terms("nl-NL").iter().any(|t| t == "behandel"));
}

#[test]
fn querying_an_index_finds_the_article_by_its_words_stems_and_prefixes() {
    let (_keep, site) = build_embedded();
    let Some(found) = node_search(
        &site,
        "nl-NL",
        &[
            "status in behandeling",
            "Apparaat STATUS ",
            "prim vernieuwings",
            "PRT",
            "xyzzy",
        ],
    ) else {
        return;
    };
    let first = |n: usize| found[n].urls().first().copied();
    assert_eq!(first(0), Some("nl-NL/device-in-pending-state.html"));
    assert_eq!(first(1), Some("nl-NL/device-in-pending-state.html"));
    assert_eq!(first(2), Some("nl-NL/troubleshoot-prt-issue.html"));
    assert_eq!(first(3), Some("nl-NL/troubleshoot-prt-issue.html"));
    assert!(found[4].results.is_empty(), "{:?}", found[4]);
    assert!(
        found.iter().all(|a| a.loaded.is_empty()),
        "a whole index loads no parts"
    );

    let Some(english) = node_search(&site, "en-US", &["devices pending", "refresh token"]) else {
        return;
    };
    assert_eq!(
        english[0].urls().first(),
        Some(&"en-US/device-in-pending-state.html")
    );
    assert_eq!(
        english[1].urls().first(),
        Some(&"en-US/troubleshoot-prt-issue.html")
    );
}

#[test]
fn a_title_match_ranks_first() {
    let dir = project(&[
        ("book.toml", b"[locale.nl-NL]\n"),
        (
            "content/nl-NL/a.md",
            "# Iets anders\n\nDe printer, de printer, nog een printer en printers.\n".as_bytes(),
        ),
        (
            "content/nl-NL/b.md",
            "---\ntitle: Printer instellen\n---\n# Instellen\n\nZo stel je hem in, met wat meer woorden.\n"
                .as_bytes(),
        ),
        ("content/nl-NL/c.md", b"# Niets\n\nGeen woord erover.\n"),
    ]);
    let (site, run) = build_site(dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let Some(found) = node_search(&site, "nl-NL", &["printers "]) else {
        return;
    };
    assert_eq!(found[0].urls(), ["nl-NL/b.html", "nl-NL/a.html"]);
}

#[test]
fn results_mark_the_words_of_the_matched_stems_in_title_and_excerpt() {
    let (_keep, site) = build_embedded();
    let Some(found) = node_search(
        &site,
        "nl-NL",
        &["apparaten behandel", "STATUS ", "vereiste apparaatbeheer"],
    ) else {
        return;
    };
    let first = &found[0].results[0];
    assert_eq!(first.url, "nl-NL/device-in-pending-state.html");
    // "apparaten" is another word of the stem of "Apparaat"; "behandel" is being typed.
    assert_eq!(first.title, "[[Apparaat]] met status in [[behandeling]]");
    // A compound is a word of its own.
    assert!(
        first
            .excerpt
            .starts_with("Vereisten Als u apparaatregistratie voor"),
        "{}",
        first.excerpt
    );
    assert_eq!(
        found[1].results[0].title,
        "Apparaat met [[status]] in behandeling"
    );
    let excerpt = &found[2].results[0].excerpt;
    assert!(
        excerpt.starts_with("[[Vereisten]] Als u apparaatregistratie")
            && excerpt.contains("de Inleiding bij [[Apparaatbeheer]] hebt"),
        "{excerpt}"
    );
}

#[test]
fn cjk_results_mark_the_characters_of_the_query() {
    let dir = project(&[
        ("book.toml", b"[locale.ja-JP]\n"),
        (
            "content/ja-JP/a.md",
            "# デバイスの登録\n\nデバイスを登録するには、設定を開きます。Azure ADに参加します。\n"
                .as_bytes(),
        ),
        (
            "content/ja-JP/b.md",
            "# サインイン\n\n登録済みのアカウントでサインインします。\n".as_bytes(),
        ),
    ]);
    let (site, run) = build_site(dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let Some(found) = node_search(&site, "ja-JP", &["デバイス 登録", "登", "azure ad"])
    else {
        return;
    };
    assert_eq!(found[0].urls(), ["ja-JP/a.html"]);
    assert_eq!(found[0].results[0].title, "[[デバイス]]の[[登録]]");
    assert!(
        found[0].results[0]
            .excerpt
            .starts_with("[[デバイス]]を[[登録]]する"),
        "{}",
        found[0].results[0].excerpt
    );
    // One character: every page that has it, the character alone marked.
    assert_eq!(found[1].urls().len(), 2);
    let b = found[1]
        .results
        .iter()
        .find(|r| r.url == "ja-JP/b.html")
        .unwrap();
    assert!(b.excerpt.starts_with("[[登]]録済み"), "{}", b.excerpt);
    assert!(
        found[2].results[0]
            .excerpt
            .contains("[[Azure]] [[AD]]に参加"),
        "{}",
        found[2].results[0].excerpt
    );
}

#[test]
fn an_index_over_a_megabyte_is_split_and_a_query_loads_only_what_it_needs() {
    let (_keep, site) = fixture::build();
    let (key, manifest) = assigned(&site, "search/nl-NL.js");
    assert_eq!(key, "nl-NL");
    assert!(
        manifest.get("i").is_none(),
        "the split manifest carries no parts"
    );
    let keys: Vec<String> = serde_json::from_value(manifest["k"].clone()).unwrap();
    let per_chunk = manifest["c"].as_u64().unwrap() as usize;
    let pages = manifest["n"].as_u64().unwrap() as usize;
    assert_eq!(
        pages,
        fixture::PAGES + 2,
        "the made-up pages and the two planted ones"
    );
    let parts: Vec<String> = std::fs::read_dir(site.join("search/nl-NL"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let size = |part: &str| {
        std::fs::metadata(site.join("search/nl-NL").join(part))
            .unwrap()
            .len()
    };
    let total: u64 = parts.iter().map(|p| size(p)).sum();
    assert!(
        total > 1_000_000,
        "the fixture's index is only {total} bytes"
    );
    assert_eq!(
        parts.len(),
        keys.len() + pages.div_ceil(per_chunk),
        "{parts:?}"
    );
    for n in 0..keys.len() {
        let (key, shard) = assigned(&site, &format!("search/nl-NL/t{n}.js"));
        assert_eq!(key, format!("nl-NL/t{n}"));
        assert!(shard["t"].is_array() && shard["w"].is_array(), "t{n}");
    }
    let manifest_bytes = std::fs::metadata(site.join("search/nl-NL.js"))
        .unwrap()
        .len();
    assert!(
        manifest_bytes < 4096,
        "the manifest is {manifest_bytes} bytes"
    );

    let Some(found) = node_search(
        &site,
        "nl-NL",
        &[
            "Apparaten registratie",
            "kwaadaardig",
            "apparaat registreren",
        ],
    ) else {
        return;
    };
    let first = &found[0].results[0];
    assert_eq!(first.url, fixture::FOUND);
    assert_eq!(
        first.title, "[[Apparaat]] registreren",
        "another stem is not marked"
    );
    assert!(
        first
            .excerpt
            .contains("u [[apparaten]]: de [[registratie]]"),
        "{}",
        first.excerpt
    );
    assert_eq!(found[1].results[0].url, fixture::HOSTILE);
    assert_eq!(
        found[1].results[0].title,
        fixture::HOSTILE_TITLE.replace("kwaadaardig", "[[kwaadaardig]]")
    );
    // Two words: their shards, the shards of their stems, and the chunk of each result.
    let loaded = &found[0].loaded;
    let bytes: u64 = loaded.iter().map(|p| size(&format!("{p}.js"))).sum();
    assert!(loaded.len() <= 6, "{loaded:?}");
    assert!(
        bytes * 10 < total,
        "a query loaded {bytes} of {total} bytes: {loaded:?}"
    );
    assert!(loaded.iter().any(|p| p.starts_with('t')) && loaded.iter().any(|p| p.starts_with('d')));
    // A later query loads no part twice.
    assert!(
        found[2].loaded.iter().all(|p| !loaded.contains(p)),
        "{:?}",
        found[2].loaded
    );
    assert_eq!(found[2].results[0].url, fixture::FOUND);
}

#[test]
fn a_one_letter_prefix_reads_shards_until_it_has_enough_words() {
    let (_keep, site) = fixture::build();
    let Some(found) = node_search(&site, "nl-NL", &["b", "zzzzzzz"]) else {
        return;
    };
    assert!(!found[0].results.is_empty());
    assert!(
        found[0].results.iter().any(|r| r.title.contains("[[b")),
        "{:?}",
        found[0].results
    );
    let shards = found[0]
        .loaded
        .iter()
        .filter(|p| p.starts_with('t'))
        .count();
    assert!((1..=3).contains(&shards), "{:?}", found[0].loaded);
    assert!(found[1].results.is_empty());
}

#[test]
fn a_prefix_reads_and_uses_at_most_four_shards() {
    use diglot::search::{index, shards, tokenize::Tokenizer};
    // Arabic nouns carry the article: every "ال…" word sits in one range of the vocabulary,
    // while their stems (the article stripped) spread over the whole of it.
    const LETTERS: [char; 12] = ['ب', 'ت', 'ج', 'د', 'ر', 'س', 'ش', 'ع', 'ف', 'ك', 'م', 'ن'];
    let words: Vec<String> = (0..240)
        .map(|n| {
            let letters = [n % 12, (n / 12) % 12, (n / 144 + n) % 12, (n * 7) % 12];
            let stem: String = letters.iter().map(|&i| LETTERS[i]).collect();
            format!("ال{stem}")
        })
        .collect();
    let bodies: Vec<String> = words.chunks(8).map(|w| w.join(" ")).collect();
    let pages: Vec<index::Page> = bodies
        .iter()
        .enumerate()
        .map(|(n, body)| index::Page {
            url: format!("ar-SA/{n}.html"),
            title: "صفحة",
            markdown: body,
        })
        .collect();
    let built = index::build(&Tokenizer::for_locale("ar-SA"), &pages);
    let sizes = shards::Sizes {
        split: 0,
        shard: 200,
        chunk: 400,
    };
    let site = tempfile::tempdir().unwrap();
    for script in shards::scripts(&built, "ar-SA", &sizes) {
        let path = site.path().join(&script.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, script.text).unwrap();
    }
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::copy(
        repo().join("themes/default/static/search-engine.js"),
        site.path().join("static/search-engine.js"),
    )
    .unwrap();
    let (_, manifest) = assigned(site.path(), "search/ar-SA.js");
    let keys: Vec<String> = serde_json::from_value(manifest["k"].clone()).unwrap();
    let with_article = keys.iter().filter(|k| k.starts_with("ال")).count();
    let stems = keys.len() - with_article;
    assert!(with_article > 10 && stems > 10, "{keys:?}");

    let whole = format!("{} ", words[37]);
    let Some(found) = node_search(site.path(), "ar-SA", &["ال", &whole]) else {
        return;
    };
    assert!(!found[0].results.is_empty());
    let shards: Vec<&String> = found[0]
        .loaded
        .iter()
        .filter(|p| p.starts_with('t'))
        .collect();
    assert!(
        shards.len() <= 4,
        "{} shards of {}: {shards:?}",
        shards.len(),
        keys.len()
    );
    // A whole word still finds its stem wherever it lives.
    assert_eq!(
        found[1].urls().first(),
        Some(&"ar-SA/4.html"),
        "{:?}",
        found[1]
    );
}
