//! Screens as text with their colours: a snapshot keeps the colour where it carries meaning
//! (orange for a warning, work or sharp pain; blue for rest or a target met; a reversed
//! selection; the banner), listed under the text as runs of cells, so a change of colour shows
//! in a review like a change of words. Greys (dim text, borders) are left out.

use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn colour_name(c: Color) -> Option<String> {
    match c {
        Color::Reset | Color::Gray | Color::DarkGray => None,
        Color::Indexed(214) => Some("orange".into()),
        Color::Indexed(74) => Some("blue".into()),
        other => Some(format!("{other:?}").to_lowercase()),
    }
}

/// What a cell's style means, when it means anything.
fn meaning(cell: &ratatui::buffer::Cell) -> Option<String> {
    let fg = colour_name(cell.fg);
    let bg = colour_name(cell.bg);
    let reversed = cell.modifier.contains(Modifier::REVERSED);
    let mut words = Vec::new();
    if reversed {
        words.push("reversed".to_owned());
    }
    match (fg, bg) {
        (Some(f), Some(b)) => words.push(format!("{f} on {b}")),
        (Some(f), None) => words.push(f),
        (None, Some(b)) => words.push(format!("on {b}")),
        (None, None) => {}
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The screen as `TestBackend` shows it (one quoted line a row), then its colours.
pub fn with_colours(backend: &TestBackend) -> String {
    let buffer = backend.buffer();
    let area = buffer.area;
    let text = backend.to_string();
    let mut colours = String::new();
    for y in area.top()..area.bottom() {
        // (what it means, the first column, the cells)
        let mut run: Option<(String, u16, String)> = None;
        let mut flush = |run: &mut Option<(String, u16, String)>| {
            let Some((what, x, cells)) = run.take() else {
                return;
            };
            let background = what.contains(" on ") || what.starts_with("on ");
            let shown = if background {
                cells.as_str()
            } else {
                cells.trim()
            };
            if !shown.is_empty() {
                let x =
                    x + (cells.len() - cells.trim_start().len()) as u16 * u16::from(!background);
                colours.push_str(&format!("{y:>3}:{x:<3} {what}: \"{shown}\"\n"));
            }
        };
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            match (meaning(cell), &mut run) {
                (Some(m), Some((what, _, cells))) if *what == m => cells.push_str(cell.symbol()),
                (m, _) => {
                    flush(&mut run);
                    run = m.map(|m| (m, x, cell.symbol().to_owned()));
                }
            }
        }
        flush(&mut run);
    }
    if colours.is_empty() {
        text
    } else {
        format!("{text}\ncolours:\n{colours}")
    }
}
