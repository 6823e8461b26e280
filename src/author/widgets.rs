//! What the author screen's panes and windows share when they draw: the palette (the coach's
//! colour-blind-safe blue and orange, never red against green; every meaning is also in a
//! word or a mark), fitting text to a width, a pane's border; a centred window is the coach's
//! `popup`.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Block;

use unicode_width::UnicodeWidthChar;

pub use crate::common::wrap::width;
use crate::tui::theme::Theme;
pub use crate::tui::widgets::popup;

/// The author screen's styles, from the coach's theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub theme: Theme,
    /// Focus, the status line, headings: blue.
    pub accent: Style,
    /// An error: black on orange, so it differs from a warning in form, not only in colour.
    pub error: Style,
    /// A warning: orange.
    pub warning: Style,
    /// No error: blue.
    pub safe: Style,
}

impl Default for Palette {
    fn default() -> Self {
        let theme = Theme::default();
        Palette {
            theme,
            accent: theme.accent,
            error: theme.banner.add_modifier(Modifier::BOLD),
            warning: theme.warn.add_modifier(Modifier::BOLD),
            safe: theme.accent.add_modifier(Modifier::BOLD),
        }
    }
}

/// `text` cut to `columns` columns of the terminal (a wide character takes two), with an
/// ellipsis when it was longer.
pub fn fit(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A pane's border: bold and blue when it has the keys, dim when not.
pub fn pane(title: &str, focused: bool, palette: &Palette) -> Block<'static> {
    let (title_style, border) = if focused {
        (palette.accent.bold(), palette.accent)
    } else {
        (Style::new(), Style::new().add_modifier(Modifier::DIM))
    };
    Block::bordered()
        .title(Span::styled(title.to_owned(), title_style))
        .border_style(border)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_columns_not_characters() {
        assert_eq!(fit("Wall push-up", 20), "Wall push-up");
        assert_eq!(fit("Wall push-up", 6), "Wall …");
        // Each of these takes two columns: four fit in 9 with the ellipsis.
        assert_eq!(fit("深蹲深蹲深蹲", 9), "深蹲深蹲…");
        assert!(width(&fit("深蹲深蹲深蹲", 8)) <= 8);
        assert_eq!(fit("abc", 0), "");
    }
}
