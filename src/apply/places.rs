//! Where each unit of an exported file sits in the markdown: for an sxs file the translation
//! half of the span with that `data-ttu-id`, for a plain file the inline content of the block
//! (or blocks) its id names. Also what the file looks like again after an edit, to make sure an
//! edit changed nothing but its own place.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::align::blocks;
use crate::parse::{front_matter, sxs};

/// A unit's place: the bytes its target replaces, and the English it translates when the file
/// carries it (sxs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub range: Range<usize>,
    pub english: Option<String>,
}

/// The markdown file as `diglot apply` sees it: its places by unit id, and what an edit must
/// keep (the segment ids of an sxs file, the block kinds of a plain one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Places by id; an sxs id used twice has its places in file order.
    places: HashMap<String, Vec<Place>>,
    /// What must stay the same: segment ids and scan findings, or block kinds.
    shape: Vec<String>,
}

/// Whether a file carries its English in spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sxs,
    Plain,
}

impl Layout {
    /// Reads `text` (the file without a byte-order mark) as `kind`.
    pub fn of(text: &str, kind: Kind, file: &Path) -> Layout {
        match kind {
            Kind::Sxs => sxs_layout(text, file),
            Kind::Plain => plain_layout(text),
        }
    }

    /// The place of the `occurrence`-th unit (from 0) with this id.
    pub fn place(&self, id: &str, occurrence: usize) -> Option<&Place> {
        self.places.get(id)?.get(occurrence)
    }

    /// True when `other` has the same segments or blocks, in order.
    pub fn same_shape(&self, other: &Layout) -> bool {
        self.shape == other.shape
    }
}

fn sxs_layout(text: &str, file: &Path) -> Layout {
    let scan = sxs::scan(text, file);
    let mut places: HashMap<String, Vec<Place>> = HashMap::new();
    let mut shape = Vec::new();
    for segment in &scan.segments {
        places
            .entry(segment.id.suffix.clone())
            .or_default()
            .push(Place {
                range: segment.target_start..segment.target_start + segment.target.len(),
                english: segment.source.clone(),
            });
        shape.push(format!(
            "{}-{} {:?}",
            segment.id.prefix, segment.id.suffix, segment.source
        ));
    }
    shape.extend(scan.diagnostics.iter().map(|d| d.code.name().to_string()));
    shape.push(front_matter_shape(text));
    Layout { places, shape }
}

fn plain_layout(text: &str) -> Layout {
    let body = match front_matter::locate(text) {
        front_matter::Block::Closed { body, .. } | front_matter::Block::Unterminated { body } => {
            body
        }
        front_matter::Block::Missing => 0,
    };
    let found = blocks::blocks(&text[body..]);
    let content = |k: usize| {
        let block = &found[k];
        block.content.start + body..block.content.end + body
    };
    let mut places: HashMap<String, Vec<Place>> = HashMap::new();
    for k in 0..found.len() {
        let place = |end: usize| Place {
            range: content(k).start..content(end).end,
            english: None,
        };
        places.insert(format!("b{}", k + 1), vec![place(k)]);
        if k + 1 < found.len() {
            places.insert(format!("b{}-{}", k + 1, k + 2), vec![place(k + 1)]);
        }
    }
    let mut shape: Vec<String> = found.iter().map(|b| b.kind.to_string()).collect();
    shape.push(front_matter_shape(text));
    Layout { places, shape }
}

/// Whether the front matter parses: an edit of a title segment must not break it.
fn front_matter_shape(text: &str) -> String {
    match front_matter::locate(text) {
        front_matter::Block::Closed { yaml, .. } => {
            let parses = front_matter::parse(&text[yaml]).is_ok();
            format!("front matter parses: {parses}")
        }
        _ => "no front matter".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sxs_places_are_translation_halves_by_id() {
        let text = "# <span data-ttu-id=\"a-1\">Kop</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Title</span></span>\n";
        let layout = Layout::of(text, Kind::Sxs, Path::new("a.md"));
        let place = layout.place("1", 0).unwrap();
        assert_eq!(&text[place.range.clone()], "Kop");
        assert_eq!(place.english.as_deref(), Some("Title"));
        assert!(layout.place("1", 1).is_none());
        assert!(layout.place("2", 0).is_none());
    }

    #[test]
    fn plain_places_are_block_contents_and_pairs_of_them() {
        let text = "---\ntitle: t\n---\n# Kop\n\nTekst **vet**.\n\n- Punt\n";
        let layout = Layout::of(text, Kind::Plain, Path::new("a.md"));
        let at = |id: &str| &text[layout.place(id, 0).unwrap().range.clone()];
        assert_eq!(at("b1"), "Kop");
        assert_eq!(at("b2"), "Tekst **vet**.");
        assert_eq!(at("b2-3"), "Tekst **vet**.\n\n- Punt");
        assert!(layout.place("b4", 0).is_none());
        let edited = text.replace("Tekst **vet**.", "Tekst.\n\nMeer.");
        assert!(!layout.same_shape(&Layout::of(&edited, Kind::Plain, Path::new("a.md"))));
        let edited = text.replace("Tekst **vet**.", "Andere tekst.");
        assert!(layout.same_shape(&Layout::of(&edited, Kind::Plain, Path::new("a.md"))));
    }
}
