//! Drawing the author screen from its state: the outline, the library, the live diagnostics,
//! and the editor, input, confirmation and help windows over them. Selection is shown by a
//! marker as well as by colour, so it reads on any terminal. Every text from the program goes
//! through `clean_line`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap,
};

use super::app::{App, Ask, Focus, Modal, Purpose, Row, fields, guidance_for};
use crate::common::text::clean_line;
use crate::program::{Kind, Severity};

/// `text` cut to `width` characters, with an ellipsis when it was longer.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn kind_letter(k: Kind) -> char {
    match k {
        Kind::WeightBearing => 'W',
        Kind::Resistance => 'R',
        Kind::Balance => 'B',
        Kind::Extension => 'E',
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [title, main, diagnostics, status, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(6),
            Constraint::Length(5),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.title_bar(title, buf);
        let [outline, library] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(main);
        self.outline(outline, buf);
        self.library_pane(library, buf);
        self.diagnostics(diagnostics, buf);
        Paragraph::new(fit(&self.status_line(), status.width as usize))
            .style(Style::new().fg(Color::Cyan))
            .render(status, buf);
        Paragraph::new(fit(self.keys_line(), keys.width as usize))
            .style(Style::new().add_modifier(Modifier::DIM))
            .render(keys, buf);
        match &self.modal {
            Some(Modal::Editor { row, field, .. }) => self.editor(*row, *field, area, buf),
            Some(Modal::Input { purpose, text, .. }) => self.input(*purpose, text, area, buf),
            Some(Modal::Confirm(ask)) => self.confirm(*ask, area, buf),
            Some(Modal::Help) => help(area, buf),
            None => {}
        }
    }
}

impl App {
    fn title_bar(&self, area: Rect, buf: &mut Buffer) {
        let state = if self.dirty { "modified" } else { "saved" };
        let text = format!(" upright author │ {} │ {} ", clean_line(&self.name), state);
        Paragraph::new(fit(&text, area.width as usize))
            .style(Style::new().reversed())
            .render(area, buf);
    }

    fn status_line(&self) -> String {
        if !self.status.is_empty() {
            return clean_line(&self.status).into_owned();
        }
        match self.focus {
            Focus::Outline => {
                "Enter edits the line; a adds an exercise after it; b adds a block, n a session."
                    .into()
            }
            Focus::Library => "f or 0-4 choose a kind, / searches, Enter adds the exercise.".into(),
        }
    }

    fn keys_line(&self) -> &'static str {
        match (&self.modal, self.focus) {
            (Some(Modal::Editor { .. }), _) => {
                "↑↓ field  ←→ change  0-9 type  a add step  x remove step  Esc done"
            }
            (Some(Modal::Input { .. }), _) => "type, then Enter  Esc cancels",
            (Some(_), _) => "",
            (None, Focus::Outline) => {
                "Enter edit  a add  J/K move  d delete  u undo  s save  q quit  ? more keys"
            }
            (None, Focus::Library) => {
                "↑↓ choose  Enter add  f kind  / search  Tab back  s save  q quit  ? help"
            }
        }
    }

    fn row_text(&self, row: Row) -> String {
        let p = &self.doc.program;
        let catalog = self.catalog();
        match row {
            Row::Program => format!(
                "\"{}\" · {} · {} a week",
                clean_line(&p.title),
                p.level.label(),
                p.per_week
            ),
            Row::Session(s) => {
                let session = &p.sessions[s];
                format!(
                    "Session {} · about {} min",
                    clean_line(&session.name),
                    session.estimate_minutes()
                )
            }
            Row::Block(s, b) => {
                let block = &p.sessions[s].blocks[b];
                let pick = match block.pick {
                    Some(n) => format!(" (pick {n} of {})", block.items.len()),
                    None => String::new(),
                };
                format!("  {}{pick}", clean_line(&block.name))
            }
            Row::Item(s, b, i) => {
                let item = &p.sessions[s].blocks[b].items[i];
                let name = catalog
                    .get(&item.exercise)
                    .map_or_else(|| item.exercise.clone(), |e| e.name.clone());
                format!(
                    "    {}. {} · {}",
                    i + 1,
                    clean_line(&name),
                    item.dose.describe()
                )
            }
        }
    }

    fn outline(&self, area: Rect, buf: &mut Buffer) {
        let focused = self.focus == Focus::Outline && self.modal.is_none();
        let block = pane(" Program ", focused);
        let width = block.inner(area).width as usize;
        let items: Vec<ListItem> = self
            .rows()
            .iter()
            .enumerate()
            .map(|(n, &row)| {
                let worst = self.findings_at(row).map(|f| f.code.severity()).min();
                let (mark, colour) = match worst {
                    Some(Severity::Error) => ("!", Color::Red),
                    Some(Severity::Warning) => ("?", Color::Yellow),
                    None => (" ", Color::Reset),
                };
                let pointer = if n == self.selected { "›" } else { " " };
                let text = fit(&self.row_text(row), width.saturating_sub(2));
                let style = match row {
                    Row::Program | Row::Session(_) => Style::new().bold(),
                    Row::Block(..) => Style::new().add_modifier(Modifier::ITALIC),
                    Row::Item(..) => Style::new(),
                };
                ListItem::new(Line::from(vec![
                    Span::raw(pointer),
                    Span::styled(mark, Style::new().fg(colour).bold()),
                    Span::styled(text, style),
                ]))
            })
            .collect();
        let highlight = if focused {
            Style::new().reversed()
        } else {
            Style::new().underlined()
        };
        let list = List::new(items).block(block).highlight_style(highlight);
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(list, area, buf, &mut state);
    }

    fn library_pane(&self, area: Rect, buf: &mut Buffer) {
        let focused = self.focus == Focus::Library && self.modal.is_none();
        let kind = self.kind.map_or("all kinds", |k| k.label());
        let search = if self.query.is_empty() {
            String::new()
        } else {
            format!(" · \"{}\"", fit(&clean_line(&self.query), 8))
        };
        let title = format!(" Library · {kind}{search} ");
        let block = pane(&title, focused);
        let width = block.inner(area).width as usize;
        let list = self.library_list();
        let items: Vec<ListItem> = list
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let kinds: String = e.kinds.iter().map(|k| kind_letter(*k)).collect();
                let pointer = if focused && n == self.pick {
                    "›"
                } else {
                    " "
                };
                // The program's own exercises are marked: they are edited in the file.
                let mine = if self
                    .doc
                    .program
                    .exercises
                    .iter()
                    .any(|x| std::ptr::eq(x, *e))
                {
                    "*"
                } else {
                    " "
                };
                let name = fit(&clean_line(&e.name), width.saturating_sub(8));
                let pad = width.saturating_sub(8).saturating_sub(name.chars().count());
                ListItem::new(Line::from(vec![
                    Span::raw(pointer),
                    Span::raw(name),
                    Span::raw(" ".repeat(pad)),
                    Span::raw(mine),
                    Span::styled(format!(" {kinds:<4}"), Style::new().fg(Color::Cyan)),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.pick));
        let highlight = if focused {
            Style::new().reversed()
        } else {
            Style::new()
        };
        StatefulWidget::render(
            List::new(items).block(block).highlight_style(highlight),
            area,
            buf,
            &mut state,
        );
    }

    fn place(&self, row: Row) -> String {
        let p = &self.doc.program;
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

    fn diagnostics(&self, area: Rect, buf: &mut Buffer) {
        let (errors, warnings) = (self.errors(), self.warnings());
        let summary = match (errors, warnings) {
            (0, 0) => " Checks: safe to run, no warnings ".to_owned(),
            (0, w) => format!(" Checks: safe to run, {w} warning{} ", plural(w)),
            (e, w) => format!(
                " Checks: {e} error{}, {w} warning{}: cannot be run yet ",
                plural(e),
                plural(w)
            ),
        };
        let colour = if errors > 0 {
            Color::Red
        } else if warnings > 0 {
            Color::Yellow
        } else {
            Color::Green
        };
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(summary, Style::new().fg(colour).bold()));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let selected = self.row();
        let mut shown: Vec<&crate::program::check::Finding> = self.findings.iter().collect();
        // The selected line's findings first, then errors before warnings.
        shown.sort_by_key(|f| (super::app::row_of(&f.path) != selected, f.code.severity()));
        let lines: Vec<Line> = shown
            .iter()
            .take(inner.height as usize)
            .map(|f| {
                let (word, colour) = match f.code.severity() {
                    Severity::Error => ("error", Color::Red),
                    Severity::Warning => ("warning", Color::Yellow),
                };
                let text = format!(
                    " {}: {}",
                    self.place(super::app::row_of(&f.path)),
                    clean_line(&f.message)
                );
                let head = format!("{word}[{}]", f.code);
                let rest = width.saturating_sub(head.chars().count());
                Line::from(vec![
                    Span::styled(head, Style::new().fg(colour)),
                    Span::raw(fit(&text, rest)),
                ])
            })
            .collect();
        if lines.is_empty() {
            Paragraph::new("Every rule of the checker passes.").render(inner, buf);
        } else {
            Paragraph::new(lines).render(inner, buf);
        }
    }

    fn editor(&self, row: Row, selected: usize, area: Rect, buf: &mut Buffer) {
        let catalog = self.catalog();
        let list = fields(&self.doc, row, catalog);
        let (title, header): (String, Vec<String>) = match row {
            Row::Program => (" Program ".into(), vec![]),
            Row::Session(_) => (" Session ".into(), vec![]),
            Row::Block(..) => (" Block ".into(), vec![]),
            Row::Item(s, b, i) => {
                let item = self.doc.item(s, b, i);
                let exercise = item.and_then(|it| catalog.get(&it.exercise));
                match exercise {
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
        let height =
            (list.len() + header.len() + blank).min(area.height.saturating_sub(2) as usize);
        let popup = centered(area, 66, height as u16 + 2);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .title(Span::styled(title, Style::new().bold()))
            .border_style(Style::new().fg(Color::Cyan));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let width = inner.width as usize;
        let mut lines: Vec<Line> = header
            .iter()
            .map(|h| Line::from(Span::styled(fit(h, width), Style::new().fg(Color::Cyan))))
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

    fn input(&self, purpose: Purpose, text: &str, area: Rect, buf: &mut Buffer) {
        let prompt = match purpose {
            Purpose::Search => " Search the library ".to_owned(),
            Purpose::NewBlock(..) => " Name of the new block ".to_owned(),
            Purpose::NewSession(_) => " Name of the new session ".to_owned(),
            Purpose::Field(row, id) => {
                let label = fields(&self.doc, row, self.catalog())
                    .into_iter()
                    .find(|f| f.id == id)
                    .map_or_else(String::new, |f| f.label);
                format!(" {label} ")
            }
        };
        let popup = centered(area, 66, 3);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .title(Span::styled(prompt, Style::new().bold()))
            .border_style(Style::new().fg(Color::Cyan));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let width = inner.width as usize;
        let shown: String = {
            let t = clean_line(text);
            let n = t.chars().count();
            t.chars().skip((n + 2).saturating_sub(width)).collect()
        };
        Paragraph::new(format!("{shown}▏")).render(inner, buf);
    }

    fn confirm(&self, ask: Ask, area: Rect, buf: &mut Buffer) {
        let p = &self.doc.program;
        let (title, text) = match ask {
            Ask::Quit => (
                " Unsaved changes ".to_owned(),
                format!(
                    "Save the changes to {} before leaving?\n\ny save and quit · n quit without saving · Esc stay",
                    clean_line(&self.name)
                ),
            ),
            Ask::DeleteBlock(s, b) => {
                let block = &p.sessions[s].blocks[b];
                (
                    " Remove block ".to_owned(),
                    format!(
                        "Remove block \"{}\" and its {} item{}?\n\ny remove (u undoes) · any other key keeps it",
                        clean_line(&block.name),
                        block.items.len(),
                        plural(block.items.len())
                    ),
                )
            }
            Ask::DeleteSession(s) => {
                let session = &p.sessions[s];
                (
                    " Remove session ".to_owned(),
                    format!(
                        "Remove session \"{}\" and its {} block{}?\n\ny remove (u undoes) · any other key keeps it",
                        clean_line(&session.name),
                        session.blocks.len(),
                        plural(session.blocks.len())
                    ),
                )
            }
        };
        let popup = centered(area, 66, 6);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .title(Span::styled(title, Style::new().bold()))
            .border_style(Style::new().fg(Color::Yellow));
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(block)
            .render(popup, buf);
    }
}

fn help(area: Rect, buf: &mut Buffer) {
    const KEYS: &[(&str, &str)] = &[
        ("↑↓ j k", "select a line (PgUp PgDn Home End jump)"),
        ("Enter e", "edit the program, a session, a block or an item"),
        (
            "a Tab",
            "go to the library to add an exercise after the line",
        ),
        ("J K", "move the line down or up (Shift+↓ ↑ too)"),
        ("d Del", "remove the line (a block or session asks first)"),
        ("b n", "new block, new session"),
        ("u", "undo the last change"),
        ("s Ctrl-S", "save (tidy RON, comments kept)"),
        ("q Esc", "quit (asks if there are unsaved changes)"),
        ("", ""),
        ("Library", "f or 0-4 kind, / search, Enter add, Tab back"),
        (
            "Editor",
            "←→ or -+ change, digits type, a add step, x remove",
        ),
        ("", ""),
        ("Marks", "! an error on the line, ? a warning"),
        (
            "Kinds",
            "W weight-bearing, R resistance, B balance, E extension",
        ),
    ];
    let popup = centered(area, 72, KEYS.len() as u16 + 2);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(Span::styled(" Keys (any key closes) ", Style::new().bold()))
        .border_style(Style::new().fg(Color::Cyan));
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!(" {k:<10}"), Style::new().bold()),
                Span::raw(*what),
            ])
        })
        .collect();
    Paragraph::new(lines).block(block).render(popup, buf);
}

fn pane(title: &str, focused: bool) -> Block<'static> {
    let style = if focused {
        Style::new().fg(Color::Cyan).bold()
    } else {
        Style::new()
    };
    Block::bordered()
        .title(Span::styled(title.to_owned(), style))
        .border_style(if focused {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        })
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
