//! The figure in `upright author`: the exercise on the selected line, or the one picked in
//! the library, drawn as it starts and where it moves to; and a program's own exercise given
//! a figure from another (a library exercise, usually): shared with `figure_of`, so it keeps
//! in step with the library's, or copied, its poses written into the file to change there.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::document::Document;
use super::state::{App, Focus, Row};
use super::widgets::{Palette, pane};
use crate::common::text::clean_line;
use crate::figure::FigureCanvas;
use crate::program::figure::{Figure, figure_for};
use crate::program::{Catalog, Exercise};

/// How a program's own exercise takes another's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// `figure_of`: drawn with the other's figure, whatever it becomes.
    Share,
    /// `figure`: a copy of the other's poses, to change in the file.
    Copy,
}

/// Gives the program's own exercise `own` the figure of `from` (any exercise the program can
/// name that has one), replacing what it had. Says what was done, or why nothing was.
pub fn start_from(doc: &mut Document, own: &str, from: &str, how: Start) -> Result<String, String> {
    let catalog = Catalog::new(crate::program::Library::bundled(), &doc.program.exercises);
    let Some(source) = catalog.get(from) else {
        return Err(format!("There is no exercise \"{}\".", clean_line(from)));
    };
    let name = clean_line(&source.name).into_owned();
    let Some(figure) = figure_for(source, &catalog).cloned() else {
        return Err(format!("{name} has no figure to start from."));
    };
    let Some(i) = doc.program.exercises.iter().position(|e| e.id == own) else {
        return Err(
            "Only the program's own exercises take a figure here: the library's have theirs."
                .into(),
        );
    };
    if own == from {
        return Err("Pick another exercise's figure to start from.".into());
    }
    // Sharing a figure that is itself shared from this exercise would go round in a circle.
    if how == Start::Share && shares_from(&catalog, from, own) {
        return Err(format!(
            "{name} takes its figure from this exercise: copy it instead (G)."
        ));
    }
    let source_id = source.id.clone();
    let e = &mut doc.program.exercises[i];
    let had = e.figure.is_some() || e.figure_of.is_some();
    let target = clean_line(&e.name).into_owned();
    match how {
        Start::Share => {
            e.figure = None;
            e.figure_of = Some(source_id);
        }
        Start::Copy => {
            e.figure = Some(figure);
            e.figure_of = None;
        }
    }
    let done = match how {
        Start::Share => format!("{target} now shares the figure of {name} (figure_of)"),
        Start::Copy => {
            format!("{target} now has a copy of the poses of {name}: change them in the file")
        }
    };
    Ok(if had {
        format!("{done}; its figure before is replaced (u undoes).")
    } else {
        format!("{done}.")
    })
}

/// The exercise whose figure the screen shows: the one picked in the library while the library
/// has the keys, else the one on the outline's selected line (also while its editor is open).
pub fn shown(app: &App) -> Option<&Exercise> {
    if app.focus == Focus::Library && app.modal.is_none() {
        return app.library_list().get(app.pick).copied();
    }
    match app.row() {
        Row::Item(s, b, i) => app.catalog().get(&app.doc.item(s, b, i)?.exercise),
        _ => None,
    }
}

/// The program's own exercise on the outline's selected line: the one `g` and `G` give the
/// library's picked figure to.
pub fn target(app: &App) -> Option<&Exercise> {
    let Row::Item(s, b, i) = app.row() else {
        return None;
    };
    let id = &app.doc.item(s, b, i)?.exercise;
    app.doc.program.exercises.iter().find(|e| &e.id == id)
}

/// `g` and `G` in the library: the outline's own exercise takes the picked exercise's figure,
/// as one undo step; the status line says what was done, or why nothing was.
pub fn give(app: &mut App, how: Start) {
    let Some(own) = target(app).map(|e| e.id.clone()) else {
        app.status = "Select a line of one of the program's own exercises first.".into();
        return;
    };
    let Some(from) = app.library_list().get(app.pick).map(|e| e.id.clone()) else {
        app.status = "No exercise is picked in the library.".into();
        return;
    };
    let mut doc = app.doc.clone();
    match start_from(&mut doc, &own, &from, how) {
        Ok(said) => {
            app.remember();
            app.doc = doc;
            app.changed();
            app.status = said;
        }
        Err(why) => app.status = why,
    }
}

/// Splits the library's column: the list above, the figure below (45 % of the rows, at least
/// enough for a figure) when the column is tall enough for both.
pub fn split(area: Rect) -> (Rect, Option<Rect>) {
    let rows = (area.height * 45 / 100).max(MIN_SIZE.1 + 3);
    if area.height < rows + 7 {
        return (area, None);
    }
    let [list, figure] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(area);
    (list, Some(figure))
}

/// The figure pane: the shown exercise's figure, or what to do to see one.
pub fn draw_pane(app: &App, area: Rect, buf: &mut Buffer, palette: &Palette) {
    let block = pane(" Figure ", false, palette);
    let inner = block.inner(area);
    block.render(area, buf);
    let (text, dim) = (palette.theme.text, palette.theme.dim);
    let Some(e) = shown(app) else {
        Paragraph::new(Span::styled("Select an exercise to see its figure.", dim))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    };
    let catalog = app.catalog();
    let own = app.doc.program.exercises.iter().any(|x| x.id == e.id);
    draw(e, figure_for(e, &catalog), own, inner, buf, text, dim);
}

/// Whether `from`'s chain of `figure_of` passes through `own`.
fn shares_from(catalog: &Catalog, from: &str, own: &str) -> bool {
    let mut id = from;
    for _ in 0..8 {
        match catalog.get(id).and_then(|e| e.figure_of.as_deref()) {
            Some(next) if next == own => return true,
            Some(next) => id = next,
            None => return false,
        }
    }
    false
}

/// The smallest area worth drawing the two poses in.
pub const MIN_SIZE: (u16, u16) = (24, 6);

/// Draws `exercise`'s figure in `area`: its name, then the start and the pose it moves to
/// side by side; or, with none, what to do about it.
pub fn draw(
    exercise: &Exercise,
    figure: Option<&Figure>,
    own: bool,
    area: Rect,
    buf: &mut Buffer,
    text: Style,
    dim: Style,
) {
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        return;
    }
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let name = clean_line(&exercise.name).into_owned();
    let how = match (&exercise.figure, &exercise.figure_of) {
        (Some(_), _) => " (its own poses)".to_owned(),
        (None, Some(of)) => format!(" (shared: figure_of {})", clean_line(of)),
        _ => String::new(),
    };
    Paragraph::new(Line::from(vec![
        Span::styled(format!("Figure: {name}"), text),
        Span::styled(how, dim),
    ]))
    .render(head, buf);
    let Some(figure) = figure else {
        let say = if own {
            "No figure yet. Pick a library exercise that moves the same way and press g to \
             share its figure, or G to copy its poses into the file."
        } else {
            "No figure."
        };
        Paragraph::new(Span::styled(say, dim))
            .wrap(Wrap { trim: true })
            .render(body, buf);
        return;
    };
    let [start, gap, end] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(body);
    FigureCanvas::new(figure, *figure.start()).render(start, buf);
    FigureCanvas::new(figure, *figure.end()).render(end, buf);
    for y in gap.top()..gap.bottom() {
        buf[(gap.x, y)].set_symbol("│").set_style(dim);
    }
    let [a, _, b] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(foot);
    Paragraph::new(Span::styled("start", dim))
        .alignment(Alignment::Center)
        .render(a, buf);
    Paragraph::new(Span::styled("moves to", dim))
        .alignment(Alignment::Center)
        .render(b, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::figure::Figures;
    use crate::program::{Library, check_source};

    const PROGRAM: &str = r#"Program(
    title: "Own",
    level: Beginner,
    per_week: 2,
    exercises: [
        Exercise(
            id: "my-squat",
            name: "My squat",
            kinds: [Resistance],
            spine: Neutral,
            impact: None,
            cues: ["Bend the knees a little, back long."],
        ),
        Exercise(
            id: "my-other",
            name: "My other",
            kinds: [Resistance],
            spine: Neutral,
            impact: None,
            cues: ["Stand up from the chair."],
            figure_of: "my-squat",
        ),
    ],
    sessions: [Session(name: "A", blocks: [Block(name: "Main", items: [
        Item(exercise: "my-squat", dose: Reps(sets: 1, reps: 5, rest: 30)),
        Item(exercise: "tandem-stance", dose: Time(secs: 30)),
    ])])],
)"#;

    fn doc() -> Document {
        let checked = check_source(PROGRAM.as_bytes(), Library::bundled());
        let program = checked.program.clone().unwrap();
        Document::read(checked.text.as_deref().unwrap(), program)
    }

    fn recheck(doc: &Document) -> Vec<String> {
        check_source(doc.text().as_bytes(), Library::bundled())
            .diagnostics
            .iter()
            .filter(|d| d.code.severity() == crate::program::Severity::Error)
            .map(|d| format!("{:?}: {}", d.code, d.message))
            .collect()
    }

    #[test]
    fn a_program_exercise_shares_or_copies_a_library_figure_and_the_file_says_so() {
        let mut d = doc();
        let said = start_from(&mut d, "my-squat", "sit-to-stand", Start::Share).unwrap();
        assert!(said.contains("shares the figure of Sit to stand"), "{said}");
        assert_eq!(
            d.program.exercises[0].figure_of.as_deref(),
            Some("sit-to-stand")
        );
        assert!(
            d.text().contains("figure_of: \"sit-to-stand\""),
            "{}",
            d.text()
        );
        assert_eq!(recheck(&d), Vec::<String>::new());

        let said = start_from(&mut d, "my-squat", "sit-to-stand", Start::Copy).unwrap();
        assert!(said.contains("replaced"), "{said}");
        let library = Figures::bundled().get("sit-to-stand").unwrap();
        assert_eq!(d.program.exercises[0].figure.as_ref(), Some(library));
        assert_eq!(d.program.exercises[0].figure_of, None);
        assert!(d.text().contains("poses: ["), "{}", d.text());
        assert_eq!(recheck(&d), Vec::<String>::new());
        // What was written reads back as the same figure.
        let back = check_source(d.text().as_bytes(), Library::bundled());
        assert_eq!(
            back.program.unwrap().exercises[0].figure.as_ref(),
            Some(library)
        );
    }

    #[test]
    fn what_cannot_take_a_figure_says_why_and_changes_nothing() {
        let mut d = doc();
        let before = d.clone();
        for (own, from, how) in [
            ("sit-to-stand", "bridge", Start::Share),
            ("my-squat", "no-such-thing", Start::Share),
            ("my-squat", "my-squat", Start::Copy),
            // my-other shares my-squat's figure, which has none yet.
            ("my-squat", "my-other", Start::Copy),
        ] {
            assert!(
                start_from(&mut d, own, from, how).is_err(),
                "{own} from {from}"
            );
            assert_eq!(d, before, "{own} from {from}");
        }
        // A circle: my-squat cannot share the figure my-other shares from it.
        start_from(&mut d, "my-squat", "bridge", Start::Copy).unwrap();
        let err = start_from(&mut d, "my-squat", "my-other", Start::Share).unwrap_err();
        assert!(err.contains("copy it instead"), "{err}");
        // Copying it is fine.
        start_from(&mut d, "my-squat", "my-other", Start::Copy).unwrap();
        assert_eq!(recheck(&d), Vec::<String>::new());
    }

    #[test]
    fn the_figure_is_drawn_start_and_end_or_says_how_to_get_one() {
        let text = |e: &Exercise, f: Option<&Figure>, own: bool| {
            let area = Rect::new(0, 0, 40, 10);
            let mut buf = Buffer::empty(area);
            draw(e, f, own, area, &mut buf, Style::new(), Style::new());
            (0..10)
                .map(|y| (0..40).map(|x| buf[(x, y)].symbol()).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let lib = Library::bundled().get("bridge").unwrap();
        let shown = text(lib, Figures::bundled().get("bridge"), false);
        assert!(shown.contains("Figure: Bridge"), "{shown}");
        assert!(
            shown.contains("start") && shown.contains("moves to"),
            "{shown}"
        );
        assert!(
            shown
                .chars()
                .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
        );
        let d = doc();
        let none = text(&d.program.exercises[0], None, true);
        assert!(none.contains("press g"), "{none}");
        assert!(!none.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)));
    }

    /// The author as a physiotherapist uses it: the own exercise's line, the library, g.
    #[test]
    fn g_and_g_in_the_library_give_the_outline_s_own_exercise_a_figure_and_u_undoes_it() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = App::new("own.ron", doc(), Library::bundled());
        let press = |app: &mut App, code: KeyCode| {
            app.handle(KeyEvent::new(code, KeyModifiers::NONE));
        };
        let picked = |app: &App| app.library_list()[app.pick].id.clone();
        // The item of my-squat, then the library, on Bridge.
        while app.row() != Row::Item(0, 0, 0) {
            press(&mut app, KeyCode::Down);
        }
        assert_eq!(target(&app).map(|e| e.id.as_str()), Some("my-squat"));
        assert_eq!(shown(&app).map(|e| e.id.as_str()), Some("my-squat"));
        press(&mut app, KeyCode::Tab);
        while picked(&app) != "bridge" {
            press(&mut app, KeyCode::Down);
        }
        assert_eq!(shown(&app).map(|e| e.id.as_str()), Some("bridge"));
        assert!(app.key_table().iter().any(|b| b.label == "g" && b.enabled));
        press(&mut app, KeyCode::Char('g'));
        let own = |app: &App| app.doc.program.exercises[0].clone();
        assert_eq!(
            own(&app).figure_of.as_deref(),
            Some("bridge"),
            "{}",
            app.status
        );
        assert!(app.dirty);
        press(&mut app, KeyCode::Char('G'));
        assert_eq!(own(&app).figure.as_ref(), Figures::bundled().get("bridge"));
        assert_eq!(own(&app).figure_of, None);
        // Back in the outline, u undoes the copy, then the share.
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(own(&app).figure_of.as_deref(), Some("bridge"));
        press(&mut app, KeyCode::Char('u'));
        assert_eq!((own(&app).figure, own(&app).figure_of), (None, None));
        // On a library exercise's line the keys are not offered, and do nothing.
        press(&mut app, KeyCode::Down);
        assert_eq!(target(&app), None);
        press(&mut app, KeyCode::Tab);
        assert!(!app.key_table().iter().any(|b| b.label == "g" && b.enabled));
        let before = app.doc.clone();
        press(&mut app, KeyCode::Char('g'));
        assert_eq!(app.doc, before);
    }

    #[test]
    fn the_author_screen_shows_the_figure_under_the_library_when_there_is_room() {
        let mut app = App::new("own.ron", doc(), Library::bundled());
        app.focus = Focus::Library;
        app.pick = app
            .library_list()
            .iter()
            .position(|e| e.id == "sit-to-stand")
            .unwrap();
        let screen = |app: &App, w: u16, h: u16| {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            app.render(area, &mut buf);
            (0..h)
                .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let dots = |s: &str| {
            s.chars()
                .filter(|c| ('\u{2801}'..='\u{28ff}').contains(c))
                .count()
        };
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let s = screen(&app, w, h);
            assert!(s.contains("Figure: Sit to stand"), "{w}x{h}\n{s}");
            assert!(dots(&s) > 10, "{w}x{h}\n{s}");
        }
        assert!(dots(&screen(&app, 200, 60)) > dots(&screen(&app, 120, 40)));
        // Too low for both the list and a figure: the list only.
        assert!(!screen(&app, 80, 20).contains("Figure:"));
    }
}
