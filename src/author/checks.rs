//! The checks pane: the checker's findings on the program as it is now, the selected line's
//! first, each with its word (error, warning), its code and where it is, so nothing depends
//! on telling the colours apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::state::{App, Row, row_of};
use super::widgets::{Palette, fit, plural};
use crate::common::text::clean_line;
use crate::program::Severity;
use crate::program::check::Finding;

/// Where a finding is, in words: "A › Strength › 2".
fn place(app: &App, row: Row) -> String {
    let p = &app.doc.program;
    match row {
        Row::Program => "program".into(),
        Row::Session(s) => format!("session {}", clean_line(&p.sessions[s].name)),
        Row::Block(s, b) => format!(
            "{} › {}",
            clean_line(&p.sessions[s].name),
            clean_line(&p.sessions[s].blocks[b].name)
        ),
        Row::Item(s, b, i) => format!(
            "{} › {} › {}",
            clean_line(&p.sessions[s].name),
            clean_line(&p.sessions[s].blocks[b].name),
            i + 1
        ),
    }
}

/// The pane's title: whether the program can be run, and how many problems it has.
pub fn summary(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => " Checks: safe to run, no warnings ".to_owned(),
        (0, w) => format!(" Checks: safe to run, {w} warning{} ", plural(w)),
        (e, w) => format!(
            " Checks: {e} error{}, {w} warning{}: cannot be run yet ",
            plural(e),
            plural(w)
        ),
    }
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, palette: &Palette) {
    let (errors, warnings) = (app.errors(), app.warnings());
    let style = if errors > 0 {
        palette.error
    } else if warnings > 0 {
        palette.warning
    } else {
        palette.safe
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(summary(errors, warnings), style));
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    let selected = app.row();
    let mut shown: Vec<&Finding> = app.findings.iter().collect();
    // The selected line's findings first, then errors before warnings.
    shown.sort_by_key(|f| (row_of(&f.path) != selected, f.code.severity()));
    let lines: Vec<Line> = shown
        .iter()
        .take(inner.height as usize)
        .map(|f| {
            let (word, style) = match f.code.severity() {
                Severity::Error => ("error", palette.error),
                Severity::Warning => ("warning", palette.warning),
            };
            let text = format!(
                " {}: {}",
                place(app, row_of(&f.path)),
                clean_line(&f.message)
            );
            let head = format!("{word}[{}]", f.code);
            let rest = width.saturating_sub(head.chars().count());
            Line::from(vec![Span::styled(head, style), Span::raw(fit(&text, rest))])
        })
        .collect();
    if lines.is_empty() {
        Paragraph::new("Every rule of the checker passes.").render(inner, buf);
    } else {
        Paragraph::new(lines).render(inner, buf);
    }
}
