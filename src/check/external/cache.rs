//! The persistent link cache: `<build-dir>/.diglot-cache.json`, a JSON object of URL →
//! `{status, final_url, checked_at}`. Only answers that will not change on a retry are kept
//! (successes, redirects, 4xx other than 408 and 429); timeouts, 429, 5xx and network errors are
//! fetched again next run. Entries older than `max-cache-age` are ignored and dropped.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// What a server answered for one URL, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The HTTP status of the last answer, after redirects.
    pub status: u16,
    /// Where the redirects ended; the URL itself when there were none.
    pub final_url: String,
    /// Seconds since the Unix epoch.
    pub checked_at: u64,
}

impl Entry {
    /// True for answers a retry could change: 408, 429 and every 5xx.
    pub fn is_transient(&self) -> bool {
        matches!(self.status, 408 | 429 | 500..=599)
    }
}

/// The cache file, read at the start of a run and written at its end.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    max_age: Duration,
    entries: BTreeMap<String, Entry>,
}

impl Cache {
    /// Reads the cache at `path`; a missing, unreadable or malformed file is an empty cache
    /// (it is only a cache: the URLs are fetched again).
    pub fn load(path: &Path, max_age: Duration) -> Cache {
        let entries = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Cache {
            path: path.to_path_buf(),
            max_age,
            entries,
        }
    }

    /// The entry for `url`, when it is younger than the maximum age.
    pub fn fresh(&self, url: &str, now: u64) -> Option<&Entry> {
        self.entries
            .get(url)
            .filter(|entry| self.is_fresh(entry, now))
    }

    /// Records an answer; transient ones are not kept.
    pub fn record(&mut self, url: &str, entry: Entry) {
        if !entry.is_transient() {
            self.entries.insert(url.to_string(), entry);
        }
    }

    /// Writes the cache, stale entries dropped, through a temporary file renamed into place.
    pub fn save(mut self, now: u64) -> io::Result<()> {
        let max_age = self.max_age;
        self.entries
            .retain(|_, entry| is_younger(entry.checked_at, now, max_age));
        let json = serde_json::to_vec_pretty(&self.entries).map_err(io::Error::other)?;
        let temporary = self
            .path
            .with_extension(format!("json.tmp-{}", std::process::id()));
        std::fs::write(&temporary, json)?;
        std::fs::rename(&temporary, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temporary);
        })
    }

    fn is_fresh(&self, entry: &Entry, now: u64) -> bool {
        is_younger(entry.checked_at, now, self.max_age)
    }
}

/// True when `checked_at` is at most `max_age` before `now`; an entry from the future (a clock
/// set back) is not trusted.
fn is_younger(checked_at: u64, now: u64, max_age: Duration) -> bool {
    now.checked_sub(checked_at)
        .is_some_and(|age| age <= max_age.as_secs())
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: u16, checked_at: u64) -> Entry {
        Entry {
            status,
            final_url: "https://a.test/".to_string(),
            checked_at,
        }
    }

    #[test]
    fn round_trips_and_keeps_only_lasting_answers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.json");
        let mut cache = Cache::load(&path, Duration::from_secs(100));
        cache.record("https://ok", entry(200, 1000));
        cache.record("https://gone", entry(404, 1000));
        cache.record("https://busy", entry(429, 1000));
        cache.record("https://down", entry(503, 1000));
        cache.save(1000).unwrap();
        let cache = Cache::load(&path, Duration::from_secs(100));
        assert_eq!(cache.fresh("https://ok", 1050), Some(&entry(200, 1000)));
        assert_eq!(
            cache.fresh("https://gone", 1050).map(|e| e.status),
            Some(404)
        );
        assert_eq!(cache.fresh("https://busy", 1050), None);
        assert_eq!(cache.fresh("https://down", 1050), None);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    #[test]
    fn stale_and_future_entries_are_not_fresh_and_stale_ones_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.json");
        let mut cache = Cache::load(&path, Duration::from_secs(100));
        cache.record("https://old", entry(200, 1000));
        cache.record("https://new", entry(200, 1090));
        assert!(cache.fresh("https://old", 1100).is_some());
        assert!(cache.fresh("https://old", 1101).is_none());
        assert!(
            cache.fresh("https://new", 1089).is_none(),
            "from the future"
        );
        cache.save(1101).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("https://old"), "{text}");
        assert!(text.contains("https://new"), "{text}");
    }

    #[test]
    fn a_malformed_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.json");
        std::fs::write(&path, b"{\"https://x\": [1, 2").unwrap();
        let cache = Cache::load(&path, Duration::from_secs(100));
        assert!(cache.fresh("https://x", 0).is_none());
    }
}
