//! The numbers of a text, compared the way a reader would: full-width and Arabic-Indic digits
//! are digits, `1,000`, `1.000` and `1 000` are one number, `1.5` and `1,5` are one number, and
//! a date keeps its numbers whatever their order (`12/01/2020`, `01.12.2020`, `2020年12月1日`).

/// The ASCII digit a character stands for: ASCII, full-width, Arabic-Indic or Persian digits.
fn digit(c: char) -> Option<char> {
    let base = match c {
        '0'..='9' => '0',
        '０'..='９' => '０',
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        _ => return None,
    };
    char::from_digit(c as u32 - base as u32, 10)
}

/// Characters that may separate the digit groups of one number.
fn is_group_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{a0}' | '\u{202f}' | '\'' | '٫' | '٬')
}

/// True when `rest` starts with exactly three digits: a group after a space (`1 000`).
fn is_thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(|&c| digit(c).is_some())
        && rest.get(3).is_none_or(|&c| digit(c).is_none())
}

/// The numbers of `text`. With `join_groups`, digit groups separated by a group separator are
/// one number (`1,000` is `1000`); without, every run of digits is a number of its own.
/// Leading zeros are dropped: `01` is `1`. Sorted, so two lists compare as multisets.
fn numbers(text: &str, join_groups: bool) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit(c) {
            current.push(d);
            continue;
        }
        let joins = join_groups
            && !current.is_empty()
            && (is_group_separator(c) && chars.get(i + 1).is_some_and(|&n| digit(n).is_some())
                || c == ' ' && is_thousands_group(&chars[i + 1..]));
        if !joins && !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        found.push(current);
    }
    for n in &mut found {
        let trimmed = n.trim_start_matches('0');
        *n = if trimmed.is_empty() { "0".into() } else { trimmed.into() };
    }
    found.sort();
    found
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// How many English month names `text` has: a translation may write them as numbers.
fn month_names(text: &str) -> usize {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 3 && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w)))
        .count()
}

/// The numbers of `english` that `translation` lacks and those it adds, or `None` when both have
/// the same numbers under some reading (groups joined or not; months written as numbers).
pub fn mismatch(translation: &str, english: &str) -> Option<(Vec<String>, Vec<String>)> {
    let mut best: Option<(Vec<String>, Vec<String>)> = None;
    for join_groups in [false, true] {
        let (missing, mut extra) = difference(
            &numbers(english, join_groups),
            &numbers(translation, join_groups),
        );
        let mut months = month_names(english);
        extra.retain(|n| {
            let is_month = n.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m));
            let absorbed = is_month && months > 0;
            months -= usize::from(absorbed);
            !absorbed
        });
        if missing.is_empty() && extra.is_empty() {
            return None;
        }
        if best
            .as_ref()
            .is_none_or(|(m, e)| missing.len() + extra.len() < m.len() + e.len())
        {
            best = Some((missing, extra));
        }
    }
    best
}

/// `a - b` and `b - a` of two sorted multisets.
fn difference(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    let (mut i, mut j) = (0, 0);
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                only_a.push(x.clone());
                i += 1;
            }
            (Some(x), None) => {
                only_a.push(x.clone());
                i += 1;
            }
            (_, Some(y)) => {
                only_b.push(y.clone());
                j += 1;
            }
            (None, None) => unreachable!("the loop condition excludes it"),
        }
    }
    (only_a, only_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_numbers_in_other_scripts_and_formats() {
        assert_eq!(mismatch("Windows １０ versie ２００４", "Windows 10 version 2004"), None);
        assert_eq!(mismatch("ويندوز ١٠", "Windows 10"), None);
        assert_eq!(mismatch("1.000 gebruikers", "1,000 users"), None);
        assert_eq!(mismatch("1 000 brukere", "1000 users"), None);
        assert_eq!(mismatch("1,5 GB", "1.5 GB"), None);
        assert_eq!(mismatch("op 01.12.2020", "on 12/01/2020"), None);
        assert_eq!(mismatch("2020年12月1日", "December 1, 2020"), None);
    }

    #[test]
    fn different_numbers_are_listed() {
        assert_eq!(
            mismatch("elke 60 minuten", "every 30 minutes"),
            Some((vec!["30".to_string()], vec!["60".to_string()]))
        );
        assert_eq!(
            mismatch("Windows", "Windows 10"),
            Some((vec!["10".to_string()], vec![]))
        );
        // A month number needs an English month name to stand for.
        assert!(mismatch("stap 3", "step").is_some());
    }
}
