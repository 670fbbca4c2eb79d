//! DocFX Flavored Markdown conformance: at least one case per construct, taken from DocFX's own
//! extension tests (`test/Docfx.MarkdigEngine.Extensions.Tests` in dotnet/docfx, named in each
//! case: their inputs and the structure of their expected HTML) and from the HoloLens corpus.
//! Every case asserts the structure of the output with scraper. Where a translation's spans
//! can sit inside a construct, the case also runs in sxs form: the view is marked, rendered and
//! the markers turned into spans, as an article page does, and the span must be inside.
//!
//! The last cases drive the real binary: a build that reads includes and code samples from the
//! locale folder, and `diglot check`, which sees through the constructs.

mod common;

use std::borrow::Cow;
use std::collections::HashMap;

use diglot::bilingual;
use diglot::code::Code;
use diglot::markdown::{self, Files, Labels, Options, Problem, Rendered, XrefTarget, Xrefs};
use scraper::{ElementRef, Html, Selector};

// ---- Helpers -------------------------------------------------------------------------------

/// Files given in the test, by path relative to the locale root.
struct MapFiles(HashMap<&'static str, &'static str>);

impl Files for MapFiles {
    fn read(&self, path: &str) -> Option<Cow<'_, str>> {
        self.0.get(path).map(|t| Cow::Borrowed(*t))
    }
}

/// One cross-reference map entry: `Microsoft.Build.Tasks`.
struct TasksXref;

impl Xrefs for TasksXref {
    fn resolve(&self, uid: &str) -> Option<XrefTarget> {
        (uid == "Microsoft.Build.Tasks").then(|| XrefTarget {
            href: "https://learn.test/api/microsoft.build.tasks".to_string(),
            name: "Microsoft.Build.Tasks".to_string(),
        })
    }
}

/// Renders `markdown` as the page `path`, with `files` to include.
fn render_page(markdown: &str, path: &str, files: &[(&'static str, &'static str)]) -> Rendered {
    let files = MapFiles(files.iter().copied().collect());
    let options = Options {
        files: &files,
        xrefs: &TasksXref,
        ..Options::new("en-US", path)
    };
    markdown::render(markdown, &options)
}

fn render(markdown: &str) -> Rendered {
    render_page(markdown, "a.md", &[])
}

fn html(markdown: &str) -> Html {
    Html::parse_fragment(&render(markdown).html)
}

fn html_with(markdown: &str, files: &[(&'static str, &'static str)]) -> Html {
    Html::parse_fragment(&render_page(markdown, "a.md", files).html)
}

/// Renders markdown whose segments are written `⟦like this⟧` the way an article page renders a
/// translation: the segments marked, the view rendered, the markers turned into
/// `<span class="seg" data-seg="N">`.
fn sxs_with(markdown: &str, files: &[(&'static str, &'static str)]) -> Html {
    let mut view = String::new();
    let mut ranges = Vec::new();
    let mut open = None;
    for c in markdown.chars() {
        match c {
            '⟦' => open = Some(view.len()),
            '⟧' => ranges.push(open.take().expect("⟦ before ⟧")..view.len()),
            c => view.push(c),
        }
    }
    let marked = bilingual::mark(&view, &ranges);
    let rendered = render_page(&marked, "a.md", files);
    let html = bilingual::spans(&rendered.html, |n, _| {
        format!("class=\"seg\" data-seg=\"{n}\"")
    });
    assert!(!html.contains("dgs-"), "a marker leaked: {html}");
    Html::parse_fragment(&html)
}

fn sxs(markdown: &str) -> Html {
    sxs_with(markdown, &[])
}

fn select<'h>(html: &'h Html, css: &str) -> Vec<ElementRef<'h>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"));
    html.select(&selector).collect()
}

/// An element's text, white space collapsed.
fn text(element: ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css).into_iter().map(text).collect()
}

fn count(html: &Html, css: &str) -> usize {
    select(html, css).len()
}

fn attr(html: &Html, css: &str, name: &str) -> Vec<String> {
    select(html, css)
        .into_iter()
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

/// The classes of the top-level elements, in order.
fn top_level(html: &Html) -> Vec<String> {
    let root = html.root_element();
    root.children()
        .filter_map(ElementRef::wrap)
        .flat_map(|e| {
            if e.value().name() == "html" {
                e.children().filter_map(ElementRef::wrap).collect()
            } else {
                vec![e]
            }
        })
        .map(|e| {
            let class = e.value().attr("class").unwrap_or_default();
            if class.is_empty() {
                e.value().name().to_string()
            } else {
                format!("{}.{}", e.value().name(), class.replace(' ', "."))
            }
        })
        .collect()
}

fn codes(problems: &[Problem]) -> Vec<Code> {
    problems.iter().map(|p| p.code).collect()
}

// ---- Alerts ----------------------------------------------------------------------------------

/// QuoteSectionNoteTest.TestDfmNote_NoteWithMix: every marker starts a new alert.
#[test]
fn alerts_every_marker_starts_an_alert() {
    let page = html(
        "# Note not in one line\n> [!NOTE]\n> hello\n> world\n> [!WARNING]\n> Hello world\n> [!WARNING]\n>  Hello world this is also warning\n> [!WARNING]\n> Hello world this is also warning\n> [!IMPORTANT]\n> Hello world this IMPORTANT",
    );
    assert_eq!(
        top_level(&page),
        [
            "h1",
            "div.alert.alert-note",
            "div.alert.alert-warning",
            "div.alert.alert-warning",
            "div.alert.alert-warning",
            "div.alert.alert-important"
        ]
    );
    assert_eq!(
        texts(&page, ".alert > p:not(.alert-title)"),
        [
            "hello world",
            "Hello world",
            "Hello world this is also warning",
            "Hello world this is also warning",
            "Hello world this IMPORTANT"
        ]
    );
    assert_eq!(
        texts(&page, ".alert-title"),
        ["Note", "Warning", "Warning", "Warning", "Important"]
    );
}

/// QuoteSectionNoteTest.TestDfmNote_NoteWithTextFollow: a lazy continuation line belongs to
/// the alert.
#[test]
fn alerts_take_lazy_continuation_lines() {
    let page =
        html("> [!NOTE]\n> hello\n> world\n> [!WARNING]\n>   Hello world\nthis is also warning");
    assert_eq!(
        top_level(&page),
        ["div.alert.alert-note", "div.alert.alert-warning"]
    );
    assert_eq!(
        texts(&page, ".alert-warning > p:not(.alert-title)"),
        ["Hello world this is also warning"]
    );
}

/// QuoteSectionNoteTest.TestDfmNote_NoteCaseSensitive: markers in any case; the last one,
/// alone, gives an empty alert.
#[test]
fn alerts_in_any_case_and_empty() {
    let page = html("> [!noTe]\n> hello\n> [!WARNING]");
    assert_eq!(
        top_level(&page),
        ["div.alert.alert-note", "div.alert.alert-warning"]
    );
    assert_eq!(texts(&page, ".alert-note > p:not(.alert-title)"), ["hello"]);
    assert_eq!(count(&page, ".alert-warning > p:not(.alert-title)"), 0);
}

/// A marker followed by a line without `>` gives an empty alert and then a paragraph.
#[test]
fn alert_marker_then_plain_line() {
    let page = html("> [!TIP]\nNot in the alert.\n");
    assert_eq!(top_level(&page), ["div.alert.alert-tip", "p"]);
    assert_eq!(count(&page, ".alert-tip > p:not(.alert-title)"), 0);
    assert_eq!(texts(&page, "p:not(.alert-title)"), ["Not in the alert."]);
}

/// QuoteSectionNoteTest.QuoteSectionNoteTest_CornerCases: malformed markers stay quotes; a
/// marker with text on its line is reported.
#[test]
fn malformed_markers_stay_quotes() {
    let rendered = render(
        "> [!Video https://test]\n> [!Video]\n> [!NOTE] no text here\n> [!TIP\n> [!di-no-v class=\"whatever\"]\n> [!WARNING]",
    );
    let page = Html::parse_fragment(&rendered.html);
    assert_eq!(
        top_level(&page),
        [
            "div.embeddedvideo.video",
            "blockquote",
            "div.alert.alert-warning"
        ]
    );
    assert_eq!(attr(&page, "iframe", "src"), ["https://test/"]);
    assert_eq!(
        texts(&page, "blockquote"),
        ["[!Video] [!NOTE] no text here [!TIP [!di-no-v class=\"whatever\"]"]
    );
    assert_eq!(codes(&rendered.problems), [Code::DfmSyntax]);
}

/// QuoteSectionNoteTest.TestSectionNoteInBlockQuote: quote text before a marker stays a quote,
/// hard breaks survive; a quote in indented code is code.
#[test]
fn quote_before_a_marker_and_quotes_in_code() {
    let page = html(
        "the following is not note type\n  > no-note text 1-1\n  > [!NOTE]\n  > no-note text 1-2  \n  > no-note text 2-1\n",
    );
    assert_eq!(
        top_level(&page),
        ["p", "blockquote", "div.alert.alert-note"]
    );
    assert_eq!(texts(&page, "blockquote"), ["no-note text 1-1"]);
    assert_eq!(count(&page, ".alert-note br"), 1);
    let page = html(
        "the following is code\n\n    > code text 1-1\n    > [!NOTE]\n    > code text 1-2  \n",
    );
    assert_eq!(top_level(&page), ["p", "pre"]);
    assert!(texts(&page, "pre code")[0].contains("> [!NOTE]"));
}

/// QuoteSectionNoteTest.TestDfmNote_NoteWithLocalization: titles come from the caller's
/// labels, else the built-in ones for the language, else English.
#[test]
fn alert_titles_in_the_readers_language() {
    struct Finnish;
    impl Labels for Finnish {
        fn label(&self, key: &str) -> Option<Cow<'_, str>> {
            (key == "alert-warning").then_some(Cow::Borrowed("Varoitus"))
        }
    }
    let markdown = "> [!NOTE]\n> a\n> [!WARNING]\n> b\n";
    let options = Options {
        labels: Some(&Finnish),
        ..Options::new("fi-FI", "a.md")
    };
    let page = Html::parse_fragment(&markdown::render(markdown, &options).html);
    assert_eq!(texts(&page, ".alert-title"), ["Note", "Varoitus"]);
    let dutch = Html::parse_fragment(&markdown::to_html(markdown, "nl-NL").html);
    assert_eq!(texts(&dutch, ".alert-title"), ["Opmerking", "Waarschuwing"]);
}

/// Corpus, sxs/de-DE/holographic-custom-apps.md: an alert inside a list item, its segment a span.
#[test]
fn alert_in_a_list_item_in_sxs_form() {
    let page = sxs(
        "1. ⟦Navigieren Sie zur Datei.⟧\n\n   > [!IMPORTANT]\n   > ⟦Stellen Sie sicher, dass Sie verweisen.⟧\n\n1. ⟦Klicken Sie auf **Starten**.⟧\n",
    );
    assert_eq!(count(&page, "ol > li"), 2);
    assert_eq!(
        texts(&page, "ol > li .alert-important span.seg"),
        ["Stellen Sie sicher, dass Sie verweisen."]
    );
    let page = sxs("> [!NOTE]\n> ⟦Vorsicht.⟧\n> [!TIP]\n> ⟦Ein Tipp.⟧\n");
    assert_eq!(texts(&page, ".alert-note span.seg"), ["Vorsicht."]);
    assert_eq!(texts(&page, ".alert-tip span.seg"), ["Ein Tipp."]);
}

// ---- Sections ------------------------------------------------------------------------------

/// QuoteSectionNoteTest.TestSectionNoteMixture: quotes, alerts and `[!div]` sections in one quote.
#[test]
fn sections_mixed_with_alerts() {
    let page = html(
        "> this is blockquote\n>\n> this line is also in the before blockquote\n> [!NOTE]\n> This is note text\n> [!WARNING]\n> This is warning text\n> [!div class=\"a\" id=\"diva\"]\n> this is div with class a and id diva\n> text also in div\n> [!div class=\"b\" cause=\"divb\"]\n> this is div with class b and cause divb\n> [!IMPORTANT]\n> This is important text follow div",
    );
    assert_eq!(
        top_level(&page),
        [
            "blockquote",
            "div.alert.alert-note",
            "div.alert.alert-warning",
            "div.a",
            "div.b",
            "div.alert.alert-important"
        ]
    );
    assert_eq!(attr(&page, "div.a", "id"), ["diva"]);
    assert_eq!(attr(&page, "div.b", "cause"), ["divb"]);
    assert_eq!(
        texts(&page, "div.a > p"),
        ["this is div with class a and id diva text also in div"]
    );
}

/// QuoteSectionNoteTest.TestSectionBlockLevelRecursive and TestSectionCornerCase.
#[test]
fn sections_nest_and_corner_cases() {
    let page = html(
        "> [!div class=\"All\" id=\"All\"]\n> this is out all\n> > [!div class=\"A\" id=\"A\"]\n> > this is A\n> > [!div class=\"B\" id=\"B\"]\n> > this is B",
    );
    assert_eq!(texts(&page, "div#All > div#A > p"), ["this is A"]);
    assert_eq!(texts(&page, "div#All > div#B > p"), ["this is B"]);
    assert_eq!(count(&html("> [!div]"), "div"), 1);
    assert_eq!(
        attr(&html("> [!div `id=\"right\"`]"), "div", "id"),
        ["right"]
    );
    assert!(attr(&html("> [!div `id=\"error\"]"), "div", "id").is_empty());
    assert!(
        attr(
            &html("> [!div class=\"x\" onclick=\"alert(1)\"]\n> y"),
            "div.x",
            "onclick"
        )
        .is_empty()
    );
}

/// Corpus, plain/de-DE: `[!div class="nextstepaction"]` (56 times in the docset) and
/// `[!div class="mx-imgBorder"]` around a translated image.
#[test]
fn sections_from_the_corpus_in_plain_and_sxs_form() {
    let page = html(
        "> [!div class=\"nextstepaction\"]\n> [HoloLens 2 bereitstellen](hololens2-deployment.md)\n",
    );
    assert_eq!(
        attr(&page, "div.nextstepaction a", "href"),
        ["hololens2-deployment.html"]
    );
    let page = sxs(
        "1. ⟦Wählen Sie **Los**.⟧\n\n   > [!div class=\"mx-imgBorder\"]\n   > ⟦![Installieren des App-Formulars](images/deviceportal-appmanager.jpg)⟧\n",
    );
    assert_eq!(
        attr(&page, "li div.mx-imgBorder span.seg img", "alt"),
        ["Installieren des App-Formulars"]
    );
}

// ---- Includes ------------------------------------------------------------------------------

const INCLUDE_A: &str = "---\ntitle: included\nms.topic: include\n---\nFrom the include: [other page](../docs/other.md) and ![a picture](media/x.png).\n\n[!INCLUDE[nested](b.md)]\n";
const INCLUDE_B: &str = "Nested *text*.\n";

/// GeneralTest.TestAllExtensions (block inclusion): the include's front matter is dropped, its
/// links and images are rebased to it, and its own includes are followed.
#[test]
fn block_include_rebases_links_and_nests() {
    let rendered = render_page(
        "# Page\n\n[!INCLUDE[a](../includes/a.md)]\n\nAfter.\n",
        "docs/page.md",
        &[("includes/a.md", INCLUDE_A), ("includes/b.md", INCLUDE_B)],
    );
    assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
    let page = Html::parse_fragment(&rendered.html);
    assert_eq!(top_level(&page), ["h1", "p", "p", "p"]);
    assert_eq!(attr(&page, "a", "href"), ["other.html"]);
    assert_eq!(attr(&page, "img", "src"), ["../includes/media/x.png"]);
    assert_eq!(texts(&page, "em"), ["text"]);
    assert!(!text(page.root_element()).contains("title:"));
}

/// GeneralTest.TestAllExtensions (inline inclusion), also inside a table cell and in sxs form.
#[test]
fn inline_include_in_text_and_table_cells() {
    let files = [("includes/testtoken.md", "terry & jack")];
    let page = html_with("Token is [!include[TEXT](includes/testtoken.md)]", &files);
    assert_eq!(texts(&page, "p"), ["Token is terry & jack"]);
    assert_eq!(count(&page, "p p"), 0);
    let page = html_with(
        "| A | B |\n|---|---|\n| [!INCLUDE[t](includes/testtoken.md)] | x |\n",
        &files,
    );
    assert_eq!(texts(&page, "tbody td"), ["terry & jack", "x"]);
    let page = sxs_with(
        "⟦Token is [!INCLUDE[t](includes/testtoken.md)]⟧ and more.",
        &files,
    );
    assert_eq!(texts(&page, "p > span.seg"), ["Token is terry & jack"]);
}

/// A missing include and a cycle are problems at the include, and its text stays visible.
#[test]
fn missing_includes_and_cycles_are_problems() {
    let markdown = "Intro.\n\n[!INCLUDE[gone](includes/gone.md)]\n";
    let rendered = render(markdown);
    assert_eq!(codes(&rendered.problems), [Code::MissingInclude]);
    assert_eq!(
        rendered.problems[0].offset,
        markdown.find("[!INCLUDE").unwrap()
    );
    let page = Html::parse_fragment(&rendered.html);
    assert_eq!(
        texts(&page, ".include-missing"),
        ["[!INCLUDE[gone](includes/gone.md)]"]
    );

    let files = [
        ("includes/a.md", "A then [!INCLUDE[b](b.md)]\n"),
        ("includes/b.md", "B then [!INCLUDE[a](a.md)]\n"),
    ];
    let markdown = "Start\n\n[!INCLUDE[a](includes/a.md)]\n";
    let rendered = render_page(markdown, "page.md", &files);
    assert_eq!(codes(&rendered.problems), [Code::IncludeCycle]);
    let cycle = &rendered.problems[0];
    assert_eq!(cycle.offset, markdown.find("[!INCLUDE").unwrap());
    let site = cycle.include.as_ref().expect("inside an include");
    assert_eq!(site.path, "includes/b.md");
    assert_eq!(site.offset, "B then ".len());
    assert_eq!(
        text(Html::parse_fragment(&rendered.html).root_element()),
        "Start A then B then [!INCLUDE[a](a.md)]"
    );
}

/// Corpus, plain/de-DE/hololens-kiosk.md: the include holds a tab group.
#[test]
fn corpus_include_with_tabs() {
    let Some(hololens) = common::hololens() else {
        return;
    };
    let root = hololens.join("plain/de-DE");
    let files = markdown::DirFiles::new(vec![root.clone(), hololens.join("en-US")]);
    let options = Options {
        files: &files,
        ..Options::new("de-DE", "hololens-kiosk.md")
    };
    let rendered = markdown::render(
        "[!INCLUDE[](includes/kiosk-configure-steps.md)]\n",
        &options,
    );
    assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
    let page = Html::parse_fragment(&rendered.html);
    assert_eq!(count(&page, ".tabGroup"), 1);
    assert_eq!(count(&page, ".tabGroup [role=tab]"), 5);
    assert_eq!(count(&page, ".tabGroup > section[role=tabpanel]"), 5);
}

// ---- Tabs ----------------------------------------------------------------------------------

/// TabGroupTest.Test_General: a group with a dependent tab; every panel is rendered visible.
#[test]
fn tab_group_with_a_dependent_tab() {
    let page = html(
        "Tab group test case\n# [title-a](#tab/a)\ncontent-a\n# [title-b](#tab/b/c)\ncontent-b\n- - -",
    );
    assert_eq!(top_level(&page), ["p", "div.tabGroup"]);
    assert_eq!(
        attr(&page, "[role=tablist] > li > a[role=tab]", "data-tab"),
        ["a", "b"]
    );
    assert_eq!(attr(&page, "a[role=tab]", "data-condition"), ["c"]);
    assert_eq!(
        attr(&page, "a[role=tab]", "aria-selected"),
        ["true", "false"]
    );
    let controls = attr(&page, "a[role=tab]", "aria-controls");
    let panels = attr(&page, ".tabGroup > section[role=tabpanel]", "id");
    assert_eq!(controls, panels);
    assert_eq!(
        texts(&page, "section[role=tabpanel]"),
        ["content-a", "content-b"]
    );
    assert_eq!(
        count(&page, "[hidden]"),
        0,
        "without JavaScript every panel shows"
    );
}

/// TabGroupTest.Test_TabGroup_Combining: `---` ends a group; a tab may stand for several ids.
#[test]
fn tab_groups_end_at_a_rule() {
    let page = html(
        "# [title-a or b](#tab/a+b)\ncontent-a or b\n# [title-c](#tab/c)\ncontent-c\n- - -\n# [title-a](#tab/a)\ncontent-a\n# [title-b or c](#tab/b+c)\ncontent-b or c\n- - -",
    );
    assert_eq!(top_level(&page), ["div.tabGroup", "div.tabGroup"]);
    assert_eq!(
        attr(&page, "a[role=tab]", "data-tab"),
        ["a+b", "c", "a", "b+c"]
    );
    assert_eq!(count(&page, "hr"), 0);
    let ids = attr(&page, ".tabGroup", "id");
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
}

/// TabGroupTest.TestTableInTabGroup; and a heading of the group's level that is not a tab ends it.
#[test]
fn tabs_hold_blocks_and_end_at_a_heading() {
    let page = html("# [title](#tab/id)\n\na | b\n- | -\nc | d");
    assert_eq!(texts(&page, ".tabGroup > section td"), ["c", "d"]);
    let page = html(
        "## [A](#tab/a)\n\nText A\n\n### Inside\n\n## [B](#tab/b)\n\nText B\n\n## Next section\n\nOutside.\n",
    );
    assert_eq!(top_level(&page), ["div.tabGroup", "h2", "p"]);
    assert_eq!(texts(&page, "section[role=tabpanel] h3"), ["Inside"]);
    assert_eq!(texts(&page, "h2"), ["Next section"]);
}

/// Corpus, plain/de-DE/includes/kiosk-autologin.md: localized tab headings carry an anchor; in
/// sxs form the title and the content keep their spans.
#[test]
fn localized_tab_headings_and_sxs_spans() {
    let page = html(
        "# <a name=\"non-aad-configuration\"></a>[Nicht-AAD-Konfiguration](#tab/nonaadlogon)\n\nText\n\n# <a name=\"aad-configuration\"></a>[AAD-Konfiguration](#tab/aadlogon)\n\nMehr\n",
    );
    assert_eq!(
        texts(&page, "a[role=tab]"),
        ["Nicht-AAD-Konfiguration", "AAD-Konfiguration"]
    );
    let page = sxs(
        "# [⟦Fenster⟧](#tab/windows)\n\n⟦Für Windows.⟧\n\n# ⟦[Andere](#tab/other)⟧\n\n⟦Für andere.⟧\n",
    );
    assert_eq!(texts(&page, "a[role=tab] span.seg"), ["Fenster", "Andere"]);
    assert_eq!(
        texts(&page, "section[role=tabpanel] span.seg"),
        ["Für Windows.", "Für andere."]
    );
}

// ---- Zones and monikers --------------------------------------------------------------------

/// RenderZoneTest.KitchenSink: chromeless content is left out; pivots and docs targets show.
#[test]
fn zones_kitchen_sink() {
    let page = html(
        "# Article 2\n\nShared content.\n\n::: zone target=\"chromeless\"\n## Section for chromeless only\n\nSome chromeless-specific content here...\n\n::: zone-end\n\n## Section 2\n\n:::  zone  pivot=\"foo\"\na pivot\n:::    zone-end\n\n::: zone  pivot=\" foo,bar \"    target=\"docs\"\na pivot with target \n:::    zone-end\n",
    );
    assert_eq!(texts(&page, "h2"), ["Section 2"]);
    assert_eq!(
        attr(&page, ".zone.has-pivot", "data-pivot"),
        ["foo", "foo bar"]
    );
    assert_eq!(attr(&page, ".zone.has-target", "data-target"), ["docs"]);
    assert_eq!(
        texts(&page, ".zone > p"),
        ["a pivot", "a pivot with target"]
    );
}

/// RenderZoneTest.PermitsNestedBlocks (with a docs target), and zones holding sxs spans.
#[test]
fn zones_hold_blocks_and_spans() {
    let page = html("::: zone target=\"docs\"\n* foo\n* bar\n* baz\n::: zone-end\n");
    assert_eq!(texts(&page, ".zone > ul > li"), ["foo", "bar", "baz"]);
    let page = sxs("::: zone pivot=\"cli\"\n⟦Mit der CLI.⟧\n::: zone-end\n");
    assert_eq!(texts(&page, ".zone span.seg"), ["Mit der CLI."]);
}

/// RenderZoneTest.PivotInvalid, UnexpectedAttribute, DuplicateAttribute, PdfPivotInvalid,
/// NotNested and MissingEndTag: a bad zone stays text and is reported.
#[test]
fn bad_zones_stay_text_and_are_reported() {
    for markdown in [
        "::: zone pivot = \"**\"\n::: zone-end",
        "::: zone target=\"pdf\" something",
        "::: zone target=\"pdf\" target=\"docs\"",
        "::: zone target = \"pdf\"  pivot = \"foo\"  ",
    ] {
        let rendered = render(markdown);
        assert_eq!(codes(&rendered.problems), [Code::DfmSyntax], "{markdown}");
        let page = Html::parse_fragment(&rendered.html);
        assert_eq!(count(&page, ".zone"), 0, "{markdown}");
        assert!(texts(&page, "p")[0].starts_with("::: zone"), "{markdown}");
    }
    let rendered = render("::: zone target=\"docs\"\n::: zone target=\"pdf\"\n::: zone-end\n");
    assert_eq!(codes(&rendered.problems), [Code::DfmSyntax]);
    let rendered = render("::: zone target=\"docs\"\ntext\n");
    assert_eq!(codes(&rendered.problems), [Code::DfmSyntax]);
    assert_eq!(
        texts(&Html::parse_fragment(&rendered.html), ".zone > p"),
        ["text"]
    );
}

/// MonikerRangeTest.MonikerRangeTestGeneral and MonikerRangeWithCodeIndent: the range shows
/// above the content, and `:::` lines inside stay text.
#[test]
fn monikers_show_their_range() {
    let page = html(
        "## Section 1\n\n::: moniker range=\">= myproduct-4.1\"\n## Section for myproduct-4.1 and Later\n\nSome version-specific content here...\n\n::: nested moniker zone is not allowed. So this line is in plain text.\nInline ::: should not end moniker zone.\n\n::: moniker-end\n\n## Section 2\n",
    );
    assert_eq!(
        attr(&page, "div.moniker", "data-moniker"),
        [">= myproduct-4.1"]
    );
    assert_eq!(
        texts(&page, "div.moniker .moniker-name"),
        [">= myproduct-4.1"]
    );
    assert_eq!(
        texts(&page, "div.moniker > h2"),
        ["Section for myproduct-4.1 and Later"]
    );
    assert!(texts(&page, "div.moniker > p")[2].starts_with("::: nested moniker zone"));
    let page = html("::: moniker range=\"start\"\n    console.log(\"hehe\")\n::: moniker-end");
    assert_eq!(
        texts(&page, "div.moniker pre code"),
        ["console.log(\"hehe\")"]
    );
    assert_eq!(
        codes(&render("::: moniker range=\"start\"").problems),
        [Code::DfmSyntax]
    );
}

// ---- Images --------------------------------------------------------------------------------

/// ImageTest.ImageTestBlockGeneral: borders, lightboxes, icons (also in a table cell).
#[test]
fn images_borders_lightboxes_and_icons() {
    let page = html("\
:::image type=\"content\" source=\"example.jpg\" alt-text=\"example\":::

:::image type=\"content\" source=\"example.jpg\" alt-text=\"example\" border=\"false\":::

:::image type=\"content\" source=\"example.jpg\" alt-text=\"example\" lightbox=\"example-expanded.jpg\":::

:::image type=\"icon\" source=\"green-checkmark.png\":::

|Capability   | Admin  |
|---|---|
| Add/remove people.  | :::image type=\"icon\" source=\"green-checkmark.png\":::  |
");
    let paragraphs = select(&page, "body > p, html > p");
    let in_p = |i: usize, css: &str| paragraphs[i].select(&Selector::parse(css).unwrap()).count();
    assert_eq!(in_p(0, "span.mx-imgBorder > img[alt=example]"), 1);
    assert_eq!(
        in_p(1, "img[alt=example]") - in_p(1, ".mx-imgBorder img"),
        1
    );
    assert_eq!(
        in_p(
            2,
            "span.mx-imgBorder > a[href='example-expanded.jpg#lightbox'] > img[src='example.jpg']"
        ),
        1
    );
    assert_eq!(
        in_p(3, "img[role=presentation]") - in_p(3, ".mx-imgBorder img"),
        1
    );
    assert_eq!(
        count(
            &page,
            "td img[role=presentation][src='green-checkmark.png']"
        ),
        1
    );
}

/// ImageTest.ComplexImageTestBlockGeneral: the long description is markdown, hidden, and the
/// image points to it; also in sxs form.
#[test]
fn complex_image_points_to_its_description() {
    let page = html(
        ":::image type=\"complex\" source=\"example.jpg\" alt-text=\"example\" loc-scope=\"azure\"::: \nLorem Ipsum is simply dummy text `code` of the printing and [link](https://microsoft.com) typesetting industry.\n:::image-end:::\n",
    );
    let described = attr(&page, "img[aria-describedby]", "aria-describedby");
    assert_eq!(described.len(), 1);
    let description = format!("#{}.visually-hidden", described[0]);
    assert!(texts(&page, &description)[0].starts_with("Lorem Ipsum is simply dummy text code"));
    assert_eq!(count(&page, &format!("{description} code")), 1);
    assert_eq!(
        attr(&page, &format!("{description} a"), "href"),
        ["https://microsoft.com"]
    );
    let page = sxs(
        ":::image type=\"complex\" source=\"a.png\" alt-text=\"Ein Diagramm\":::\n⟦Das Diagramm zeigt drei Schritte.⟧\n:::image-end:::\n",
    );
    assert_eq!(
        texts(&page, ".visually-hidden span.seg"),
        ["Das Diagramm zeigt drei Schritte."]
    );
}

/// ImageTest.ContentImageTestBlock_LinkAttribute and TripleColonTest.Issue8999 (an icon inside
/// a sentence).
#[test]
fn image_links_and_inline_icons() {
    let page = html(
        ":::image source=\"example.svg\" alt-text=\"Lorum Ipsom\" link=\"https://marketplace.eclipse.org/marketplace-client-intro?mpc_install=1919278\":::",
    );
    assert_eq!(
        attr(&page, "span.mx-imgBorder > a > img", "src"),
        ["example.svg"]
    );
    assert_eq!(
        attr(&page, "span.mx-imgBorder > a", "href"),
        ["https://marketplace.eclipse.org/marketplace-client-intro?mpc_install=1919278"]
    );
    let page = html(
        "**CONTACT POINT** Use the :::image type=\"icon\" source=\"../images/copy.png\"::: button on the right side of the screen to copy the top value, **CONTACT POINT**",
    );
    assert_eq!(count(&page, "p > strong"), 2);
    assert_eq!(
        attr(&page, "p > img[role=presentation]", "src"),
        ["../images/copy.png"]
    );
}

/// ImageTest.ImageTestBlock_InvalidImage_MissingSource and ContentImageTestBlock_InvalidImage_MissingAlt.
#[test]
fn invalid_images_stay_text() {
    for markdown in [
        ":::image type=\"icon\":::",
        ":::image source=\"example.svg\":::",
    ] {
        let rendered = render(markdown);
        assert_eq!(codes(&rendered.problems), [Code::DfmSyntax], "{markdown}");
        let page = Html::parse_fragment(&rendered.html);
        assert_eq!(count(&page, "img"), 0);
        assert_eq!(texts(&page, "p"), [markdown]);
    }
}

/// Corpus, plain/de-DE/hololens2-cloud-connected-overview.md: a content image with a lightbox.
#[test]
fn corpus_image_with_lightbox() {
    let page = html(
        ":::image type=\"content\" alt-text=\"Szenario mit Cloudverbindung.\" source=\"./images/deployment-guides-revised-scenario-a.png\" lightbox=\"./images/deployment-guides-revised-scenario-a.png\":::\n",
    );
    assert_eq!(
        attr(&page, "a.lightbox", "href"),
        ["./images/deployment-guides-revised-scenario-a.png#lightbox"]
    );
    assert_eq!(
        attr(&page, "a.lightbox > img", "alt"),
        ["Szenario mit Cloudverbindung."]
    );
}

// ---- Code ----------------------------------------------------------------------------------

const CODE_CS: &str = "// <snippet1>\nusing System;\n\npublic struct Temperature\n{\n   private decimal temp;\n   private DateTime tempDate;\n\n   public Temperature(decimal temperature, DateTime dateAndTime)\n   {\n      this.temp = temperature;\n      this.tempDate = dateAndTime;\n   }\n\n   public decimal Degrees\n   { get { return this.temp; } }\n\n   public DateTime Date\n   { get { return this.tempDate; } }\n}\n// </snippet1>\n\n#region 2\ncsr\n#endregion";

/// GeneralTest.TestAllExtensions (code snippets): ranges, highlighted lines, a title, a region.
#[test]
fn code_snippets_ranges_regions_and_highlights() {
    let files = [("code/code.cs", CODE_CS)];
    let page = html_with(
        "[!code-cs[Main](~/code/code.cs?highlight=3-4&range=4-7,15-20 \"This includes the whole file with lines 3-4 highlighted\")]",
        &files,
    );
    assert_eq!(attr(&page, "pre > code.lang-cs", "name"), ["Main"]);
    assert_eq!(attr(&page, "pre > code", "highlight-lines"), ["3-4"]);
    assert_eq!(
        attr(&page, "pre > code", "title"),
        ["This includes the whole file with lines 3-4 highlighted"]
    );
    let code = texts(&page, "pre > code")[0].clone();
    assert!(code.starts_with("public struct Temperature {"), "{code}");
    assert!(!code.contains("this.temp = temperature"), "{code}");
    assert_eq!(
        texts(&page, "code mark.line-highlight"),
        ["private decimal temp;", "private DateTime tempDate;"]
    );
    let page = html_with("[!code-cs[code](~/code/code.cs#1)]", &files);
    let code = texts(&page, "pre > code")[0].clone();
    assert!(
        code.starts_with("using System;") && !code.contains("snippet1"),
        "{code}"
    );
    let page = html_with("[!code[x](code/code.cs?name=2)]", &files);
    assert_eq!(texts(&page, "pre > code"), ["csr"]);
}

/// `:::code` (CodeTest): the language, a range, a named region in markup comments, highlights.
#[test]
fn triple_colon_code() {
    let xml = "<root>\n  <!-- <part> -->\n  <a/>\n  <b/>\n  <!-- </part> -->\n</root>\n";
    let files = [("samples/s.xml", xml)];
    let page = html_with(
        ":::code language=\"xml\" source=\"samples/s.xml\" id=\"part\" highlight=\"2\":::",
        &files,
    );
    assert_eq!(attr(&page, "pre > code", "class"), ["lang-xml"]);
    assert_eq!(texts(&page, "pre > code"), ["<a/> <b/>"]);
    assert_eq!(texts(&page, "mark.line-highlight"), ["<b/>"]);
    let page = html_with(":::code source=\"samples/s.xml\" range=\"1-2\":::", &files);
    assert_eq!(attr(&page, "pre > code", "class"), ["lang-xml"]);
    assert_eq!(texts(&page, "pre > code"), ["<root> <!-- <part> -->"]);
}

/// A missing file or region is a problem, with a notice in the page.
#[test]
fn missing_code_files_and_regions_are_problems() {
    let rendered = render_page(
        ":::code language=\"xml\" source=\"samples/none.xml\":::\n\n[!code-cs[x](code.cs#nope)]\n",
        "a.md",
        &[("code.cs", CODE_CS)],
    );
    assert_eq!(
        codes(&rendered.problems),
        [Code::MissingCode, Code::MissingRegion]
    );
    assert_eq!(
        count(&Html::parse_fragment(&rendered.html), "p.code-missing"),
        2
    );
}

/// InteractiveCodeTest: fenced code gets a `lang-` class and the `-interactive` suffix is dropped.
#[test]
fn fenced_code_language_classes() {
    let page = html("```csharp-interactive\ntest\n```\n\n```csharp\ntest\n```\n\n```\ntest\n```\n");
    assert_eq!(
        attr(&page, "pre > code", "class"),
        ["lang-csharp", "lang-csharp"]
    );
    assert_eq!(count(&page, "pre > code"), 3);
    let page = html_with(
        "[!code-azurecli-interactive[](InteractiveCode/sample.code)]",
        &[("InteractiveCode/sample.code", "hello world!")],
    );
    assert_eq!(attr(&page, "pre > code", "class"), ["lang-azurecli"]);
    assert_eq!(texts(&page, "pre > code"), ["hello world!"]);
}

/// Corpus, plain/de-DE/hololens-kiosk.md: `:::code` from `samples/`, which only the English
/// source has.
#[test]
fn corpus_code_sample_from_the_english_source() {
    let Some(hololens) = common::hololens() else {
        return;
    };
    let files = markdown::DirFiles::new(vec![hololens.join("plain/de-DE"), hololens.join("en-US")]);
    let options = Options {
        files: &files,
        ..Options::new("de-DE", "hololens-kiosk.md")
    };
    let rendered = markdown::render(
        ":::code language=\"xml\" source=\"samples/kiosk-sample-multi-aad-group.xml\" highlight=\"20\":::\n",
        &options,
    );
    assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
    let page = Html::parse_fragment(&rendered.html);
    assert!(texts(&page, "pre > code.lang-xml")[0].contains("AssignedAccessConfiguration"));
    assert_eq!(count(&page, "mark.line-highlight"), 1);
}

// ---- Rows, columns, videos, no-loc ---------------------------------------------------------

/// RowTest.RowTest_WithColumnsOtherContent: columns of markdown, written indented.
#[test]
fn rows_and_columns() {
    let page = html(
        ":::row:::\n    :::column:::\n        ![alt text](https://github.com/icon48.png)\n        ### A Headline\n        This is where your content goes.\n        [I'm an inline-style link](https://www.google.com)\n    :::column-end:::\n    :::column span=\"3\":::\n        ### Another Headline\n        This is where your content goes.\n    :::column-end::: \n:::row-end:::\n",
    );
    assert_eq!(top_level(&page), ["section.row"]);
    assert_eq!(
        attr(&page, "section.row > div", "class"),
        ["column", "column span3"]
    );
    assert_eq!(
        attr(&page, "section.row h3", "id"),
        ["a-headline", "another-headline"]
    );
    assert_eq!(count(&page, "div.column img"), 1);
    assert_eq!(count(&page, "pre"), 0);
    let page = sxs(
        ":::row:::\n    :::column:::\n        ⟦Inhalt der Spalte.⟧\n    :::column-end:::\n:::row-end:::\n",
    );
    assert_eq!(texts(&page, "div.column span.seg"), ["Inhalt der Spalte."]);
}

/// QuoteSectionNoteTest.TestVideoBlock_* and VideoTest.VideoTestBlockGeneral: titled players,
/// YouTube without cookies, Channel 9 with `nocookie=true`, `http` made `https`.
#[test]
fn videos() {
    let page = html(
        "> [!VIDEO https://youtube.com/foo]\n\n> [!VIDEO https://channel9.msdn.com?query=value+A]\n\n> [!VIDEO http://microsoft.com:8080?query=http+A#bookmark]\n\n>[!VIDEO https://www.youtube.com/embed/tNd0e2CiAkE]\n\n:::video source=\"https://www.youtube.com/embed/wV11_nbT2XE\" title=\"Video: Build your first app\" thumbnail=\"media/x.png\" upload-date=\"07/27/2020\":::\n",
    );
    assert_eq!(
        attr(&page, "div.embeddedvideo > iframe", "src"),
        [
            "https://www.youtube-nocookie.com/foo",
            "https://channel9.msdn.com/?query=value+A&nocookie=true",
            "https://microsoft.com:8080/?query=http+A#bookmark",
            "https://www.youtube-nocookie.com/embed/tNd0e2CiAkE?rel=0",
            "https://www.youtube-nocookie.com/embed/wV11_nbT2XE?rel=0",
        ]
    );
    assert_eq!(
        attr(&page, "iframe", "title").last().map(String::as_str),
        Some("Video: Build your first app")
    );
    assert!(attr(&page, "iframe", "title").iter().all(|t| !t.is_empty()));
    let rendered = render(":::video source=\"\" title=\"My title\":::");
    assert_eq!(codes(&rendered.problems), [Code::DfmSyntax]);
    assert_eq!(count(&Html::parse_fragment(&rendered.html), "iframe"), 0);
}

/// NolocTest.NolocTest_General and NolocTest_Invalid; and inside a segment.
#[test]
fn no_loc() {
    assert_eq!(
        texts(&html("使用 :::no-loc text=\"Find\"::: 方法."), "p"),
        ["使用 Find 方法."]
    );
    assert_eq!(
        texts(
            &html("使用 :::no-loc text=\"Find a \\\"Quotation\\\"\"::: 方法."),
            "p"
        ),
        ["使用 Find a \"Quotation\" 方法."]
    );
    let page = html(":::no-loc text=\"*Hello*\":::");
    assert_eq!(texts(&page, "p"), ["*Hello*"]);
    assert_eq!(count(&page, "em"), 0);
    assert_eq!(
        texts(&html("::: no-loc text=\"test\" :::"), "p"),
        ["::: no-loc text=\"test\" :::"]
    );
    assert_eq!(
        texts(&html(":::No-loc text=\"test\":::"), "p"),
        [":::No-loc text=\"test\":::"]
    );
    let page = sxs("⟦Wählen Sie :::no-loc text=\"Find\"::: aus.⟧");
    assert_eq!(texts(&page, "span.seg"), ["Wählen Sie Find aus."]);
}

// ---- Cross-references ----------------------------------------------------------------------

/// XrefTest.XrefTestGeneral: `<xref:uid>`, `@uid`, `@"uid?text="`, `[text](xref:uid)`, anchors.
#[test]
fn xrefs_resolve() {
    let page = html(
        "<xref:Microsoft.Build.Tasks>\n\n@Microsoft.Build.Tasks\n\n@\"Microsoft.Build.Tasks?text=Tasks\"\n\n[link_text](xref:Microsoft.Build.Tasks)\n\n<xref:Microsoft.Build.Tasks#Anchor_1>\n",
    );
    assert_eq!(
        attr(&page, "p > a", "href"),
        [
            "https://learn.test/api/microsoft.build.tasks",
            "https://learn.test/api/microsoft.build.tasks",
            "https://learn.test/api/microsoft.build.tasks",
            "https://learn.test/api/microsoft.build.tasks",
            "https://learn.test/api/microsoft.build.tasks#Anchor_1",
        ]
    );
    assert_eq!(
        texts(&page, "p > a"),
        [
            "Microsoft.Build.Tasks",
            "Microsoft.Build.Tasks",
            "Tasks",
            "link_text",
            "Microsoft.Build.Tasks"
        ]
    );
}

/// An unresolved cross-reference stays text, with an info finding; `@word` and an email
/// address are never swallowed, and an escaped `\<xref:...>` stays as written.
#[test]
fn unresolved_xrefs_stay_text() {
    let rendered = render(
        "See <xref:System.Nope> and [the type](xref:System.Other).\n\nAsk @hehe or mail name@example.com.\n\n\\<xref:Microsoft.Build.Tasks>\n",
    );
    assert_eq!(
        codes(&rendered.problems),
        [Code::UnresolvedXref, Code::UnresolvedXref]
    );
    assert_eq!(
        Code::UnresolvedXref.default_severity(),
        diglot::diagnostic::Severity::Info
    );
    let page = Html::parse_fragment(&rendered.html);
    assert_eq!(texts(&page, "span.xref"), ["System.Nope", "the type"]);
    assert_eq!(count(&page, "a"), 0);
    assert_eq!(texts(&page, "p")[1], "Ask @hehe or mail name@example.com.");
    assert_eq!(texts(&page, "p")[2], "<xref:Microsoft.Build.Tasks>");
}

/// Xref maps listed in book.toml: a file, and a URL fetched once, cached in the build dir and
/// never fetched offline.
#[test]
fn xref_maps_from_files_and_urls() {
    use common::http::{Reply, Server};
    use diglot::markdown::xref::XrefMap;
    const REMOTE: &str = "### YamlMime:XRefMap\nbaseUrl: https://learn.test/api/\nreferences:\n- uid: System.String\n  name: String\n  href: system.string\n";
    let server = Server::start(&[("/xrefmap.yml", Reply::Body(REMOTE))]);
    let dir = common::project(&[(
        "maps/local.yml",
        b"references:\n- uid: Local.Thing\n  name: Thing\n  href: https://local.test/thing\n",
    )]);
    let toml = format!(
        "[build]\nxref-maps = [\"maps/local.yml\", \"{}\", \"maps/missing.yml\"]\n",
        server.url("/xrefmap.yml")
    );
    let config =
        diglot::config::Config::parse(dir.path(), &dir.path().join("book.toml"), &toml).unwrap();

    let (map, diagnostics) = XrefMap::load(&config, false);
    assert_eq!(
        map.resolve("Local.Thing").unwrap().href,
        "https://local.test/thing"
    );
    assert_eq!(
        map.resolve("System.String").unwrap().href,
        "https://learn.test/api/system.string"
    );
    assert_eq!(
        diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::XrefMap]
    );
    assert!(diagnostics[0].message.contains("missing.yml"));
    assert_eq!(server.hits("/xrefmap.yml"), 1);

    let (again, _) = XrefMap::load(&config, false);
    assert!(again.resolve("System.String").is_some());
    assert_eq!(
        server.hits("/xrefmap.yml"),
        1,
        "a fresh cached copy is not fetched again"
    );

    std::fs::remove_file(config.build_dir.join(diglot::output::XREF_CACHE)).unwrap();
    let (offline, diagnostics) = XrefMap::load(&config, true);
    assert_eq!(server.hits("/xrefmap.yml"), 1, "offline never fetches");
    assert!(offline.resolve("System.String").is_none());
    assert!(
        diagnostics.iter().any(|d| d.message.contains("offline")),
        "{diagnostics:?}"
    );

    let options = Options {
        xrefs: &map,
        ..Options::new("en-US", "a.md")
    };
    let page = Html::parse_fragment(
        &markdown::render("Use @System.String or <xref:Local.Thing>.", &options).html,
    );
    assert_eq!(texts(&page, "a.xref, a"), ["String", "Thing"]);
}

// ---- Headings and Markdig's built-ins -------------------------------------------------------

/// The first anchor of a heading gives its id and leaves the heading; a second one stays a
/// target; GeneralTest.TestDfm_HeadingId and AutoIdentifierTest for slugs.
#[test]
fn heading_ids() {
    let page = html(
        "# <a id=\"x\"></a>Y\n\n## <a name=\"first\"></a><a name=\"second\"></a>Two\n\n ### 1. Deploying the network\n\n# This - is a &@! heading _ with . and ! -\n",
    );
    assert_eq!(
        attr(&page, "h1, h2, h3", "id"),
        [
            "x",
            "first",
            "1-deploying-the-network",
            "this---is-a--heading-_-with--and---"
        ]
    );
    assert_eq!(count(&page, "h1#x a"), 0);
    assert_eq!(attr(&page, "h2 a", "name"), ["second"]);
    assert_eq!(texts(&page, "h1#x"), ["Y"]);
}

/// AutoLinkTest.AutoLinkTest_DocfxDefault: bare URLs, trailing punctuation (full-width too) outside.
#[test]
fn autolinks() {
    let page = html(
        "This is not a nhttp://www.google.com URL but this is (https://www.google.com)\n\nSiehe https://example.com/a/b.\n\n詳細は https://example.com/ja-jp/x。次へ\n\n<address@example.com>\n",
    );
    assert_eq!(
        attr(&page, "a", "href"),
        [
            "https://www.google.com",
            "https://example.com/a/b",
            "https://example.com/ja-jp/x",
            "mailto:address@example.com"
        ]
    );
    assert_eq!(
        texts(&page, "p")[2],
        "詳細は https://example.com/ja-jp/x。次へ"
    );
}

/// `<kbd>`, EmojiTest.EmojiTest_DocfxDefault (no smileys), MediaLinksTest.MediaLinksTest_Default,
/// and MathematicsTest's input: `$` stays literal.
#[test]
fn kbd_emoji_media_links_and_dollars() {
    let page = html(
        "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\n\n**content :** :smile: :)\n\n![static mp4](https://example.com/video.mp4)\n\n$ math inline $ costs $5\n",
    );
    assert_eq!(texts(&page, "kbd"), ["Ctrl", "C"]);
    assert_eq!(texts(&page, "p")[1], "content : 😄 :)");
    assert_eq!(
        attr(&page, "video > source", "src"),
        ["https://example.com/video.mp4"]
    );
    assert_eq!(attr(&page, "video > source", "type"), ["video/mp4"]);
    assert_eq!(texts(&page, "p")[3], "$ math inline $ costs $5");
    assert_eq!(count(&page, ".math"), 0);
}

// ---- Through the binary --------------------------------------------------------------------

/// A build reads includes and code samples from the locale folder.
#[test]
fn build_renders_includes_tabs_and_code_samples() {
    let dir = common::project(&[
        ("content/de-DE/a.md", "---\ntitle: A\n---\n# A\n\n[!INCLUDE[steps](includes/steps.md)]\n\n:::code language=\"xml\" source=\"samples/s.xml\" range=\"2\":::\n".as_bytes()),
        ("content/de-DE/includes/steps.md", b"# [Eins](#tab/one)\n\nErster Tab.\n\n# [Zwei](#tab/two)\n\nZweiter Tab.\n"),
        ("content/de-DE/samples/s.xml", b"<a>\n  <b/>\n</a>\n"),
    ]);
    let (site, run) = common::build_site(dir.path());
    assert!(run.status.success(), "{}", common::stderr(&run));
    let page = common::html(&site.join("de-DE/a.html"));
    assert_eq!(texts(&page, "main .tabGroup a[role=tab]"), ["Eins", "Zwei"]);
    assert_eq!(texts(&page, "main pre > code.lang-xml"), ["<b/>"]);
}

fn pair(id: &str, target: &str, source: &str) -> String {
    common::sxs_segment(&format!("ab-{id}"), target, source)
}

/// `diglot check` sees through constructs: a tab lost in a plain translation is a step
/// mismatch naming both places; images of `:::image`, includes and code samples are file
/// references; links in alerts are checked; `#tab/...` links are not fragments.
#[test]
fn check_sees_through_constructs() {
    let english_tabs = format!(
        "---\ntitle: T\nms.contentlocale: nl-NL\nms.sourcegitcommit: c1\n---\n# {}\n\n# [Windows](#tab/windows)\n\n{}\n\n# [Linux](#tab/linux)\n\n{}\n\n---\n\nEnd.\n",
        pair("101", "Titel", "Title"),
        pair("102", "Voor Windows.", "For Windows."),
        pair("103", "Voor Linux.", "For Linux.")
    );
    let plain = "---\ntitle: T\nms.contentlocale: da-DK\nms.sourcegitcommit: c1\n---\n# Titel\n\n# [Windows](#tab/windows)\n\nTil Windows.\n\n---\n\nEnd.\n\n:::image type=\"content\" source=\"media/none.png\" alt-text=\"x\":::\n\n[!INCLUDE[x](includes/gone.md)]\n\n:::code source=\"samples/gone.xml\":::\n\n> [!NOTE]\n> See [nothing](nothing.md) and [pick Linux](#tab/linux).\n";
    let dir = common::project(&[
        ("content/nl-NL/a.md", english_tabs.as_bytes()),
        ("content/da-DK/a.md", plain.as_bytes()),
    ]);
    let run = common::diglot(&[
        "--root",
        dir.path().to_str().unwrap(),
        "check",
        "--offline",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("a JSON report");
    let findings: Vec<(String, String, u64, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["file"].as_str().unwrap_or_default().replace('\\', "/"),
                d["line"].as_u64().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .filter(|(_, file, _, _)| file.contains("da-DK"))
        .collect();
    let has = |code: &str, line: u64, words: &str| {
        findings
            .iter()
            .any(|(c, _, l, m)| c == code && *l == line && m.contains(words))
    };
    assert!(
        has("step-mismatch", 16, "the English has the tab `linux`"),
        "{findings:#?}"
    );
    let mismatch = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "step-mismatch")
        .unwrap();
    assert!(
        mismatch["related"][0]["file"]
            .as_str()
            .unwrap()
            .contains("nl-NL"),
        "{mismatch}"
    );
    assert!(has("missing-file", 16, "media/none.png"), "{findings:#?}");
    assert!(has("missing-file", 18, "includes/gone.md"), "{findings:#?}");
    assert!(has("missing-file", 20, "samples/gone.xml"), "{findings:#?}");
    assert!(has("broken-link", 23, "nothing.md"), "{findings:#?}");
    assert!(
        !findings.iter().any(|(c, ..)| c == "broken-fragment"),
        "{findings:#?}"
    );
}

/// `diglot check` checks `xref:` links against the xref maps when book.toml lists any, and
/// leaves them alone when it lists none.
#[test]
fn check_resolves_xrefs_when_a_map_is_configured() {
    let page = "---\ntitle: T\nms.contentlocale: nl-NL\n---\n# T\n\nSee <xref:Known.Type> and [this](xref:Unknown.Type?displayProperty=fullName).\n";
    let map = "references:\n- uid: Known.Type\n  name: Known\n  href: https://learn.test/known\n";
    let findings = |toml: &str| {
        let dir = common::project(&[
            ("book.toml", toml.as_bytes()),
            ("map.yml", map.as_bytes()),
            ("content/nl-NL/a.md", page.as_bytes()),
        ]);
        let run = common::diglot(&[
            "--root",
            dir.path().to_str().unwrap(),
            "check",
            "--offline",
            "--format",
            "json",
        ]);
        let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("a JSON report");
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{}",
                    d["code"].as_str().unwrap(),
                    d["line"],
                    d["message"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    let with_map = findings("[build]\nxref-maps = [\"map.yml\"]\n");
    assert_eq!(
        with_map,
        ["unresolved-xref 7:cross-reference `Unknown.Type` is not in any xref map"]
    );
    assert!(findings("").is_empty());
}
