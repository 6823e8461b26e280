//! The editor window over an outline line: its fields (from `fields`), its key table (which
//! keys work depends on the field: digits on a number, x on a progress step), the changes a
//! key makes (through `values`), and its drawing with the exercise's guidance on top.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::fields::{Field, FieldId, FieldKind, fields};
use super::state::{App, Modal, Purpose, Row};
use super::values::{adjust, number, set_number};
use super::widgets::{Palette, fit, popup};
use crate::common::text::clean_line;
use crate::program::{Exercise, Impact, Kind};
use crate::tui::keys::{Binding, bind, ch, digits};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Previous,
    Next,
    Less,
    More,
    Digit(u8),
    Erase,
    /// Enter: type into a text field, carry out an action, or close.
    Enter,
    AddStep,
    RemoveStep,
    Help,
    Done,
}

/// The open editor's row, field and digits typed, if the editor is open.
fn open_editor(app: &App) -> Option<(Row, usize, &str)> {
    match &app.modal {
        Some(Modal::Editor { row, field, typed }) => Some((*row, *field, typed.as_str())),
        _ => None,
    }
}

/// The field the editor is on.
fn current(app: &App) -> Option<Field> {
    let (row, field, _) = open_editor(app)?;
    let list = fields(&app.doc, row, app.catalog());
    let last = list.len().checked_sub(1)?;
    list.into_iter().nth(field.min(last))
}

pub fn keys(app: &App) -> Vec<Binding<Action>> {
    let field = current(app);
    let kind = field.as_ref().map(|f| f.kind);
    let number = kind == Some(FieldKind::Number);
    let typed = open_editor(app).is_some_and(|(_, _, t)| !t.is_empty());
    let item = matches!(open_editor(app), Some((Row::Item(..), _, _)));
    let step = matches!(
        field.map(|f| f.id),
        Some(FieldId::StepKind(_) | FieldId::StepSize(_) | FieldId::StepCap(_))
    );
    // Enter closes the editor on a number or a choice, as Esc does: only the footer of a
    // text field or an action names it.
    let (enter, enter_acts) = match kind {
        Some(FieldKind::Text) => ("type", true),
        Some(FieldKind::Action) => ("add", true),
        _ => ("done", false),
    };
    vec![
        bind("↑↓", "field", Action::Previous, &[KeyCode::Up, ch('k')])
            .or(Action::Next, &[KeyCode::Down, ch('j'), KeyCode::Tab])
            .help("the field above or below (j k and Tab too)"),
        bind(
            "←→",
            "change",
            Action::Less,
            &[KeyCode::Left, ch('-'), ch('h')],
        )
        .or(
            Action::More,
            &[KeyCode::Right, ch('+'), ch('='), ch('l'), ch(' ')],
        )
        .help("less or more, the next choice, yes or no (- + Space too)")
        .when(kind != Some(FieldKind::Text)),
        digits("type", 0, 9, Action::Digit)
            .help("type a number; past the range it stops at the end")
            .when(number),
        bind("Backspace", "erase", Action::Erase, &[KeyCode::Backspace])
            .help("take back the last digit typed")
            .help_only()
            .when(number && typed),
        {
            let b = bind("Enter", enter, Action::Enter, &[KeyCode::Enter])
                .help("type into a text field, add a step, or close the editor");
            if enter_acts { b } else { b.help_only() }
        },
        bind("a", "add step", Action::AddStep, &[ch('a')])
            .help("add a progress step")
            .when(item),
        bind(
            "x",
            "remove step",
            Action::RemoveStep,
            &[ch('x'), KeyCode::Delete],
        )
        .help("remove this progress step (Del too)")
        .when(step),
        bind("?", "help", Action::Help, &[ch('?')])
            .help("this help")
            .help_only(),
        bind("Esc", "done", Action::Done, &[KeyCode::Esc]).help("close the editor"),
    ]
}

/// Opens the editor of `row`; what it changes is one undo step.
pub fn open(app: &mut App, row: Row) {
    app.remember();
    app.modal = Some(Modal::Editor {
        row,
        field: 0,
        typed: String::new(),
    });
}

/// Closes an editor; an editor that changed nothing leaves no undo step.
pub fn close(app: &mut App) {
    if app.undo.last().is_some_and(|(d, _)| *d == app.doc) {
        app.undo.pop();
    }
}

/// Back to the editor a text field was opened from, on that field.
pub fn reopen(app: &mut App, row: Row, id: FieldId) {
    let field = fields(&app.doc, row, app.catalog())
        .iter()
        .position(|f| f.id == id)
        .unwrap_or(0);
    app.modal = Some(Modal::Editor {
        row,
        field,
        typed: String::new(),
    });
}

pub fn act(app: &mut App, action: Action) {
    let Some(Modal::Editor {
        row,
        mut field,
        mut typed,
    }) = app.modal.take()
    else {
        return;
    };
    let list = fields(&app.doc, row, app.catalog());
    let Some(last) = list.len().checked_sub(1) else {
        close(app);
        return;
    };
    field = field.min(last);
    let current = list[field].clone();
    let mut keep_typed = false;
    match action {
        Action::Done => {
            close(app);
            return;
        }
        Action::Help => {
            app.modal = Some(Modal::Help {
                back: Some(Box::new(Modal::Editor { row, field, typed })),
            });
            return;
        }
        Action::Previous => field = field.saturating_sub(1),
        Action::Next => field = (field + 1).min(last),
        Action::Less => change(app, row, current.id, -1),
        Action::More => change(app, row, current.id, 1),
        Action::Digit(d) => {
            typed.push(char::from(b'0' + d));
            put_typed(app, row, current.id, &typed);
            keep_typed = true;
        }
        Action::Erase => {
            typed.pop();
            put_typed(app, row, current.id, &typed);
            keep_typed = true;
        }
        Action::AddStep => {
            change(app, row, FieldId::AddStep, 1);
            field = fields(&app.doc, row, app.catalog())
                .iter()
                .rposition(|f| matches!(f.id, FieldId::StepKind(_)))
                .unwrap_or(field);
        }
        Action::RemoveStep => {
            if let FieldId::StepKind(i) | FieldId::StepSize(i) | FieldId::StepCap(i) = current.id
                && let Row::Item(s, b, k) = row
                && let Some(item) = app.doc.item_mut(s, b, k)
                && i < item.progress.len()
            {
                item.progress.remove(i);
                app.changed();
            }
        }
        Action::Enter => match current.kind {
            FieldKind::Text => {
                let text = current.value.clone();
                app.modal = Some(Modal::Input {
                    purpose: Purpose::Field(row, current.id),
                    before: text.clone(),
                    text,
                });
                return;
            }
            FieldKind::Action => change(app, row, current.id, 1),
            _ => {
                close(app);
                return;
            }
        },
    }
    let n = fields(&app.doc, row, app.catalog()).len();
    app.modal = Some(Modal::Editor {
        row,
        field: field.min(n.saturating_sub(1)),
        typed: if keep_typed { typed } else { String::new() },
    });
}

/// A left or right arrow (or Enter on an action) on field `id`.
fn change(app: &mut App, row: Row, id: FieldId, delta: i32) {
    if adjust(&mut app.doc, row, id, delta) {
        app.changed();
    }
}

/// The digits typed so far into a number field, kept within its range.
fn put_typed(app: &mut App, row: Row, id: FieldId, typed: &str) {
    let Ok(n) = typed.parse::<u32>() else {
        return;
    };
    if let Some(num) = number(&app.doc, row, id) {
        let n = n.clamp(*num.range.start(), *num.range.end());
        if n != num.value {
            set_number(&mut app.doc, row, id, n);
            app.changed();
        }
    }
}

/// One line of guidance for an exercise's kind, shown in its editor.
pub fn guidance_for(e: &Exercise) -> &'static str {
    if e.has_kind(Kind::Resistance) {
        "Resistance: 8-12 reps, 1-3 sets, effort 5-8 of 10, 2-3 days a week"
    } else if e.has_kind(Kind::Extension) {
        "Back extension: holds of 3-5 s, 5-10 minutes daily"
    } else if e.impact >= Impact::Moderate {
        "Impact: about 50 moderate impacts most days; none after a spine fracture"
    } else if e.has_kind(Kind::Balance) {
        "Balance: 15-20 minutes most days, with support in reach"
    } else {
        "Weight-bearing: on your feet most days"
    }
}

pub fn draw(app: &App, row: Row, selected: usize, area: Rect, buf: &mut Buffer, palette: &Palette) {
    let catalog = app.catalog();
    let list = fields(&app.doc, row, catalog);
    let (title, header): (String, Vec<String>) = match row {
        Row::Program => (" Program ".into(), vec![]),
        Row::Session(_) => (" Session ".into(), vec![]),
        Row::Block(..) => (" Block ".into(), vec![]),
        Row::Item(s, b, i) => {
            let item = app.doc.item(s, b, i);
            match item.and_then(|it| catalog.get(&it.exercise)) {
                Some(e) => (
                    format!(" {} ", clean_line(&e.name)),
                    vec![
                        format!("{} · impact {}", e.kinds_label(), e.impact.label()),
                        guidance_for(e).to_owned(),
                    ],
                ),
                None => (
                    format!(
                        " {} (not an exercise) ",
                        clean_line(item.map_or("", |it| it.exercise.as_str()))
                    ),
                    vec![],
                ),
            }
        }
    };
    let blank = usize::from(!header.is_empty());
    let height = (list.len() + header.len() + blank).min(area.height.saturating_sub(2) as usize);
    let window = popup(area, 66, height as u16 + 2);
    Clear.render(window, buf);
    let block = Block::bordered()
        .title(Span::styled(title, Style::new().bold()))
        .border_style(palette.accent);
    let inner = block.inner(window);
    block.render(window, buf);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = header
        .iter()
        .map(|h| Line::from(Span::styled(fit(h, width), palette.accent)))
        .collect();
    if !header.is_empty() {
        lines.push(Line::raw(""));
    }
    let room = (inner.height as usize).saturating_sub(lines.len());
    let first = selected.saturating_sub(room.saturating_sub(1));
    for (n, f) in list.iter().enumerate().skip(first).take(room) {
        let here = n == selected;
        let text = format!(
            "{} {:<13} {:<16} {}",
            if here { "›" } else { " " },
            f.label,
            fit(&clean_line(&f.value), 16),
            f.hint
        );
        let style = if here {
            Style::new().reversed()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(fit(&text, width), style)));
    }
    Paragraph::new(lines).render(inner, buf);
}
