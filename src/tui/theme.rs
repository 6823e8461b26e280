//! Colours: a colour-blind-safe palette (blue and orange, never red against green), and a
//! high-contrast one (white on black) for projectors. Words and symbols always carry the
//! meaning, so nothing is told by colour alone.

use ratatui::style::{Color, Modifier, Style};

use crate::training::plan::PhaseKind;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// The whole screen under everything else.
    pub base: Style,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub warn: Style,
    pub key: Style,
    pub border: Style,
    pub selected: Style,
    pub banner: Style,
    work: Style,
    rest: Style,
}

impl Default for Theme {
    fn default() -> Self {
        // Okabe-Ito sky blue and orange, as 256-colour indexes (shorter escape codes than
        // true colour: fewer bytes to the terminal every second).
        let blue = Color::Indexed(74);
        let orange = Color::Indexed(214);
        Theme {
            base: Style::new(),
            text: Style::new(),
            dim: Style::new().fg(Color::Gray),
            title: Style::new().add_modifier(Modifier::BOLD),
            accent: Style::new().fg(blue),
            warn: Style::new().fg(orange),
            key: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            banner: Style::new().fg(Color::Black).bg(orange),
            work: Style::new().fg(orange),
            rest: Style::new().fg(blue),
        }
    }
}

impl Theme {
    /// For a projector or a washed-out screen: bold white on black, no mid-greys, emphasis
    /// by inverting (black on white) rather than by a colour.
    pub fn high_contrast() -> Theme {
        let plain = Style::new().fg(Color::White).bg(Color::Black);
        let bold = plain.add_modifier(Modifier::BOLD);
        let inverse = Style::new()
            .fg(Color::Black)
            .bg(Color::White)
            .add_modifier(Modifier::BOLD);
        Theme {
            base: plain,
            text: bold,
            dim: plain,
            title: bold,
            accent: bold,
            warn: inverse,
            key: bold,
            border: plain,
            selected: inverse,
            banner: inverse,
            work: bold,
            rest: bold,
        }
    }

    /// The countdown's colour by phase; the phase is always also written in words.
    pub fn countdown(&self, kind: PhaseKind) -> Style {
        match kind {
            PhaseKind::Work => self.work,
            _ => self.rest,
        }
    }
}
