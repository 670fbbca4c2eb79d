//! A Dutch project whose search index is over the split threshold (1 MB), shared by
//! tests/search.rs and tests/browser.rs: 450 pages of made-up Dutch-looking words (a fixed
//! pseudo-random sequence, so every build is the same), and among them pages whose words the
//! tests search for:
//!
//! - `apparaat-registreren.md`, titled "Apparaat registreren", which says "apparaten" and
//!   "registratie" (other words of the same stems);
//! - `kwaadaardig.md`, whose title and text are HTML markup as text, which results must show as
//!   text.

use std::path::PathBuf;

use crate::common::{build_site, project, stderr};

/// How many made-up pages the project has.
pub const PAGES: usize = 450;

/// The page found by "apparaat registreren", relative to the site root.
pub const FOUND: &str = "nl-NL/apparaat-registreren.html";

/// The page whose title is markup, relative to the site root.
pub const HOSTILE: &str = "nl-NL/kwaadaardig.html";

/// The title of [`HOSTILE`], exactly as results must show it.
pub const HOSTILE_TITLE: &str = "<img src=x onerror=window.hacked=1> kwaadaardig";

/// A fixed pseudo-random sequence (xorshift64).
struct Sequence(u64);

impl Sequence {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// A made-up word: two to four syllables and, now and then, a Dutch ending.
    fn word(&mut self) -> String {
        const ONSETS: [&str; 16] = [
            "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
        ];
        const VOWELS: [&str; 8] = ["a", "e", "i", "o", "u", "aa", "ee", "oo"];
        const ENDINGS: [&str; 6] = ["", "", "en", "ing", "heid", "er"];
        let mut word = String::new();
        for _ in 0..2 + self.below(3) {
            word.push_str(ONSETS[self.below(ONSETS.len())]);
            word.push_str(VOWELS[self.below(VOWELS.len())]);
        }
        word.push_str(ENDINGS[self.below(ENDINGS.len())]);
        word
    }
}

/// The files of the project.
pub fn files() -> Vec<(String, String)> {
    let mut sequence = Sequence(0x9E37_79B9_7F4A_7C15);
    let common: Vec<String> = (0..400).map(|_| sequence.word()).collect();
    let mut files = vec![(
        "book.toml".to_string(),
        "[book]\ntitle = \"Groot\"\n[locale.nl-NL]\n".to_string(),
    )];
    for n in 0..PAGES {
        let title: Vec<String> = (0..3).map(|_| sequence.word()).collect();
        let body: Vec<String> = (0..160)
            .map(|i| match i % 3 {
                0 => common[sequence.below(common.len())].clone(),
                _ => sequence.word(),
            })
            .collect();
        files.push((
            format!("content/nl-NL/pagina-{n}.md"),
            format!("# {}\n\n{}.\n", title.join(" "), body.join(" ")),
        ));
    }
    files.push((
        "content/nl-NL/apparaat-registreren.md".to_string(),
        "# Apparaat registreren\n\nZo registreert u apparaten: de registratie duurt even.\n"
            .to_string(),
    ));
    files.push((
        "content/nl-NL/kwaadaardig.md".to_string(),
        format!(
            "---\ntitle: \"{HOSTILE_TITLE}\"\n---\n# Kwaadaardig\n\n&lt;b&gt;vet&lt;/b&gt; en kwaadaardig &lt;script&gt;window.hacked=2&lt;/script&gt;.\n"
        ),
    ));
    files
}

/// Builds the project into a new temp dir; returns it (keep it alive) and the site in it.
pub fn build() -> (tempfile::TempDir, PathBuf) {
    let files = files();
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_bytes()))
        .collect();
    let dir = project(&files);
    let (site, run) = build_site(dir.path());
    assert!(run.status.success(), "build failed: {}", stderr(&run));
    (dir, site)
}
