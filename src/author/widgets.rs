//! What the author screen's panes and windows share when they draw: the palette (the coach's
//! colour-blind-safe blue and orange, never red against green; every meaning is also in a
//! word or a mark), fitting text to a width, a pane's border, a centred window.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Block;

use crate::tui::theme::Theme;

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

/// `text` cut to `width` characters, with an ellipsis when it was longer.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
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

/// A `width` x `height` rectangle in the middle of `area` (smaller if `area` is).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
