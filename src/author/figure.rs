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
}
