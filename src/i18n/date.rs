//! Dates the way the locale writes them: an article's `ms.date` (written `MM/DD/YYYY` in front
//! matter) in the locale's long date form, through ICU4X and the CLDR data compiled into it
//! (`icu_datetime`): `April 21, 2020`, `21. April 2020`, `2020年4月21日`, in the locale's own
//! calendar and digits (Thai counts Buddhist years, Arabic writes Arabic-Indic digits).

use std::cell::RefCell;
use std::collections::HashMap;

use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date as IsoDate;
use icu_locale_core::Locale;
use serde::Serialize;

/// A date on a page: machine-readable for `<time datetime>`, and as the reader's locale
/// writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Date {
    /// `YYYY-MM-DD`.
    pub iso: String,
    pub text: String,
}

/// Reads an `ms.date`: `MM/DD/YYYY` (month and day with one or two digits, as the corpus has
/// them), or `YYYY-MM-DD`. None for anything else, an empty value or an impossible day.
pub fn parse(written: &str) -> Option<(i32, u8, u8)> {
    let written = written.trim();
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = written.split(['/', '-']).collect();
    let (year, month, day) = match parts.as_slice() {
        [m, d, y] if written.contains('/') => {
            (number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?)
        }
        [y, m, d] if written.contains('-') => {
            (number(y, 4..=4)?, number(m, 2..=2)?, number(d, 2..=2)?)
        }
        _ => return None,
    };
    let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
    IsoDate::try_new_iso(year, month, day).ok()?;
    Some((year, month, day))
}

/// `written` (an `ms.date`) as `locale` writes dates, or None when it is no date. A tag ICU
/// cannot read is written as English.
pub fn format(locale: &str, written: &str) -> Option<Date> {
    let (year, month, day) = parse(written)?;
    let date = IsoDate::try_new_iso(year, month, day).ok()?;
    // Making a formatter costs about 12 µs, formatting with it well under one: one per locale
    // and thread.
    thread_local! {
        static FORMATTERS: RefCell<HashMap<String, Option<DateTimeFormatter<YMD>>>> =
            RefCell::default();
    }
    let text = FORMATTERS.with_borrow_mut(|formatters| {
        let formatter = formatters.entry(locale.to_string()).or_insert_with(|| {
            let locale: Locale = locale.parse().or_else(|_| super::ENGLISH.parse()).ok()?;
            DateTimeFormatter::try_new(locale.into(), YMD::long()).ok()
        });
        formatter.as_ref().map(|f| f.format(&date).to_string())
    })?;
    Some(Date {
        iso: format!("{year:04}-{month:02}-{day:02}"),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ms_dates_as_the_corpus_writes_them() {
        assert_eq!(parse("04/21/2020"), Some((2020, 4, 21)));
        assert_eq!(parse("4/5/2021"), Some((2021, 4, 5)));
        assert_eq!(parse(" 2021-08-04 "), Some((2021, 8, 4)));
        for bad in [
            "",
            "''",
            "08.04.2021",
            "13/01/2020",
            "02/30/2021",
            "4/5/21",
            "x/y/z",
            "2021/08/04/1",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn writes_the_date_the_way_each_locale_does() {
        let text = |locale| format(locale, "04/21/2020").unwrap().text;
        assert_eq!(text("en-US"), "April 21, 2020");
        assert_eq!(text("de-DE"), "21. April 2020");
        assert_eq!(text("ja-JP"), "2020年4月21日");
        assert_eq!(text("zh-CN"), "2020年4月21日");
        assert_eq!(text("he-IL"), "21 באפריל 2020");
        assert_eq!(text("sr-Cyrl-RS"), "21. април 2020.");
        assert_eq!(text("sr-Latn-RS"), "21. april 2020.");
        // The locale's calendar and digits: Buddhist years in Thai, Arabic-Indic digits.
        assert_eq!(text("th-TH"), "21 เมษายน 2563");
        assert_eq!(text("ar-SA"), "٢١ أبريل ٢٠٢٠");
        assert_eq!(format("de-DE", "4/5/2021").unwrap().iso, "2021-04-05");
        assert_eq!(format("de-DE", "someday"), None);
    }
}
