//! Cross-reference maps: DocFX's `xrefmap.yml` (`references:` of `uid`, `name`, `href`, and an
//! optional `baseUrl`), listed in book.toml as `[build] xref-maps = ["file or URL", ...]`.
//!
//! A map given as a URL is fetched once and kept in `<build-dir>/.diglot-xrefmaps.json`, which
//! builds carry over like the external link cache; a copy younger than `[check.external]
//! max-cache-age` is used as it is, and `--offline` never fetches (a cached copy of any age is
//! used, with a warning when it is stale). A relative `href` is resolved against the map's
//! `baseUrl`, else against the URL the map was fetched from.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{XrefTarget, Xrefs};
use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::output;

/// Every uid of the configured maps; the first map naming a uid wins.
#[derive(Debug, Default, Clone)]
pub struct XrefMap {
    entries: HashMap<String, XrefTarget>,
}

#[derive(Deserialize)]
struct RawMap {
    #[serde(rename = "baseUrl", default)]
    base_url: Option<String>,
    #[serde(default)]
    references: Vec<RawReference>,
}

#[derive(Deserialize)]
struct RawReference {
    uid: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    href: Option<String>,
}

impl XrefMap {
    /// Adds the references of one `xrefmap.yml`; `source` is the URL the map came from, if any.
    pub fn add(&mut self, text: &str, source: Option<&str>) -> Result<usize, String> {
        let raw: RawMap = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
        let base = raw.base_url.or_else(|| {
            source.map(|url| url[..url.rfind('/').map_or(url.len(), |i| i + 1)].to_string())
        });
        let mut added = 0;
        for reference in raw.references {
            let Some(href) = reference.href.filter(|h| !h.is_empty()) else {
                continue;
            };
            let href = match &base {
                Some(base) if !is_absolute(&href) => join(base, &href),
                _ => href,
            };
            let name = reference.name.unwrap_or_else(|| reference.uid.clone());
            if let std::collections::hash_map::Entry::Vacant(slot) =
                self.entries.entry(reference.uid)
            {
                slot.insert(XrefTarget { href, name });
                added += 1;
            }
        }
        Ok(added)
    }

    /// Loads the maps book.toml lists; what cannot be read is a warning and the rest is used.
    pub fn load(config: &Config, offline: bool) -> (XrefMap, Vec<Diagnostic>) {
        let mut map = XrefMap::default();
        let mut diagnostics = Vec::new();
        if config.xref_maps.is_empty() {
            return (map, diagnostics);
        }
        let book_toml = config.root.join(crate::config::FILE_NAME);
        let warn =
            |message: String| Diagnostic::warning(Code::XrefMap, &book_toml, (0, 0), message);
        let mut cache = Cache::open(config, &mut diagnostics);
        for source in &config.xref_maps {
            let text = if is_url(source) {
                match cache.get(source, offline, config) {
                    Ok(text) => text,
                    Err(message) => {
                        diagnostics.push(warn(format!("xref map `{source}`: {message}")));
                        continue;
                    }
                }
            } else {
                let path = config.root.join(source);
                match std::fs::read_to_string(&path) {
                    Ok(text) => text,
                    Err(e) => {
                        diagnostics.push(warn(format!("xref map `{}`: {e}", path.display())));
                        continue;
                    }
                }
            };
            if let Err(message) = map.add(&text, is_url(source).then_some(source.as_str())) {
                diagnostics.push(warn(format!(
                    "xref map `{source}` is not a DocFX xrefmap: {message}"
                )));
            }
        }
        if let Some(e) = cache.save() {
            diagnostics.push(warn(format!("the xref map cache is not kept: {e}")));
        }
        (map, diagnostics)
    }
}

impl Xrefs for XrefMap {
    fn resolve(&self, uid: &str) -> Option<XrefTarget> {
        self.entries.get(uid).cloned()
    }
}

fn is_url(source: &str) -> bool {
    source.starts_with("https://") || source.starts_with("http://")
}

fn is_absolute(href: &str) -> bool {
    href.contains("://") || href.starts_with('/')
}

fn join(base: &str, href: &str) -> String {
    if base.ends_with('/') {
        format!("{base}{href}")
    } else {
        format!("{base}/{href}")
    }
}

/// A fetched map and when it was fetched.
#[derive(Debug, Serialize, Deserialize)]
struct Cached {
    fetched_at: u64,
    text: String,
}

/// `<build-dir>/.diglot-xrefmaps.json`.
struct Cache {
    path: Option<std::path::PathBuf>,
    entries: BTreeMap<String, Cached>,
    changed: bool,
}

impl Cache {
    fn open(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Cache {
        let path = config.build_dir.join(output::XREF_CACHE);
        let usable = config.xref_maps.iter().any(|s| is_url(s)) && {
            match output::claim(&config.build_dir) {
                Ok(()) => true,
                Err(e) => {
                    diagnostics.push(Diagnostic::warning(
                        Code::XrefMap,
                        &config.root.join(crate::config::FILE_NAME),
                        (0, 0),
                        format!("the xref map cache is not kept: {e}"),
                    ));
                    false
                }
            }
        };
        let entries = usable
            .then(|| std::fs::read(&path).ok())
            .flatten()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Cache {
            path: usable.then_some(path),
            entries,
            changed: false,
        }
    }

    /// The text of the map at `url`: cached when fresh (or when offline), else fetched.
    fn get(&mut self, url: &str, offline: bool, config: &Config) -> Result<String, String> {
        let max_age = config.check.external.max_cache_age;
        let now = now();
        let cached = self.entries.get(url);
        let fresh = cached.is_some_and(|c| now.saturating_sub(c.fetched_at) <= max_age.as_secs());
        if fresh || (offline && cached.is_some()) {
            return Ok(cached.expect("checked").text.clone());
        }
        if offline {
            return Err("not fetched (offline) and not in the cache".to_string());
        }
        match fetch(url, config.check.external.timeout) {
            Ok(text) => {
                self.entries.insert(
                    url.to_string(),
                    Cached {
                        fetched_at: now,
                        text: text.clone(),
                    },
                );
                self.changed = true;
                Ok(text)
            }
            Err(e) => match self.entries.get(url) {
                Some(stale) => Ok(stale.text.clone()),
                None => Err(e),
            },
        }
    }

    /// Writes the cache when it changed; the error when it could not.
    fn save(self) -> Option<String> {
        let path = self.path.filter(|_| self.changed)?;
        let json = serde_json::to_vec(&self.entries).ok()?;
        let temporary = path.with_extension(format!("json.tmp-{}", std::process::id()));
        let result =
            std::fs::write(&temporary, json).and_then(|()| std::fs::rename(&temporary, &path));
        result.err().map(|e| {
            let _ = std::fs::remove_file(&temporary);
            e.to_string()
        })
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// GETs `url` (redirects followed), within `timeout`.
fn fetch(url: &str, timeout: Duration) -> Result<String, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .user_agent(concat!("diglot/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        let response = client.get(url).send().await.map_err(|e| e.to_string())?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("the server answered {status}"));
        }
        response.text().await.map_err(|e| e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "### YamlMime:XRefMap\nsorted: true\nbaseUrl: https://learn.test/dotnet/api/\nreferences:\n- uid: System.String\n  name: String\n  href: system.string\n  fullName: System.String\n- uid: Abs\n  name: Absolute\n  href: https://other.test/abs\n- uid: NoHref\n  name: Nowhere\n";

    #[test]
    fn references_resolve_against_the_base_url() {
        let mut map = XrefMap::default();
        assert_eq!(map.add(MAP, None), Ok(2));
        assert_eq!(
            map.resolve("System.String"),
            Some(XrefTarget {
                href: "https://learn.test/dotnet/api/system.string".to_string(),
                name: "String".to_string()
            })
        );
        assert_eq!(map.resolve("Abs").unwrap().href, "https://other.test/abs");
        assert_eq!(map.resolve("NoHref"), None);
        let mut fetched = XrefMap::default();
        fetched
            .add(
                "references:\n- uid: a\n  href: a.html\n",
                Some("https://h.test/docs/xrefmap.yml"),
            )
            .unwrap();
        assert_eq!(
            fetched.resolve("a").unwrap().href,
            "https://h.test/docs/a.html"
        );
        assert_eq!(fetched.resolve("a").unwrap().name, "a");
        assert!(XrefMap::default().add("references: [", None).is_err());
    }
}
