//! A word diff for drifted segments: the English a translation was made from against the
//! article's English, as runs of words kept, removed and added.

use serde::Serialize;

/// Above this many word pairs the texts are shown whole, one removed and one added.
const MAX_CELLS: usize = 40_000;

/// A run of words of a diff, with its separating white space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub text: String,
    /// `""` kept, `"del"` only in the old text, `"ins"` only in the new one.
    pub change: &'static str,
}

/// The words of `old` and `new` as kept, removed (`del`) and added (`ins`) runs, by a longest
/// common subsequence of words.
pub fn words(old: &str, new: &str) -> Vec<Part> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let mut parts: Vec<Part> = Vec::new();
    let mut push = |word: &str, change: &'static str| match parts.last_mut() {
        Some(last) if last.change == change => {
            last.text.push(' ');
            last.text.push_str(word);
        }
        _ => parts.push(Part {
            text: word.to_string(),
            change,
        }),
    };
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        a.iter().for_each(|w| push(w, "del"));
        b.iter().for_each(|w| push(w, "ins"));
        return parts;
    }
    // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(a[i], "");
            i += 1;
            j += 1;
        } else if j == b.len() || (i < a.len() && common[i + 1][j] >= common[i][j + 1]) {
            push(a[i], "del");
            i += 1;
        } else {
            push(b[j], "ins");
            j += 1;
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| match p.change {
                "del" => format!("[-{}-]", p.text),
                "ins" => format!("{{+{}+}}", p.text),
                _ => p.text.clone(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn changed_words_are_marked() {
        assert_eq!(
            show(&words(
                "Sign in to the old portal.",
                "Sign in to the new admin portal."
            )),
            "Sign in to the [-old-] {+new admin+} portal."
        );
    }

    #[test]
    fn equal_texts_are_one_kept_run() {
        assert_eq!(
            words("Select  **Save**.", "Select **Save**."),
            [Part {
                text: "Select **Save**.".into(),
                change: ""
            }]
        );
    }

    #[test]
    fn empty_sides_are_all_added_or_removed() {
        assert_eq!(show(&words("", "New text.")), "{+New text.+}");
        assert_eq!(show(&words("Old text.", "")), "[-Old text.-]");
    }

    #[test]
    fn very_long_texts_are_shown_whole() {
        let old = "a ".repeat(300);
        let new = "b ".repeat(300);
        let parts = words(&old, &new);
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].change, parts[1].change), ("del", "ins"));
    }
}
