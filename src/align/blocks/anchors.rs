//! What a translation keeps verbatim from its English, and so ties a translated block to its
//! English one: numbers, URLs, inline code, link targets, and names (`OneDrive`, `Microsoft`,
//! `365`) written the same in both languages.

/// The anchors of one block, each list sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Inline code, link and image targets, bare URLs and numbers: what a translation must keep.
    pub hard: Vec<String>,
    /// Words with a capital letter: product and feature names among them, which a translation
    /// usually keeps (only the ones both sides share count).
    pub names: Vec<String>,
}

impl Anchors {
    pub(super) fn add_code(&mut self, code: &str) {
        insert(&mut self.hard, format!("`{}", code.trim()));
    }

    pub(super) fn add_target(&mut self, url: &str) {
        let url = url.trim().trim_end_matches('/').to_ascii_lowercase();
        if !url.is_empty() {
            insert(&mut self.hard, format!("@{url}"));
        }
    }

    /// Takes the numbers, bare URLs and names of a block's plain text.
    pub(super) fn add_text(&mut self, text: &str) {
        for word in text.split_whitespace() {
            if word.contains("://") {
                let url = word.trim_end_matches(['.', ',', ';', ':', ')']);
                self.add_target(url);
                continue;
            }
            let token = word.trim_matches(|c: char| !c.is_alphanumeric());
            if token.chars().any(|c| c.is_ascii_digit()) {
                let digits: String = token.chars().filter(char::is_ascii_digit).collect();
                insert(&mut self.hard, format!("#{digits}"));
            } else if token.chars().count() >= 2 && token.chars().any(char::is_uppercase) {
                insert(&mut self.names, token.to_string());
            }
        }
    }
}

fn insert(list: &mut Vec<String>, item: String) {
    if let Err(at) = list.binary_search(&item) {
        list.insert(at, item);
    }
}

/// How many items two sorted runs without repeats share, and how long each is.
pub(super) fn overlap<T: Ord>(
    a: impl Iterator<Item = T>,
    b: impl Iterator<Item = T>,
) -> (usize, usize, usize) {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    let (mut both, mut only_a, mut only_b) = (0, 0, 0);
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => return (both, both + only_a, both + only_b),
            (Some(_), None) => {
                a.next();
                only_a += 1;
            }
            (None, Some(_)) => {
                b.next();
                only_b += 1;
            }
            (Some(x), Some(y)) => match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                    only_a += 1;
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                    only_b += 1;
                }
                std::cmp::Ordering::Equal => {
                    a.next();
                    b.next();
                    both += 1;
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_urls_code_targets_and_names() {
        let mut anchors = Anchors::default();
        anchors.add_code(" dsregcmd /status ");
        anchors.add_target("https://A.example/x/");
        anchors
            .add_text("Open OneDrive at https://b.example/y. Wait 1,000 ms (v2), then Select it.");
        assert_eq!(
            anchors.hard,
            [
                "#1000",
                "#2",
                "@https://a.example/x",
                "@https://b.example/y",
                "`dsregcmd /status"
            ]
        );
        assert_eq!(anchors.names, ["OneDrive", "Open", "Select", "Wait"]);
        let mut other = Anchors::default();
        other.add_text("Åbn OneDrive, og vent 1.000 ms.");
        assert_eq!(overlap(anchors.hard.iter(), other.hard.iter()), (1, 5, 1));
        assert_eq!(overlap(anchors.names.iter(), other.names.iter()), (1, 4, 2));
    }
}
