//! The numbers of a text, compared the way a reader would: full-width and Arabic-Indic digits
//! are digits, `1,000`, `1.000` and `1 000` are one number, `1.5` and `1,5` are one number, and
//! a date keeps its numbers whatever their order (`12/01/2020`, `01.12.2020`, `2020年12月1日`),
//! `250K` is `250.000` and `10 万` is `100,000`, and a number said twice is one number. A translation may spell a digit
//! out (`3 steps`, `drie stappen`) or write a digit for an English word (`one or more`,
//! `1 つ以上`; `December`, `12 月`): neither is a mismatch.

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
        let unit = |c: char| matches!(c, '万' | '萬' | '億' | '亿');
        // `10 万`: a space may come before the unit.
        if c == ' ' && !current.is_empty() && chars.get(i + 1).is_some_and(|&n| unit(n)) {
            continue;
        }
        if !joins && !current.is_empty() {
            let next_is_letter = chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
            match c {
                'K' | 'k' if !next_is_letter => current.push_str("000"),
                'M' if !next_is_letter => current.push_str("000000"),
                // Japanese and Chinese count in ten thousands: `10 万` is 100,000.
                '万' | '萬' => current.push_str("0000"),
                '億' | '亿' => current.push_str("00000000"),
                _ => {}
            }
            found.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        found.push(current);
    }
    for n in &mut found {
        let trimmed = n.trim_start_matches('0');
        *n = if trimmed.is_empty() {
            "0".into()
        } else {
            trimmed.into()
        };
    }
    found.sort();
    found.dedup();
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

/// The largest number a translation may spell out instead of writing its digits.
const SPELLED_OUT: u32 = 12;

/// English words for numbers a translation may write as digits, with their value.
const NUMBER_WORDS: [(&str, u32); 32] = [
    ("a", 1),
    ("an", 1),
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("hundred", 100),
    ("thousand", 1000),
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("once", 1),
    ("twice", 2),
    ("single", 1),
    ("both", 2),
    ("double", 2),
    ("half", 2),
    ("dozen", 12),
];

/// The values of the English month names and number words of `text`.
fn spelled_numbers(text: &str) -> Vec<String> {
    let mut values = Vec::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let word = word.to_lowercase();
        // `may` is mostly the verb.
        if let Some(month) = MONTHS.iter().position(|m| *m == word && word != "may") {
            values.push((month + 1).to_string());
        }
        if let Some((_, value)) = NUMBER_WORDS.iter().find(|(w, _)| *w == word) {
            values.push(value.to_string());
        }
    }
    values
}

/// The numbers of `english` that `translation` lacks and those it adds, or `None` when both have
/// the same numbers under some reading (groups joined or not).
pub fn mismatch(translation: &str, english: &str) -> Option<(Vec<String>, Vec<String>)> {
    let has_digits = |t: &str| t.chars().any(|c| digit(c).is_some());
    if !has_digits(translation) && !has_digits(english) {
        return None;
    }
    let mut best: Option<(Vec<String>, Vec<String>)> = None;
    let spelled = spelled_numbers(english);
    for join_groups in [false, true] {
        let (mut missing, mut extra) = difference(
            &numbers(english, join_groups),
            &numbers(translation, join_groups),
        );
        // Small numbers are often spelled out: `10 minutes`, `tien minuten`.
        missing.retain(|n| n.parse::<u32>().is_ok_and(|n| n > SPELLED_OUT));
        extra.retain(|n| !spelled.contains(n));
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

/// `a - b` and `b - a` of two sorted sets.
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
        assert_eq!(
            mismatch("Windows １０ versie ２００４", "Windows 10 version 2004"),
            None
        );
        assert_eq!(mismatch("ويندوز ١٠", "Windows 10"), None);
        assert_eq!(mismatch("1.000 gebruikers", "1,000 users"), None);
        assert_eq!(mismatch("1 000 brukere", "1000 users"), None);
        assert_eq!(mismatch("1,5 GB", "1.5 GB"), None);
        assert_eq!(mismatch("op 01.12.2020", "on 12/01/2020"), None);
        assert_eq!(mismatch("2020年12月1日", "December 1, 2020"), None);
        assert_eq!(mismatch("250.000 rijen", "250K rows"), None);
        assert_eq!(mismatch("1 つ以上の URL", "one or more URLs"), None);
        assert_eq!(
            mismatch("Er zijn drie oplossingen", "There are 3 solutions"),
            None
        );
        assert_eq!(mismatch("1 時間以上", "more than an hour"), None);
        assert_eq!(mismatch("10 万個以上", "more than 100,000"), None);
        assert_eq!(
            mismatch(
                "Microsoft 365 gids (Microsoft 365 guide)",
                "Microsoft 365 guide"
            ),
            None
        );
    }

    #[test]
    fn different_numbers_are_listed() {
        assert_eq!(
            mismatch("elke 60 minuten", "every 30 minutes"),
            Some((vec!["30".to_string()], vec!["60".to_string()]))
        );
        assert_eq!(
            mismatch("Office", "Office 365"),
            Some((vec!["365".to_string()], vec![]))
        );
        // A digit needs an English word to stand for.
        assert!(mismatch("stap 3", "step").is_some());
        assert!(mismatch("250 rijen", "250K rows").is_some());
    }
}
