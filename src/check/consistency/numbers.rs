//! The numbers of a text, compared the way a reader would: full-width and Arabic-Indic digits
//! are digits, `1,000`, `1.000`, `1 000` and `100，000` are one number, `1.5` and `1,5` are one
//! number, and a date keeps its numbers whatever their order (`12/01/2020`, `01.12.2020`,
//! `2020年12月1日`). A scale multiplies: `250K` is `250.000`, `10 万` is `100,000`, `30 million`
//! is `30.000.000`, `250 אלף` is `250,000`. A number said twice is one number. A translation
//! may spell a number out (`3 steps`, `drie stappen`; `30 days`, `dertig dagen`) or write a
//! digit for an English word (`one or more`, `1 つ以上`; `May 2021`, `2021 年 5 月`): neither is
//! a mismatch. Placeholders a translation tool leaves (`#A0`) are not numbers.

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
    matches!(
        c,
        '.' | ',' | '\u{a0}' | '\u{202f}' | '\'' | '٫' | '٬' | '，' | '．'
    )
}

/// True when `rest` starts with exactly three digits: a group after a space (`1 000`).
fn is_thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(|&c| digit(c).is_some())
        && rest.get(3).is_none_or(|&c| digit(c).is_none())
}

/// A number of a text: its value as digits, and the digits as written when a scale word
/// followed them (`30 million`: `30000000`, written `30`): a translation may keep the digits
/// and write the scale in a word of its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Number {
    value: String,
    written: Option<String>,
}

/// Words for a thousand, a million and a billion after a number, with their count of zeros:
/// English and the words of the languages diglot has been run on, lower case, without a
/// trailing dot (`Mio.`).
const SCALE_WORDS: [(&str, usize); 48] = [
    ("thousand", 3),
    ("thousands", 3),
    ("k", 3),
    ("tausend", 3),
    ("duizend", 3),
    ("tusind", 3),
    ("tusen", 3),
    ("mille", 3),
    ("mil", 3),
    ("mila", 3),
    ("אלף", 3),
    ("אלפים", 3),
    ("ألف", 3),
    ("آلاف", 3),
    ("тысяч", 3),
    ("тыс", 3),
    ("million", 6),
    ("millions", 6),
    ("millionen", 6),
    ("mio", 6),
    ("miljoen", 6),
    ("miljoenen", 6),
    ("millioner", 6),
    ("miljoner", 6),
    ("millón", 6),
    ("millones", 6),
    ("milhão", 6),
    ("milhões", 6),
    ("milione", 6),
    ("milioni", 6),
    ("מיליון", 6),
    ("מיליוני", 6),
    ("مليون", 6),
    ("ملايين", 6),
    ("миллион", 6),
    ("млн", 6),
    ("billion", 9),
    ("billions", 9),
    ("milliard", 9),
    ("milliards", 9),
    ("milliarde", 9),
    ("milliarden", 9),
    ("miljard", 9),
    ("milliarder", 9),
    ("mrd", 9),
    ("מיליארד", 9),
    ("مليار", 9),
    ("млрд", 9),
];

/// The zeros a unit of Japanese, Chinese or Korean after a number adds: `10万`, `3億`. (`千`
/// is left out: `3.284 千克` is 3.284 kilograms.)
fn cjk_unit(c: char) -> Option<usize> {
    match c {
        // Counted in ten thousands: `10 万` is 100,000.
        '万' | '萬' | '만' => Some(4),
        '億' | '亿' | '억' => Some(8),
        _ => None,
    }
}

/// The zeros a scale written right after a number adds: a suffix (`250K`, `10万`, `3M`) or,
/// after one space or hyphen, a unit or a word (`10 万`, `30 million`, `250 אלף`, `100-K`).
/// `None` when no scale follows; the flag says the scale is a word.
fn scale_after(rest: &[char]) -> Option<(usize, bool)> {
    let is_letter = |i: usize| rest.get(i).is_some_and(|c| c.is_alphabetic());
    match rest.first()? {
        'K' | 'k' if !is_letter(1) => return Some((3, false)),
        'M' if !is_letter(1) => return Some((6, false)),
        ' ' | '\u{a0}' | '-' => {}
        &c => return cjk_unit(c).map(|zeros| (zeros, false)),
    }
    if let Some(zeros) = rest.get(1).and_then(|&c| cjk_unit(c)) {
        return Some((zeros, false));
    }
    let word: String = rest[1..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    SCALE_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, zeros)| (*zeros, word != "k"))
}

/// How the digits of a text are read into numbers; the reading that matches best is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Every run of digits is a number: `01.12.2020` is 1, 12, 2020.
    Runs,
    /// Digit groups separated by a group separator are one number: `1,000` is 1000.
    Groups,
    /// Runs, a run after `.` or `,` being a fraction without its trailing zeros: `14.920` is 14
    /// and 92, as `14,92` is.
    Fractions,
}

/// The numbers of `text` under `reading`.
/// one number (`1,000` is `1000`); without, every run of digits is a number of its own.
/// Leading zeros are dropped: `01` is `1`. Sorted, without repeats.
fn numbers(text: &str, reading: Reading) -> Vec<Number> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut current = String::new();
    // Where the digits after the last separator joined start: `2.5k` is 2500.
    let mut last_group = None;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit(c) {
            current.push(d);
            continue;
        }
        if current.is_empty() {
            continue;
        }
        let separator =
            is_group_separator(c) && chars.get(i + 1).is_some_and(|&n| digit(n).is_some());
        let joins = reading == Reading::Groups
            && (separator || c == ' ' && is_thousands_group(&chars[i + 1..]));
        if joins {
            last_group = separator.then_some(current.len());
            continue;
        }
        let mut digits = std::mem::take(&mut current);
        let fraction = last_group.take().map_or(0, |start| digits.len() - start);
        if reading == Reading::Fractions {
            trim_fraction(&mut digits, &chars[..i]);
        }
        found.push(match scale_after(&chars[i..]) {
            // A short last group is a decimal fraction: `2.5k`, `1,5 Millionen`.
            Some((zeros, word)) => Number {
                value: without_leading_zeros(&format!(
                    "{digits}{}",
                    "0".repeat(if fraction < 3 {
                        zeros.saturating_sub(fraction)
                    } else {
                        zeros
                    })
                )),
                written: word.then(|| without_leading_zeros(&digits)),
            },
            None => Number {
                value: without_leading_zeros(&digits),
                written: None,
            },
        });
    }
    if !current.is_empty() {
        if reading == Reading::Fractions {
            trim_fraction(&mut current, &chars);
        }
        found.push(Number {
            value: without_leading_zeros(&current),
            written: None,
        });
    }
    found.sort();
    found.dedup_by(|a, b| a.value == b.value);
    found
}

/// A run of digits right after `.` or `,` read as a fraction: without its trailing zeros.
/// `before` ends with the run.
fn trim_fraction(digits: &mut String, before: &[char]) {
    let start = before.len() - digits.chars().count();
    if start > 0 && matches!(before[start - 1], '.' | ',') {
        let kept = digits.trim_end_matches('0').len().max(1);
        digits.truncate(kept);
    }
}

fn without_leading_zeros(digits: &str) -> String {
    match digits.trim_start_matches('0') {
        "" => "0".to_string(),
        trimmed => trimmed.to_string(),
    }
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

/// Month abbreviations, as written (capitalized): `Nov 30th`, `Dec 2017`.
const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The largest number a translation may spell out instead of writing its digits.
const SPELLED_OUT: u32 = 12;

/// English words for numbers a translation may write as digits, with their value. `per`,
/// `each` and `daily` are written `1` (`1 日につき` for "per day"), `a day` often `24 時間`.
const NUMBER_WORDS: [(&str, u32); 46] = [
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
    ("million", 1000000),
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("once", 1),
    ("twice", 2),
    ("single", 1),
    ("both", 2),
    ("double", 2),
    ("doubled", 2),
    ("couple", 2),
    ("half", 2),
    ("dozen", 12),
    ("per", 1),
    ("each", 1),
    ("another", 1),
    ("daily", 1),
    ("day", 24),
    ("week", 7),
];

/// Words for numbers above twelve that a translation may write instead of the English digits
/// (`30 days`, `dertig dagen`): English, Dutch, German, Danish, Norwegian, French, Spanish,
/// Italian and Portuguese. A word matches when it is one of these or, for those of five bytes
/// or more, starts with one (`twintigste`, the 20th).
const SPELLED_ABOVE_TWELVE: [(u32, &[&str]); 8] = [
    (
        20,
        &[
            "twenty", "twintig", "zwanzig", "tyve", "tjue", "vingt", "veinte", "venti", "vinte",
        ],
    ),
    (
        24,
        &[
            "vierentwintig",
            "vierundzwanzig",
            "fireogtyve",
            "tjuefire",
            "veinticuatro",
            // "24 hours": a day, `ett døgn`, `een etmaal`.
            "døgn",
            "etmaal",
        ],
    ),
    (
        30,
        &[
            "thirty", "dertig", "dreißig", "dreissig", "tredive", "tretti", "trente", "treinta",
            "trenta", "trinta",
        ],
    ),
    (
        40,
        &[
            "forty", "veertig", "vierzig", "fyrre", "førti", "quarante", "cuarenta", "quaranta",
            "quarenta",
        ],
    ),
    (
        50,
        &[
            "fifty",
            "vijftig",
            "fünfzig",
            "halvtreds",
            "femti",
            "cinquante",
            "cincuenta",
            "cinquanta",
            "cinquenta",
        ],
    ),
    (
        60,
        &[
            "sixty", "zestig", "sechzig", "seksti", "soixante", "sesenta", "sessanta", "sessenta",
        ],
    ),
    (
        90,
        &[
            "ninety", "negentig", "neunzig", "halvfems", "nitti", "noventa", "novanta",
        ],
    ),
    (
        100,
        &[
            "hundred", "honderd", "hundert", "hundrede", "hundre", "cent", "cien", "cento",
        ],
    ),
];

/// The values of the English month names and number words of `text`.
fn english_number_words(text: &str) -> Vec<String> {
    let mut values = Vec::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if let Some(month) = MONTH_ABBREVIATIONS.iter().position(|m| *m == word) {
            values.push((month + 1).to_string());
        }
        let lower = word.to_lowercase();
        // `may` is mostly the verb; `May` is the month.
        if let Some(month) = MONTHS.iter().position(|m| *m == lower && word != "may") {
            values.push((month + 1).to_string());
        }
        if let Some((_, value)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
            values.push(value.to_string());
        }
    }
    values.extend(afternoon_hours(text));
    values
}

/// The hours of `6PM` and `6 p.m.` on a 24-hour clock: `18`.
fn afternoon_hours(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut hours = Vec::new();
    for (at, _) in lower.match_indices("pm").chain(lower.match_indices("p.m.")) {
        let before = lower[..at].trim_end();
        // `5:30PM`: the hour is before the minutes.
        let before = match before.rsplit_once(':') {
            Some((hour, minutes))
                if minutes.len() == 2 && minutes.bytes().all(|b| b.is_ascii_digit()) =>
            {
                hour
            }
            _ => before,
        };
        let start = before
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| i + 1);
        if let Ok(hour @ 1..=11) = before[start..].parse::<u32>() {
            hours.push((hour + 12).to_string());
        }
    }
    hours
}

/// True when `translation` writes `digit` with a counter word of Japanese or Chinese: a small
/// number said as the language says it, where English says "another", "a user", "per day",
/// "the past month", "three dots", "different plans" (`1 つ`, `1 人`, `3 つ`, `3 種類`).
fn counts(translation: &str, digit: char) -> bool {
    const COUNTERS: &str = "つ回人個件日分秒時台名次个天种種位週年かヶヵ";
    translation.match_indices(digit).any(|(at, _)| {
        let after = translation[at + 1..].trim_start_matches(' ');
        let before = translation[..at].chars().next_back();
        after.starts_with(|c: char| COUNTERS.contains(c))
            && before.is_none_or(|c| !c.is_ascii_digit())
    })
}

/// True when the English measures in imperial units and the translation in metric ones: every
/// figure may change (`every 5-8 feet`, `alle 1,5–2,5 m`).
fn converts_units(translation: &str, english: &str) -> bool {
    const IMPERIAL: [&str; 10] = [
        "feet", "foot", "ft", "inch", "inches", "mile", "miles", "pounds", "lbs", "°F",
    ];
    const METRIC: [&str; 8] = ["m", "cm", "mm", "km", "kg", "g", "°C", "meter"];
    let imperial_stems = ["feet", "foot", "ft", "inch", "mile", "pound", "lbs", "°F"];
    if !imperial_stems.iter().any(|stem| english.contains(stem)) {
        return false;
    }
    let has = |text: &str, units: &[&str]| {
        text.split(|c: char| c.is_whitespace() || c.is_ascii_digit() || ",.;:()–-".contains(c))
            .any(|word| units.contains(&word))
    };
    has(english, &IMPERIAL) && has(translation, &METRIC) && !has(english, &METRIC)
}

/// The values above twelve that `translation` spells out in words.
fn spelled_above_twelve(translation: &str) -> Vec<String> {
    let mut values = Vec::new();
    for word in translation.split(|c: char| !c.is_alphabetic()) {
        let lower = word.to_lowercase();
        let matches = |w: &&str| lower == *w || w.len() >= 5 && lower.starts_with(*w);
        for (value, words) in SPELLED_ABOVE_TWELVE {
            if words.iter().any(matches) {
                values.push(value.to_string());
            }
        }
    }
    values
}

/// Product names a translation may add a version number to (`your tenant`, `Microsoft 365
/// テナント`): a number right after one of them is a name, not a figure of the text.
const PRODUCTS: [&str; 4] = ["Microsoft", "Office", "Windows", "O"];

/// True when `number` follows a product name in `text` (`Office 365`, `Windows 10`).
fn is_product_version(text: &str, number: &str) -> bool {
    PRODUCTS.iter().any(|p| {
        [" ", ""].iter().any(|space| {
            text.match_indices(&format!("{p}{space}{number}"))
                .any(|(at, m)| {
                    let before = text[..at].chars().next_back();
                    let after = text[at + m.len()..].chars().next();
                    before.is_none_or(|c| !c.is_alphanumeric())
                        && after.is_none_or(|c| !c.is_ascii_digit())
                })
        })
    })
}

/// The numbers of `english` that `translation` lacks and those it adds, or `None` when both have
/// the same numbers under some [`Reading`].
pub fn mismatch(translation: &str, english: &str) -> Option<(Vec<String>, Vec<String>)> {
    let has_digits = |t: &str| t.chars().any(|c| digit(c).is_some());
    if !has_digits(translation) && !has_digits(english) {
        return None;
    }
    let translation = super::placeholders::strip(translation);
    if converts_units(&translation, english) {
        return None;
    }
    let mut best: Option<(Vec<String>, Vec<String>)> = None;
    // Read only when a number is missing or added: most segments have the same numbers.
    let words = std::cell::OnceCell::new();
    let spelled = std::cell::OnceCell::new();
    for reading in [Reading::Runs, Reading::Groups, Reading::Fractions] {
        let theirs = numbers(english, reading);
        let ours = numbers(&translation, reading);
        let (mut missing, mut extra) = difference(&values(&theirs), &values(&ours));
        // `30 million` may be `30` and a word for million that the scale table lacks.
        let has = |numbers: &[Number], digits: &str| numbers.iter().any(|n| n.value == digits);
        missing.retain(|n| written_in(&theirs, n).is_none_or(|w| !has(&ours, w)));
        extra.retain(|n| written_in(&ours, n).is_none_or(|w| !has(&theirs, w)));
        // Small numbers are often spelled out: `10 minutes`, `tien minuten`; larger ones less.
        missing.retain(|n| {
            n.parse::<u32>().is_ok_and(|n| n > SPELLED_OUT)
                && !spelled
                    .get_or_init(|| spelled_above_twelve(&translation))
                    .contains(n)
        });
        // A zero is the minutes of a time (`18:00`), a small number with a counter is the way
        // the language says "a" or "several" (`1 つ`, `3 種類`).
        let small_counted =
            |n: &str| matches!(n, "1" | "2" | "3") && n.chars().any(|d| counts(&translation, d));
        extra.retain(|n| {
            n != "0"
                && !words
                    .get_or_init(|| english_number_words(english))
                    .contains(n)
                && !is_product_version(&translation, n)
                && !small_counted(n)
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

/// How the number of value `value` was written, when a scale word followed its digits.
fn written_in<'a>(numbers: &'a [Number], value: &str) -> Option<&'a str> {
    numbers
        .iter()
        .find(|n| n.value == value)
        .and_then(|n| n.written.as_deref())
}

/// The values of sorted numbers, sorted.
fn values(numbers: &[Number]) -> Vec<String> {
    let mut values: Vec<String> = numbers.iter().map(|n| n.value.clone()).collect();
    values.sort();
    values
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
    fn months_scales_separators_and_placeholders_of_real_segments() {
        // ja-JP/windows10-may-2021-update.md, ja-JP/restrict-sharepoint-online-to-classic-mode.md
        assert_eq!(
            mismatch(
                "2021 年 5 月の更新プログラムを既に実行しているかどうか",
                "whether you're already running the May 2021 Update"
            ),
            None
        );
        assert_eq!(
            mismatch("2019 年 5 月 31 日まで", "through May 31, 2019"),
            None
        );
        // ja-JP/prepare-for-use-of-tls-1-2-in-office-365.md
        assert_eq!(
            mismatch(
                "2017 年 12 月の MC126199、2018 年 2 月の MC128929",
                "MC126199 in Dec 2017, MC128929 in Feb 2018"
            ),
            None
        );
        // */file-limits.md: "A library can have up to 30 million files and folders."
        let english = "A library can have up to 30 million files and folders.";
        for translation in [
            "Een bibliotheek kan maximaal 30.000.000 bestanden en mappen bevatten.",
            "Et bibliotek kan ha opptil 30 000 000 filer og mapper.",
            "ライブラリには、最大 3,000 万のファイルおよびフォルダーを含めることができます。",
            "يمكن ان تتضمن المكتبة ما يصل إلى 30,000,000 ملفات ومجلدات.",
            "Une bibliothèque peut contenir jusqu'à 30 millions de fichiers.",
            "ספריה יכולה להכיל עד 30 מיליון קבצים ותיקיות.",
            "Ein Bibliothek kann bis zu 30 Mrd-Dateien enthalten.",
        ] {
            let found = mismatch(translation, english);
            if translation.contains("Mrd") {
                assert!(found.is_some(), "{translation}");
            } else {
                assert_eq!(found, None, "{translation}");
            }
        }
        // ja-JP/password-logs.md
        assert_eq!(
            mismatch(
                "100 万件のイベントが PowerShell から利用可能です。",
                "1 million events are available through PowerShell."
            ),
            None
        );
        assert_eq!(
            mismatch("最多 100，000 个项目", "up to 100,000 items"),
            None
        );
        assert_eq!(mismatch("עד 250 אלף שורות", "up to 250K rows"), None);
        assert_eq!(
            mismatch("حتى 100 ألف علبة بريد", "more than 100K mailboxes"),
            None
        );
        // de-DE/disable-one-drive-for-business.md: `#A0` is a placeholder, not a zero.
        assert_eq!(
            mismatch(
                "Deaktivieren der #A0 für einige Benutzer",
                "Disable OneDrive site creation for some users"
            ),
            None
        );
        // nl-NL/restore-deleted-mailbox.md, nl-NL/when-is-the-billing-statement-generated.md
        assert_eq!(
            mismatch(
                "wordt het postvak dertig dagen bewaard",
                "their mailbox is retained for 30 days"
            ),
            None
        );
        assert_eq!(
            mismatch(
                "op de twintigste maand januari hebt aangemaakt, wordt de datum ingesteld op het 21e.",
                "on the 20th of January, your statement date is set to the 21st"
            ),
            None
        );
        // ja-JP/need-help-with-email-sending-limits.md; ja-JP/upgrade-from-skype-...-to-teams.md
        assert_eq!(
            mismatch(
                "この制限は **1 日につき 1 万人の受信者** です。",
                "this limit is **10,000 recipients per day**."
            ),
            None
        );
        assert_eq!(
            mismatch(
                "Microsoft 365 テナントとのハイブリッド接続を設定して",
                "You'll need to set up hybrid connectivity with your tenant"
            ),
            None
        );
    }

    #[test]
    fn entities_clock_hours_fractions_and_counters_of_the_hololens_set() {
        // holo de-DE/hololens2-support.md, hololens-updates.md, hololens2-hardware.md
        assert_eq!(
            mismatch("Mo bis Fr, 09:00 bis 18:00 Uhr", "Mon to Fri, 09AM to 6PM"),
            None
        );
        assert_eq!(
            mismatch(
                "Der Standardwert ist 8 (8:00 Uhr).",
                "The default value is 8 (8 AM)."
            ),
            None
        );
        assert_eq!(
            mismatch("Mo bis Fr, 9:00 bis 17:30 Uhr", "Mon to Fri, 9AM to 5:30PM"),
            None
        );
        assert_eq!(mismatch("14,92 Zoll", "14.920 inches"), None);
        assert_eq!(mismatch("88,10 USD", "$88.1"), None);
        // holo zh-CN/hololens2-hardware.md: `千克` is a kilogram.
        assert_eq!(mismatch("3.284 千克", "3.284 kg"), None);
        // holo ja-JP/hololens2-deployment-guide.md, ja-JP/delete-a-user-and-remove-licenses.md
        assert_eq!(
            mismatch(
                "考慮すべきもう1つのオプション",
                "Another option to consider"
            ),
            None
        );
        assert_eq!(
            mismatch(
                "削除する 1 人または複数のユーザーを選択",
                "Select the user or users to delete"
            ),
            None
        );
        // holo de-DE/hololens2-hardware.md, hololens-spaces.md; nb-NO/teams-freemium.md
        assert_eq!(
            mismatch(
                ">2.500 Radianten (Lichtpunkte pro Radiant)",
                ">2.5k radiants (light points per radian)"
            ),
            None
        );
        assert_eq!(
            mismatch(
                "Gehen Sie langsam durch den Raum, halten Sie alle 1,5–2,5 m an.",
                "Walk slowly around the space, stopping every 5-8 feet."
            ),
            None
        );
        assert_eq!(
            mismatch(
                "VIKTIG: Det kan ta opptil ett døgn før endringene trer i kraft.",
                "IMPORTANT: You may have to wait up to 24 hours for your changes to take effect."
            ),
            None
        );
        // ja-JP/owa-read-receipts.md, ja-JP/office-365-for-business-plans-and-pricing.md
        assert_eq!(
            mismatch(
                "省略記号 (3 つのドット) を選択します。",
                "Select the ellipsis."
            ),
            None
        );
        assert_eq!(
            mismatch(
                "3 種類のプランがあります。",
                "There are different plans available."
            ),
            None
        );
        // Not a counter: a figure of its own.
        assert!(mismatch("バージョン 1 を選択", "Select the version").is_some());
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
        // ar-SA/export-eDiscovery-or-content-search-results.md: the K was lost.
        assert!(
            mismatch(
                "إذا كنت تقوم بتصدير أكثر من 100 علبة بريد",
                "If you're exporting more than 100K mailboxes"
            )
            .is_some()
        );
        // de-DE/microsoft-365-lighthouse-preview.md: Lighthouse became 2013.
        assert_eq!(
            mismatch(
                "Sie nehmen an der privaten Vorschau für Microsoft 365-2013 teil.",
                "You are participating in the Private Preview for Microsoft 365 Lighthouse."
            ),
            Some((vec![], vec!["2013".to_string()]))
        );
        // nl-NL/content-doesn-t-appear-in-sharepoint-search-results.md: `24 hours` was lost.
        assert!(
            mismatch(
                "Het kan enige tijd duren voordat u de resultaten opnieuw controleert.",
                "This might take a while, wait 24 hours before checking the results again."
            )
            .is_some()
        );
    }
}
