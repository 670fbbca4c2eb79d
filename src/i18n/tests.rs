use std::collections::BTreeSet;

use super::*;

/// The keys the default templates read (`t.<key>`), found in the template files themselves.
fn template_keys() -> BTreeSet<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let bytes = text.as_bytes();
        for (at, _) in text.match_indices("t.") {
            let starts_word = at == 0
                || !(bytes[at - 1].is_ascii_alphanumeric() || b"_.".contains(&bytes[at - 1]));
            if !starts_word {
                continue;
            }
            let key: String = text[at + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !key.is_empty() {
                keys.insert(key);
            }
        }
    }
    keys
}

/// The keys the code reads: the title of every alert kind.
fn code_keys() -> BTreeSet<String> {
    ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
        .into_iter()
        .map(|marker| format!("alert_{}", crate::markdown::alert_name(marker).unwrap()))
        .collect()
}

fn builtin_table(tag: &str) -> Table {
    let (_, text) = BUILTIN.iter().find(|(t, _)| *t == tag).unwrap();
    parse_table(Path::new(tag), text).unwrap()
}

#[test]
fn every_table_has_every_key_the_templates_and_the_code_use() {
    let used: BTreeSet<String> = template_keys().into_iter().chain(code_keys()).collect();
    assert!(used.contains("previous") && used.contains("mt_notice") && used.contains("alert_note"));
    assert_eq!(BUILTIN.len(), 44);
    for (tag, _) in BUILTIN {
        let table = builtin_table(tag);
        let missing: Vec<&String> = used.iter().filter(|k| !table.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{tag}.toml lacks {missing:?}");
        let unused: Vec<&String> = table.keys().filter(|k| !used.contains(*k)).collect();
        assert!(
            unused.is_empty(),
            "{tag}.toml has keys nothing uses: {unused:?}"
        );
    }
}

#[test]
fn the_builtin_tables_load_with_the_placeholders_of_the_english() {
    // Loading checks every key against the English and every placeholder.
    let strings = Strings::builtin().unwrap();
    assert!(strings.get("de-DE", "updated").contains("{date}"));
    assert!(
        strings
            .get("tr-TR", "stale_freshness")
            .contains("{freshness}")
    );
}

#[test]
fn every_table_is_translated() {
    let english = builtin_table(ENGLISH);
    for (tag, _) in BUILTIN.iter().filter(|(t, _)| *t != ENGLISH) {
        let table = builtin_table(tag);
        let same: Vec<&String> = english
            .iter()
            .filter(|(key, en)| table[*key].text == en.text)
            .map(|(key, _)| key)
            .collect();
        // Words such as `Status`, `ID`, `Tip` or `Articles: {count}` may be the same; sentences
        // may not.
        assert!(
            same.len() <= 8,
            "{tag}: {} strings left in English: {same:?}",
            same.len()
        );
        for key in &same {
            let words = english[*key]
                .text
                .split_whitespace()
                .filter(|w| !w.contains('{'));
            assert!(words.count() < 3, "{tag}: `{key}` left in English");
        }
    }
}

#[test]
fn the_fallback_chain_cuts_the_tag_then_finds_a_sibling_then_english() {
    let strings = Strings::builtin().unwrap();
    assert_eq!(strings.get("pt-BR", "alert_note"), "Observação");
    assert_eq!(strings.get("pt-PT", "alert_note"), "Nota");
    assert_eq!(strings.get("PT-br", "alert_note"), "Observação");
    // No `pt` table: the Portuguese table sharing most with the tag.
    assert_eq!(strings.get("pt", "alert_note"), "Observação");
    assert_eq!(strings.get("de-AT", "previous"), "Zurück");
    assert_eq!(strings.get("sr-Cyrl-RS", "next"), "Следеће");
    assert_eq!(strings.get("sr-Latn-ME", "next"), "Sledeće");
    assert_eq!(strings.get("sr-cyrl-me", "next"), "Следеће");
    assert_eq!(strings.get("xx-YY", "next"), "Next");
    assert_eq!(strings.get("de-DE", "no-such-key"), "no-such-key");
    assert_eq!(strings.alert_title("ja-JP", "caution"), "注意事項");
    assert_eq!(strings.alert_title("he-IL", "warning"), "אזהרה");
    let table = strings.table("zh-CN");
    assert_eq!(table["on_this_page"], "本页内容");
    assert_eq!(table.len(), strings.keys().len());
}

fn located(text: &str, line: usize) -> Located {
    Located {
        text: text.to_string(),
        line,
        column: 1,
    }
}

#[test]
fn a_theme_overrides_strings_and_its_english_adds_keys() {
    let mut strings = Strings::builtin().unwrap();
    let files = vec![
        (
            PathBuf::from("th/i18n/de.toml"),
            "previous = \"Vorherige\"\nsubscribe = \"Abonnieren\"\n".to_string(),
        ),
        (
            PathBuf::from("th/i18n/en.toml"),
            "subscribe = \"Subscribe\"\n".to_string(),
        ),
    ];
    strings.add_theme(&files).unwrap();
    // The theme's `de` wins over the built-in `de-DE`: a later layer overrides a whole language.
    assert_eq!(strings.get("de-DE", "previous"), "Vorherige");
    assert_eq!(strings.get("de-DE", "next"), "Weiter");
    assert_eq!(strings.get("de-DE", "subscribe"), "Abonnieren");
    assert_eq!(strings.get("fr-FR", "subscribe"), "Subscribe");
    assert!(strings.keys().contains("subscribe"));

    let mut overrides = BTreeMap::new();
    overrides.insert(
        "pt".to_string(),
        Table::from([("previous".to_string(), located("Voltar", 3))]),
    );
    overrides.insert(
        "de-AT".to_string(),
        Table::from([("subscribe".to_string(), located("Abonnier", 5))]),
    );
    strings
        .add_overrides(Path::new("book.toml"), &overrides)
        .unwrap();
    assert_eq!(strings.get("pt-BR", "previous"), "Voltar");
    assert_eq!(strings.get("de-AT", "subscribe"), "Abonnier");
    assert_eq!(strings.get("de-DE", "subscribe"), "Abonnieren");
}

#[test]
fn a_translation_of_another_locale_does_not_override_a_sibling() {
    let mut strings = Strings::builtin().unwrap();
    let overrides = BTreeMap::from([(
        "pt-PT".to_string(),
        Table::from([("previous".to_string(), located("Recuar", 2))]),
    )]);
    strings
        .add_overrides(Path::new("book.toml"), &overrides)
        .unwrap();
    assert_eq!(strings.get("pt-PT", "previous"), "Recuar");
    assert_eq!(strings.get("pt-BR", "previous"), "Anterior");
}

#[test]
fn an_unknown_key_or_a_lost_placeholder_is_an_error_at_its_place() {
    let mut strings = Strings::builtin().unwrap();
    let overrides = BTreeMap::from([(
        "de-DE".to_string(),
        Table::from([("previus".to_string(), located("Zurück", 7))]),
    )]);
    let e = strings
        .add_overrides(Path::new("/p/book.toml"), &overrides)
        .unwrap_err();
    assert_eq!((e.line, e.column), (7, 1));
    assert_eq!(e.code, "config");
    assert!(e.message.contains("`previus`"), "{}", e.message);

    let overrides = BTreeMap::from([(
        "de-DE".to_string(),
        Table::from([("updated".to_string(), located("Aktualisiert", 4))]),
    )]);
    let e = strings
        .add_overrides(Path::new("/p/book.toml"), &overrides)
        .unwrap_err();
    assert_eq!(e.line, 4);
    assert!(e.message.contains("`{date}`"), "{}", e.message);
    // A failed layer leaves the strings as they were.
    assert_eq!(strings.get("de-DE", "previous"), "Zurück");

    let files = vec![(
        PathBuf::from("th/i18n/fr.toml"),
        "\n\nsuivant = \"Suivant\"\n".to_string(),
    )];
    let e = strings.add_theme(&files).unwrap_err();
    assert_eq!((e.line, e.column), (3, 1));
    assert_eq!(e.code, "theme");
    let files = vec![(PathBuf::from("th/i18n/fr.toml"), "next = 3\n".to_string())];
    assert_eq!(strings.add_theme(&files).unwrap_err().line, 1);
    let files = vec![(PathBuf::from("th/i18n/french.toml"), String::new())];
    let e = strings.add_theme(&files).unwrap_err();
    assert!(e.message.contains("BCP-47"), "{}", e.message);
}

#[test]
fn placeholders_are_names_in_braces() {
    let found = placeholders("{count} of {total}: {} {no space} {a_b}");
    assert_eq!(found, BTreeSet::from(["count", "total", "a_b"]));
}
