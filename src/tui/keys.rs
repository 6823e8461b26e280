//! Key tables: each screen and dialog writes its keys once, as a list of bindings, and that one
//! list is read three ways: to dispatch a key press, to write the footer, and to list the keys
//! in the help. A key the footer names therefore always works, and a key that does not work
//! right now is neither dispatched nor named in the footer.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::common::wrap::width;

/// One line of a key table: the keys, what each does, and how the footer and help say it.
#[derive(Debug, Clone)]
pub struct Binding<A> {
    /// Every key it answers to, each with its action: one line can hold two directions ("↑↓
    /// program") or a range of digits ("1-4 answer").
    pub keys: Vec<(KeyCode, A)>,
    /// How the footer and the help write the keys: "Space", "↑↓", "1-4".
    pub label: Cow<'static, str>,
    /// What it does, in a word or two, for the footer.
    pub short: Cow<'static, str>,
    /// What it does, in a line, for the help (the short words when empty).
    pub long: &'static str,
    /// Named in the footer; otherwise only in the help (scrolling, second ways to do a thing).
    pub in_footer: bool,
    /// Works now. A binding that does not is not dispatched and not in the footer; the help
    /// still lists it, its `long` words saying when it works.
    pub enabled: bool,
    /// Answers to any key no other binding takes ("any key: back to the class").
    pub any: Option<A>,
}

/// A binding of `codes` to `action`.
pub fn bind<A: Clone>(
    label: impl Into<Cow<'static, str>>,
    short: impl Into<Cow<'static, str>>,
    action: A,
    codes: &[KeyCode],
) -> Binding<A> {
    Binding {
        keys: codes.iter().map(|&c| (c, action.clone())).collect(),
        label: label.into(),
        short: short.into(),
        long: "",
        in_footer: true,
        enabled: true,
        any: None,
    }
}

/// A binding of every key that no other binding of the table takes.
pub fn any_key<A>(short: impl Into<Cow<'static, str>>, action: A) -> Binding<A> {
    Binding {
        keys: Vec::new(),
        label: "any key".into(),
        short: short.into(),
        long: "",
        in_footer: true,
        enabled: true,
        any: Some(action),
    }
}

/// A binding of the digits `from..=to`, each to its own action.
pub fn digits<A>(
    short: impl Into<Cow<'static, str>>,
    from: u8,
    to: u8,
    action: impl Fn(u8) -> A,
) -> Binding<A> {
    Binding {
        keys: (from..=to)
            .map(|d| (KeyCode::Char(char::from(b'0' + d)), action(d)))
            .collect(),
        label: format!("{from}-{to}").into(),
        short: short.into(),
        long: "",
        in_footer: true,
        enabled: true,
        any: None,
    }
}

impl<A: Clone> Binding<A> {
    /// More keys on the same line, doing `action`.
    pub fn or(mut self, action: A, codes: &[KeyCode]) -> Self {
        self.keys.extend(codes.iter().map(|&c| (c, action.clone())));
        self
    }
}

impl<A> Binding<A> {
    /// The line the help shows for it.
    pub fn help(mut self, long: &'static str) -> Self {
        self.long = long;
        self
    }

    /// Written as `label` in the footer and the help.
    pub fn label(mut self, label: impl Into<Cow<'static, str>>) -> Self {
        self.label = label.into();
        self
    }

    /// Only in the help, not in the footer.
    pub fn help_only(mut self) -> Self {
        self.in_footer = false;
        self
    }

    /// Works only when `enabled`.
    pub fn when(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// The same binding with its actions wrapped (a screen's action in the app's).
    pub fn map<B>(self, f: impl Fn(A) -> B) -> Binding<B> {
        Binding {
            keys: self.keys.into_iter().map(|(c, a)| (c, f(a))).collect(),
            label: self.label,
            short: self.short,
            long: self.long,
            in_footer: self.in_footer,
            enabled: self.enabled,
            any: self.any.map(&f),
        }
    }
}

/// What `key` does in `table`, if anything. Modifiers are ignored (Ctrl-C is handled before
/// any table): a terminal may report Shift or Alt with a plain key.
pub fn action<A: Clone>(table: &[Binding<A>], key: &KeyEvent) -> Option<A> {
    let enabled = || table.iter().filter(|b| b.enabled);
    enabled()
        .flat_map(|b| &b.keys)
        .find(|(code, _)| *code == key.code)
        .map(|(_, a)| a.clone())
        .or_else(|| enabled().find_map(|b| b.any.clone()))
}

/// The footer: "Space pause  Enter done  ...", for the bindings that work now.
pub fn footer<A>(table: &[Binding<A>], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for b in table.iter().filter(|b| b.in_footer && b.enabled) {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(b.label.clone().into_owned(), theme.key));
        spans.push(Span::styled(format!(" {}", b.short), theme.dim));
    }
    Line::from(spans)
}

/// The footer in rows of `columns`: a binding is never split across two rows.
pub fn footer_rows<A>(table: &[Binding<A>], columns: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for b in table.iter().filter(|b| b.in_footer && b.enabled) {
        let short = format!(" {}", b.short);
        let w = width(&b.label) + width(&short);
        let row = rows.last_mut().expect("a row");
        if !row.is_empty() && used + 2 + w > usize::from(columns) {
            rows.push(Vec::new());
            used = 0;
        }
        let row = rows.last_mut().expect("a row");
        if !row.is_empty() {
            row.push(Span::raw("  "));
            used += 2;
        }
        row.push(Span::styled(b.label.clone().into_owned(), theme.key));
        row.push(Span::styled(short, theme.dim));
        used += w;
    }
    rows.into_iter().map(Line::from).collect()
}

/// The help's lines: every binding, its keys in a column.
pub fn help_lines<A>(table: &[Binding<A>]) -> Vec<Line<'static>> {
    let width = table
        .iter()
        .map(|b| width(&b.label))
        .max()
        .unwrap_or(0)
        .max(6)
        + 2;
    table
        .iter()
        .map(|b| {
            let what = if b.long.is_empty() { &*b.short } else { b.long };
            Line::raw(format!("{:<width$}{what}", b.label))
        })
        .collect()
}

/// A printable key.
pub const fn ch(c: char) -> KeyCode {
    KeyCode::Char(c)
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Act {
        Up,
        Down,
        Pick(u8),
        Quit,
    }

    fn table(can_quit: bool) -> Vec<Binding<Act>> {
        vec![
            bind("↑↓", "move", Act::Up, &[KeyCode::Up]).or(Act::Down, &[KeyCode::Down]),
            digits("pick", 1, 3, Act::Pick).help_only(),
            bind("q", "quit", Act::Quit, &[ch('q'), KeyCode::Esc]).when(can_quit),
        ]
    }

    fn press(table: &[Binding<Act>], code: KeyCode) -> Option<Act> {
        action(table, &KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn one_table_dispatches_and_writes_the_footer_and_the_help() {
        let t = table(true);
        assert_eq!(press(&t, KeyCode::Down), Some(Act::Down));
        assert_eq!(press(&t, ch('2')), Some(Act::Pick(2)));
        assert_eq!(press(&t, ch('4')), None);
        assert_eq!(press(&t, KeyCode::Esc), Some(Act::Quit));
        assert_eq!(footer(&t, &Theme::default()).to_string(), "↑↓ move  q quit");
        let help: Vec<String> = help_lines(&t).iter().map(Line::to_string).collect();
        assert_eq!(help, ["↑↓      move", "1-3     pick", "q       quit"]);
    }

    #[test]
    fn a_key_that_does_not_work_now_is_not_dispatched_nor_in_the_footer() {
        let t = table(false);
        assert_eq!(press(&t, ch('q')), None);
        assert_eq!(footer(&t, &Theme::default()).to_string(), "↑↓ move");
        assert_eq!(help_lines(&t).len(), 3, "the help still lists it");
    }
}
