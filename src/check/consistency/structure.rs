//! Steps and structure: a translation's headings, list items (with their nesting), tables,
//! images, code blocks, tabs, zones, monikers and `[!div]` sections must be those of its
//! reference, in order, and so must its alerts (kind and place). The first divergence of each is
//! reported with both places, the reference's place found through the segment id when there is
//! one; an alert that became a paragraph led by bold text (`**Bemærk!** ...`) is reported
//! wherever it happens. A list item made from an English step that lacks the space after its
//! number (`4.Run` made `4. Run`) is the English's fault, reported on the English
//! ([`super::english`]), and is not compared; nor is an alert whose marker was translated,
//! reported on its own.

use super::english::unspaced_step;
use super::markers;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::markdown::outline::{Block, BlockKind};
use crate::parse::{Document, Half, Segment};

/// One side of a comparison: the blocks of one view of a document.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub document: &'a Document,
    pub half: Half,
    pub blocks: &'a [Block],
}

impl Side<'_> {
    fn position(&self, offset: usize) -> (usize, usize) {
        self.document.position(self.half, offset)
    }

    fn view(&self) -> &str {
        self.document.view(self.half)
    }

    /// The structural blocks other than alerts, without the list items made from an English
    /// step written `4.Run`.
    fn steps(&self) -> Vec<&Block> {
        self.blocks
            .iter()
            .filter(|b| !is_alert(b) && !self.is_item_of_unspaced_english_step(b))
            .collect()
    }

    /// The segments of this view with their byte ranges, in order.
    fn segments(&self) -> &[(usize, std::ops::Range<usize>)] {
        match self.half {
            Half::Target => &self.document.translation_segments,
            Half::Source => &self.document.english_segments,
        }
    }

    /// The segment at `offset`: the one whose text holds it (a code block the translation tool
    /// made inside a segment), else the one that starts later on its line (a list item's text).
    fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let segments = self.segments();
        let i = segments.partition_point(|(_, r)| r.start <= offset);
        if let Some((index, range)) = i.checked_sub(1).map(|i| &segments[i])
            && range.contains(&offset)
        {
            return Some(&self.document.segments[*index]);
        }
        let (index, range) = segments.get(i)?;
        let between = self.view().get(offset..range.start)?;
        (!between.contains('\n')).then(|| &self.document.segments[*index])
    }

    /// Where the segment of id suffix `suffix` starts in this view.
    fn segment_offset(&self, suffix: &str) -> Option<usize> {
        self.segments()
            .iter()
            .find(|(index, _)| self.document.segments[*index].id.suffix == suffix)
            .map(|(_, range)| range.start)
    }

    /// True for a numbered list item of a translation whose English is `4.Run`: a paragraph in
    /// the English, made a step by the space the translation added.
    fn is_item_of_unspaced_english_step(&self, block: &Block) -> bool {
        self.half == Half::Target
            && block.kind == (BlockKind::Item { ordered: true })
            && self
                .segment_at(block.offset)
                .and_then(|s| s.source.as_deref())
                .is_some_and(|english| unspaced_step(english.trim_start()).is_some())
    }

    /// Each alert with its place: how many steps come before it.
    fn alerts(&self) -> Vec<(usize, &Block)> {
        let mut steps = 0;
        let mut alerts = Vec::new();
        for block in self.blocks {
            if is_alert(block) {
                alerts.push((steps, block));
            } else {
                steps += 1;
            }
        }
        alerts
    }

    /// The offset of step `index`, or the end of the view past the last step.
    fn step_offset(&self, steps: &[&Block], index: usize) -> usize {
        steps.get(index).map_or(self.view().len(), |b| b.offset)
    }

    /// Where to report step `index`: the step, or the last one past the end.
    fn step_place(&self, steps: &[&Block], index: usize) -> usize {
        steps.get(index).or(steps.last()).map_or(0, |b| b.offset)
    }
}

fn is_alert(block: &Block) -> bool {
    matches!(block.kind, BlockKind::Alert(_))
}

/// Compares `translation` with `reference`, named `name` in messages ("the English", "de-DE").
pub fn compare(translation: Side, reference: Side, name: &str) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let report = |code: Code, ours: usize, theirs: usize, message: String, note: &str| {
        let d = translation.document;
        super::finding(code, &d.file, translation.position(ours), message)
            .in_article(&d.locale, &d.path)
            .with_related(&reference.document.file, reference.position(theirs), note)
    };
    let (ours, theirs) = (translation.steps(), reference.steps());
    let same = |a: &Block, b: &Block| a.kind == b.kind && a.depth == b.depth;
    let divergence = (0..ours.len().max(theirs.len()))
        .find(|&i| !matches!((ours.get(i), theirs.get(i)), (Some(a), Some(b)) if same(a, b)));
    if let Some(i) = divergence {
        let message = match (ours.get(i), theirs.get(i)) {
            (Some(a), Some(b)) => format!("{} where {name} has {}", describe(a), describe(b)),
            (None, Some(b)) => format!(
                "{name} has {} more block(s) here, starting with {}",
                theirs.len() - i,
                describe(b)
            ),
            (Some(a), _) => format!("{} that {name} does not have", describe(a)),
            (None, None) => unreachable!("a divergence has a block on one side"),
        };
        // The reference's place: the segment of the translation's block, else its i-th step.
        let theirs_at = ours
            .get(i)
            .and_then(|a| translation.segment_at(a.offset))
            .and_then(|s| reference.segment_offset(&s.id.suffix))
            .unwrap_or_else(|| reference.step_place(&theirs, i));
        findings.push(report(
            Code::StepMismatch,
            translation.step_place(&ours, i),
            theirs_at,
            message,
            &format!("{name} here"),
        ));
    }

    // Alerts are placed by the steps before them: only those before the first divergence count
    // (one right before it may sit on either side of a step the translation added or lost).
    let limit = divergence.unwrap_or(usize::MAX);
    let our_alerts: Vec<_> = translation
        .alerts()
        .into_iter()
        .filter(|a| a.0 < limit)
        .collect();
    let their_alerts: Vec<_> = reference
        .alerts()
        .into_iter()
        .filter(|a| a.0 < limit)
        .collect();
    let (mut i, mut j) = (0, 0);
    loop {
        let (ours_at, theirs_at) = (our_alerts.get(i), their_alerts.get(j));
        let message = match (ours_at, theirs_at) {
            (None, None) => break,
            (Some(a), Some(b)) if a.0 == b.0 && a.1.kind == b.1.kind => {
                if a.1.depth == b.1.depth {
                    i += 1;
                    j += 1;
                    continue;
                }
                format!(
                    "{} at list depth {} where {name} has it at depth {}",
                    describe(a.1),
                    a.1.depth,
                    b.1.depth
                )
            }
            (_, Some(b)) if ours_at.is_none_or(|a| b.0 <= a.0) => {
                let region = translation.step_offset(&ours, b.0.saturating_sub(1))
                    ..translation.step_offset(&ours, b.0);
                let region = if b.0 == 0 { 0..region.end } else { region };
                // A translated marker (`> [!הערה]`) is reported by the alert-marker rule.
                let view = translation.view();
                let in_region = view.get(region.start.min(view.len())..region.end.min(view.len()));
                if in_region.is_some_and(|r| markers::first_unknown(r).is_some()) {
                    j += 1;
                    continue;
                }
                if let Some((at, bold)) = bold_lead(translation.view(), region) {
                    findings.push(report(
                        Code::AlertMismatch,
                        at,
                        b.1.offset,
                        format!(
                            "{} of {name} became plain bold text `{bold}`",
                            describe(b.1)
                        ),
                        &format!("the alert in {name}"),
                    ));
                    j += 1;
                    continue;
                }
                if ours_at.is_some_and(|a| a.0 == b.0) {
                    format!(
                        "{} where {name} has {}",
                        describe(ours_at.unwrap().1),
                        describe(b.1)
                    )
                } else {
                    format!("{} of {name} is missing here", describe(b.1))
                }
            }
            // An alert for an English marker DocFX does not know (`[!TIPS]` made `[!TIP]`).
            (Some(_), _) if markers::first_unknown_alert_line(reference.view()).is_some() => {
                i += 1;
                continue;
            }
            (Some(a), _) => format!("{} that {name} does not have", describe(a.1)),
            (None, Some(_)) => unreachable!("handled by the arm above"),
        };
        let ours_offset = ours_at.map_or_else(
            || translation.step_place(&ours, theirs_at.map_or(0, |b| b.0)),
            |a| a.1.offset,
        );
        let theirs_offset = theirs_at.map_or_else(
            || reference.step_place(&theirs, ours_at.map_or(0, |a| a.0)),
            |b| b.1.offset,
        );
        findings.push(report(
            Code::AlertMismatch,
            ours_offset,
            theirs_offset,
            message,
            &format!("{name} here"),
        ));
        break;
    }
    findings
}

/// A line of `view[region]` that starts with a short bold lead (`**Bemærk!**`, `> **Note:**`):
/// its offset and the bold text.
fn bold_lead(view: &str, region: std::ops::Range<usize>) -> Option<(usize, &str)> {
    let region = region.start.min(view.len())..region.end.min(view.len());
    let mut offset = region.start;
    for line in view.get(region.clone())?.split_inclusive('\n') {
        let lead = line.trim_start_matches([' ', '\t', '>']);
        let at = offset + (line.len() - lead.len());
        offset += line.len();
        let Some(inner) = lead.strip_prefix("**") else {
            continue;
        };
        let Some(close) = inner.find("**") else {
            continue;
        };
        let words = inner[..close].split_whitespace().count();
        if (1..=3).contains(&words) {
            return Some((at, &view[at..at + close + 4]));
        }
    }
    None
}

fn describe(block: &Block) -> String {
    match &block.kind {
        BlockKind::Heading(level) => format!("a level-{level} heading"),
        BlockKind::Item { ordered } => format!(
            "a {} list item at depth {}",
            if *ordered { "numbered" } else { "bulleted" },
            block.depth
        ),
        BlockKind::Alert(kind) => format!("the `[!{}]` alert", kind.to_ascii_uppercase()),
        BlockKind::Table { rows, columns } => {
            format!("a table of {rows} rows and {columns} columns")
        }
        BlockKind::Code => "a code block".to_string(),
        BlockKind::Image => "an image".to_string(),
        BlockKind::Tab(id) => format!("the tab `{id}`"),
        BlockKind::Zone(name) => format!("the zone `{name}`"),
        BlockKind::Moniker(range) => format!("the moniker range `{range}`"),
        BlockKind::Section(class) => format!("a `[!div class=\"{class}\"]` section"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::outline::Outline;
    use crate::parse::parse_document;
    use std::path::Path;

    fn document(locale: &str, body: &str) -> Document {
        let text = format!("---\ntitle: t\n---\n{body}");
        parse_document(locale, "a.md", Path::new(&format!("{locale}/a.md")), &text).0
    }

    fn diff(ours: &str, theirs: &str) -> Vec<(Code, usize, String, usize)> {
        let (a, b) = (document("da-DK", ours), document("nl-NL", theirs));
        let (oa, ob) = (Outline::of(&a, Half::Target), Outline::of(&b, Half::Source));
        let ours = Side {
            document: &a,
            half: Half::Target,
            blocks: &oa.blocks,
        };
        let theirs = Side {
            document: &b,
            half: Half::Source,
            blocks: &ob.blocks,
        };
        compare(ours, theirs, "the English")
            .into_iter()
            .map(|d| (d.code, d.line, d.message, d.related[0].line))
            .collect()
    }

    const ENGLISH: &str = "# T\n\n1. One\n\n> [!NOTE]\n> Careful.\n\n2. Two\n";

    #[test]
    fn the_same_structure_is_quiet() {
        assert!(diff(ENGLISH, ENGLISH).is_empty());
    }

    #[test]
    fn an_alert_turned_into_bold_text_is_reported_at_the_bold_line() {
        let found = diff("# T\n\n1. En\n\n**Bemærk!** Pas på.\n\n2. To\n", ENGLISH);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::AlertMismatch);
        assert_eq!(found[0].1, 8);
        assert!(found[0].2.contains("`**Bemærk!**`"), "{}", found[0].2);
        assert_eq!(found[0].3, 8);
    }

    #[test]
    fn missing_alerts_and_steps() {
        let found = diff("# T\n\n1. En\n\nPas på.\n\n2. To\n", ENGLISH);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].2.contains("is missing"), "{}", found[0].2);
        let found = diff("# T\n\n1. En\n\n> [!NOTE]\n> Pas på.\n", ENGLISH);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::StepMismatch);
        assert!(found[0].2.contains("1 more block"), "{}", found[0].2);
        assert_eq!((found[0].1, found[0].3), (6, 11));
        let found = diff("# T\n\n- En\n\n> [!NOTE]\n> Pas på.\n\n- To\n", ENGLISH);
        assert_eq!(found[0].1, 6);
        assert!(
            found[0]
                .2
                .starts_with("a bulleted list item at depth 1 where")
        );
    }

    fn pair(id: &str, target: &str, source: &str) -> String {
        crate::parse::sxs::segment_text(&format!("a-{id}"), target, source)
    }

    #[test]
    fn a_step_the_english_writes_without_a_space_is_not_the_translations_fault() {
        // nl-NL/using-the-office-deployment-tool.md: the English `4.Run` is a paragraph; the
        // translation's `4. Voer` a list item.
        let translation = format!(
            "# T\n\n3. {}\n\n{}\n\n- {}\n",
            pair("111", "Ga naar de map.", "Go to the folder."),
            pair("113", "4. Voer het hulpprogramma uit.", "4.Run the tool."),
            pair("114", "Klaar.", "Done.")
        );
        let found = diff(&translation, &translation);
        assert!(found.is_empty(), "{found:?}");
        // The same item where the English has no number at all is the translation's.
        let numbered = translation.replace("4.Run the tool.", "Run the tool.");
        let found = diff(&numbered, &numbered);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::StepMismatch);
    }

    #[test]
    fn the_english_place_of_an_extra_step_is_found_by_its_segment() {
        // de-DE/azure-subscription-payment-change.md: the note pointed 18 lines off.
        let english = format!(
            "# T\n\n1. {}\n\n{}\n\n{}\n\n{}\n\n- {}\n",
            pair("107", "x", "Sign in."),
            pair("116", "x", "**Update a card**"),
            pair("117", "x", "Select the card."),
            pair("118", "x", "Remove it."),
            pair("130", "x", "Check with the bank.")
        );
        let translation = format!(
            "# T\n\n1. {}\n\n{}\n\n1. {}\n\n{}\n\n- {}\n",
            pair("107", "Melden Sie sich an.", "Sign in."),
            pair("116", "**Karte ändern**", "**Update a card**"),
            pair("117", "Wählen Sie die Karte.", "Select the card."),
            pair("118", "Entfernen Sie sie.", "Remove it."),
            pair("130", "Fragen Sie die Bank.", "Check with the bank.")
        );
        let found = diff(&translation, &english);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::StepMismatch);
        // The extra item is at line 10 of the translation; the English of its segment is at
        // line 10 too, not at the bulleted item of line 14 that comes next among its steps.
        assert_eq!((found[0].1, found[0].3), (10, 10));
    }

    #[test]
    fn a_translated_alert_marker_is_not_also_a_missing_alert() {
        let found = diff(
            "# T\n\n1. En\n\n> [!REMARQUE]\n> Pas på.\n\n2. To\n",
            ENGLISH,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn another_kind_of_alert() {
        let found = diff("# T\n\n1. En\n\n> [!TIP]\n> Pas på.\n\n2. To\n", ENGLISH);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].2.contains("`[!TIP]` alert where"),
            "{}",
            found[0].2
        );
    }
}
