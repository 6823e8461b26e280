//! The figure beside the words, on the session screen and the class display: the exercise's
//! figure in the pose the coach is at (a new key pose at each change of the pace's phase,
//! `figure::motion`; with the smooth setting, the poses in between while a phase runs,
//! `figure::tween`), given the room the words leave and left out where it would be too small
//! to read.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::buffer::Cell;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Widget};

use crate::figure::canvas::{Palette, cells_wide};
use crate::figure::{FigureCanvas, motion, tween};
use crate::program::figure::{Figure, Pose};
use crate::training::Engine;
use crate::training::plan::Stage;
use crate::tui::theme::Theme;

/// The smallest figure worth drawing, in cells: below it a person is a smudge of dots.
pub const MIN_SIZE: (u16, u16) = (12, 7);

/// In-between frames a second in the smooth mode.
pub const SMOOTH_FPS: u32 = 8;

/// What the figure shows now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown<'a> {
    pub figure: &'a Figure,
    pub pose: Pose,
    /// The start pose, outside the work: "how to start".
    pub start: bool,
}

/// The figure of the exercise on now, in its pose now; `None` when it has no figure.
pub fn shown(engine: &Engine, now: Instant, smooth: bool) -> Option<Shown<'_>> {
    let phase = engine.phase()?;
    let figure = engine.exercise()?.figure()?;
    if figure.poses.is_empty() {
        return None;
    }
    let step = motion::step(phase.kind, engine.pace(now));
    let key = *figure.pose_at(step);
    let pose = match glide(engine, now) {
        Some(t) if smooth && step > 0 => tween::between(figure.pose_at(step - 1), &key, t),
        _ => key,
    };
    Some(Shown {
        figure,
        pose,
        start: step == 0,
    })
}

/// When the smooth mode draws its next in-between frame: while the figure is on its way
/// from one key pose to the next; `None` when it is still (the countdown's own changes are
/// the engine's `next_change`).
pub fn next_frame(engine: &Engine, now: Instant, smooth: bool) -> Option<Instant> {
    let moving = smooth && glide(engine, now).is_some() && shown(engine, now, false).is_some();
    moving.then(|| now + Duration::from_secs(1) / SMOOTH_FPS)
}

/// How far the figure is on its way to the pose of this phase of the pace (0 to 1), while it
/// is moving: through the whole of a part of a rep ("lower 3": three seconds), within the
/// first second of a hold or a relax. `None` when still, paused, or not paced.
fn glide(engine: &Engine, now: Instant) -> Option<f64> {
    if engine.is_paused() {
        return None;
    }
    let phase = engine.phase()?;
    let pace = engine.pace(now)?;
    let total = Duration::from_secs(phase.secs?.into());
    let elapsed = total.saturating_sub(engine.remaining(now)?);
    let whole = elapsed.as_secs();
    // The whole seconds this part of the rep has run: back until the pace was elsewhere.
    let mut ran = 0;
    while ran < whole {
        let Some(at) = now.checked_sub(Duration::from_secs(ran + 1)) else {
            break;
        };
        match engine.pace(at) {
            Some(p) if (p.rep, p.stage) == (pace.rep, pace.stage) => ran += 1,
            _ => break,
        }
    }
    let into = ran as f64 + f64::from(elapsed.subsec_nanos()) / 1e9;
    let length = match pace.stage {
        Stage::Hold | Stage::Relax => 1.0,
        _ => (ran + u64::from(pace.stage_left)) as f64,
    };
    let t = into / length;
    (t < 1.0).then_some(t)
}

/// Splits `area` into the words (left) and the figure (right). The figure is as wide as it
/// is drawn at the area's height (with a column either side), at most `most` percent of the
/// width, and narrower still until the words fit in what is left (`fits`, given the words'
/// width); it is left out when that leaves it under `MIN_SIZE`.
pub fn split(
    area: Rect,
    figure: Option<&Figure>,
    most: u16,
    fits: impl Fn(u16) -> bool,
) -> (Rect, Option<Rect>) {
    split_rows(area, figure, most, u16::MAX, fits)
}

/// As `split`, with the figure at most `tallest` rows tall: the panel is as wide as the figure
/// is drawn at that height, and the figure stands at its bottom.
pub fn split_rows(
    area: Rect,
    figure: Option<&Figure>,
    most: u16,
    tallest: u16,
    fits: impl Fn(u16) -> bool,
) -> (Rect, Option<Rect>) {
    let Some(figure) = figure else {
        return (area, None);
    };
    let rows = area.height.saturating_sub(1).min(tallest);
    let room = (u32::from(area.width) * u32::from(most) / 100) as u16;
    let smallest = MIN_SIZE.0 + 2;
    let mut width = (cells_wide(figure, rows) + 2).min(room);
    while width >= smallest && !fits(area.width - width) {
        width -= 1;
    }
    if width < smallest || rows < MIN_SIZE.1 {
        return (area, None);
    }
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(width)]).areas(area);
    // The figure's rows and the caption under them, at the bottom.
    let height = right.height.min(rows + 1);
    let right = Rect {
        y: right.bottom() - height,
        height,
        ..right
    };
    (left, Some(right))
}

/// Draws the figure in `area`: the pose, standing on the last row but one, and under it
/// "how to start" while the figure shows the start.
pub fn draw(frame: &mut Frame, area: Rect, shown: &Shown, theme: &Theme) {
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let [body, caption] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
    let palette = Palette {
        body: theme.text.fg.unwrap_or(Color::Reset),
        far: theme.dim.fg.unwrap_or(Color::Reset),
        prop: theme.border.fg.unwrap_or(Color::Reset),
        background: theme.base.bg.unwrap_or(Color::Reset),
    };
    canvas(frame, body, shown, palette);
    if shown.start {
        frame.render_widget(
            Paragraph::new(Span::styled("how to start", theme.dim)).alignment(Alignment::Center),
            caption,
        );
    }
}

/// The figure drawn on the canvas in `body`. A still figure (a whole countdown, or the seconds
/// within a part of a rep) is drawn again every second the screen is: its cells are kept from
/// the last time and copied, which is the same frame for far fewer instructions.
fn canvas(frame: &mut Frame, body: Rect, shown: &Shown, palette: Palette) {
    type Drawn = (Figure, Pose, Palette, Rect, Vec<Cell>);
    thread_local! {
        static LAST: RefCell<Option<Drawn>> = const { RefCell::new(None) };
    }
    let body = body.intersection(frame.area());
    let same =
        |d: &Drawn| d.1 == shown.pose && d.2 == palette && d.3 == body && d.0 == *shown.figure;
    let buf = frame.buffer_mut();
    let copied = LAST.with_borrow(|last| match last {
        Some(d) if same(d) => {
            for (y, row) in (body.top()..body.bottom()).zip(d.4.chunks(usize::from(body.width))) {
                let start = buf.index_of(body.x, y);
                buf.content[start..start + row.len()].clone_from_slice(row);
            }
            true
        }
        _ => false,
    });
    if copied || body.is_empty() {
        return;
    }
    FigureCanvas::new(shown.figure, shown.pose)
        .palette(palette)
        .render(body, buf);
    let mut cells = Vec::with_capacity(usize::from(body.width) * usize::from(body.height));
    for y in body.top()..body.bottom() {
        let start = buf.index_of(body.x, y);
        cells.extend_from_slice(&buf.content[start..start + usize::from(body.width)]);
    }
    LAST.set(Some((
        shown.figure.clone(),
        shown.pose,
        palette,
        body,
        cells,
    )));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{Dose, Library};
    use crate::training::plan::{ItemKey, PhaseKind, Plan, Planned};

    fn engine(id: &str, dose: Dose, t0: Instant) -> Engine {
        let planned = Planned {
            key: ItemKey::new("A", "B", id),
            block: "B".into(),
            exercise: Library::bundled().get(id).unwrap().clone(),
            dose,
            level: 0,
        };
        Engine::new(Plan::from_exercises("P", "A", 1, vec![planned]), t0)
    }

    const REPS: Dose = Dose::Reps {
        sets: 1,
        reps: 4,
        rest: 0,
        tempo: Some(4),
        per_side: false,
    };

    fn at(t0: Instant, secs: f64) -> Instant {
        t0 + Duration::from_secs_f64(secs)
    }

    #[test]
    fn the_start_pose_while_getting_ready_then_a_new_pose_at_each_part_of_the_rep() {
        let t0 = Instant::now();
        let mut e = engine("sit-to-stand", REPS, t0);
        let f = e.exercise().unwrap().figure().unwrap().clone();
        let ready = shown(&e, at(t0, 2.0), false).unwrap();
        assert!(ready.start);
        assert_eq!(&ready.pose, f.start());
        e.tick(at(t0, 10.3));
        assert_eq!(e.phase().unwrap().kind, PhaseKind::Work);
        let pose = |e: &Engine, s: f64| shown(e, at(t0, s), false).unwrap().pose;
        assert_eq!(&pose(&e, 10.3), f.end(), "standing up: the standing pose");
        assert!(!shown(&e, at(t0, 10.3), false).unwrap().start);
        assert_eq!(
            &pose(&e, 12.9),
            f.start(),
            "sitting down: back to the chair"
        );
        assert_eq!(&pose(&e, 14.1), f.end(), "the next rep");
        // Still within a part of the rep, whatever the moment ("stand 1 ... sit 3": the
        // library's pace for a four-second rep).
        for s in [10.0, 10.3, 10.6, 10.9] {
            assert_eq!(pose(&e, s), pose(&e, 10.0), "at {s}");
        }
    }

    #[test]
    fn the_smooth_mode_glides_through_each_part_and_the_key_poses_are_its_ends() {
        let t0 = Instant::now();
        let mut e = engine("sit-to-stand", REPS, t0);
        e.tick(at(t0, 10.0));
        let f = e.exercise().unwrap().figure().unwrap().clone();
        let glide = |s: f64| shown(&e, at(t0, s), true).unwrap().pose;
        // The first part of the rep ("stand 1" of a four-second rep) starts from the chair
        // and has nearly stood at its end.
        assert_eq!(&glide(10.0), f.start());
        let mid = glide(10.5);
        assert_ne!(&mid, f.start());
        assert_ne!(&mid, f.end());
        let knees: Vec<i32> = (0..10)
            .map(|k| glide(10.0 + f64::from(k) / 10.0).knees.0)
            .collect();
        assert!(
            knees.windows(2).all(|w| w[1] <= w[0]),
            "the knees straighten steadily: {knees:?}"
        );
        assert!(knees.last() < knees.first(), "{knees:?}");
        assert_eq!(
            next_frame(&e, at(t0, 10.5), true),
            Some(at(t0, 10.5) + Duration::from_millis(125))
        );
        // Off, it never asks for frames of its own; paused, the figure keeps still.
        assert_eq!(next_frame(&e, at(t0, 10.5), false), None);
        e.pause(at(t0, 10.5));
        assert_eq!(next_frame(&e, at(t0, 11.5), true), None);
        assert_eq!(&shown(&e, at(t0, 11.5), true).unwrap().pose, f.end());
    }

    #[test]
    fn a_hold_moves_in_its_first_second_then_keeps_still() {
        let t0 = Instant::now();
        let holds = Dose::Holds {
            sets: 1,
            reps: 2,
            hold: 5,
            rest: 0,
            per_side: false,
        };
        let mut e = engine("bird-dog", holds, t0);
        e.tick(at(t0, 10.0));
        let f = e.exercise().unwrap().figure().unwrap().clone();
        let pose = |s: f64| shown(&e, at(t0, s), true).unwrap().pose;
        assert_ne!(&pose(10.5), &f.poses[1], "on the way");
        for s in [11.0, 12.5, 14.9] {
            assert_eq!(&pose(s), &f.poses[1], "held at {s}");
            assert_eq!(next_frame(&e, at(t0, s), true), None, "no frames at {s}");
        }
        assert!(next_frame(&e, at(t0, 10.5), true).is_some());
    }

    #[test]
    fn timed_work_shows_the_working_pose_still() {
        let t0 = Instant::now();
        let timed = Dose::Time {
            secs: 30,
            sets: 1,
            rest: 0,
            per_side: false,
        };
        let mut e = engine("tandem-stance-supported", timed, t0);
        e.tick(at(t0, 12.0));
        let f = e.exercise().unwrap().figure().unwrap().clone();
        for s in [12.0, 20.5, 35.0] {
            assert_eq!(&shown(&e, at(t0, s), true).unwrap().pose, f.end());
            assert_eq!(next_frame(&e, at(t0, s), true), None);
        }
    }

    #[test]
    fn the_figure_takes_the_room_the_words_leave_and_none_when_too_small() {
        let f = crate::program::figure::Figures::bundled()
            .get("sit-to-stand")
            .unwrap();
        let area = Rect::new(1, 2, 78, 19);
        let forty = |w: u16| w >= 40;
        let (words, at) = split(area, Some(f), 45, forty);
        let at = at.unwrap();
        assert_eq!(words.width + at.width, 78);
        assert!(words.width >= 40);
        assert_eq!(at.height, 19);
        assert_eq!(at.x, words.right());
        assert_eq!(split(area, None, 45, forty), (area, None));
        // Words that need more room narrow the figure, down to none at all.
        let (words, at) = split(area, Some(f), 45, |w| w >= 60);
        assert_eq!((words.width, at.unwrap().width), (60, 18));
        assert_eq!(split(area, Some(f), 45, |w| w >= 70).1, None);
        // Too low: no figure.
        assert_eq!(split(Rect::new(0, 0, 78, 6), Some(f), 45, forty).1, None);
        // A wide screen gives a standing figure what it needs, not the whole share.
        let (_, wide) = split(Rect::new(0, 0, 300, 40), Some(f), 45, forty);
        assert!(wide.unwrap().width < 135, "{wide:?}");
    }

    #[test]
    fn a_figure_no_taller_than_asked_stands_at_the_bottom_as_wide_as_it_is_drawn() {
        let f = crate::program::figure::Figures::bundled()
            .get("sit-to-stand")
            .unwrap();
        let area = Rect::new(1, 2, 198, 57);
        let forty = |w: u16| w >= 40;
        let (words, full) = split(area, Some(f), 45, forty);
        let (narrow, capped) = split_rows(area, Some(f), 45, 18, forty);
        let (full, capped) = (full.unwrap(), capped.unwrap());
        // The figure's 18 rows and the caption under them, at the bottom of the area.
        assert_eq!(capped.height, 19);
        assert_eq!(capped.bottom(), area.bottom());
        assert_eq!(capped.width, cells_wide(f, 18) + 2);
        assert!(capped.width < full.width, "{capped:?} {full:?}");
        // The words get the width the smaller figure leaves, and all the rows.
        assert!(narrow.width > words.width);
        assert_eq!(narrow.height, area.height);
        // A cap taller than the area changes nothing.
        assert_eq!(split_rows(area, Some(f), 45, 200, forty).1, Some(full));
    }

    #[test]
    fn a_figure_copied_from_the_last_frame_is_the_figure_drawn_afresh() {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let e = engine("sit-to-stand", REPS, Instant::now());
        let f = e.exercise().unwrap().figure().unwrap().clone();
        let theme = Theme::default();
        let draw_once = |pose: Pose| {
            let mut t = Terminal::new(TestBackend::new(40, 20)).unwrap();
            let shown = Shown {
                figure: &f,
                pose,
                start: false,
            };
            t.draw(|frame| draw(frame, Rect::new(2, 1, 30, 18), &shown, &theme))
                .unwrap();
            t.backend().buffer().clone()
        };
        let (start, end) = (*f.start(), *f.end());
        assert_ne!(start, end);
        let first = draw_once(start);
        assert_eq!(draw_once(start), first, "copied");
        let other = draw_once(end);
        assert_ne!(other, first, "a new pose is drawn");
        assert_eq!(draw_once(start), first, "and back");
    }
}

#[cfg(test)]
mod plan_tests {
    use crate::program::{Library, check_source};
    use crate::training::plan::plan;
    use crate::training::runnable::Runnable;

    /// A program's own exercise that shares another own exercise's figure: the plan finds it
    /// through the program's catalogue, so the screens need none.
    #[test]
    fn the_plan_carries_the_figure_an_exercise_shares() {
        let text = r#"Program(
    title: "Shared",
    level: Beginner,
    per_week: 2,
    exercises: [
        Exercise(
            id: "my-base",
            name: "My base",
            kinds: [Resistance],
            spine: Neutral,
            impact: None,
            cues: ["Stand tall."],
            figure: Figure(poses: [Pose(), Pose(knees: (30, 30), hips: (30, 30), pelvis: 10)]),
        ),
        Exercise(
            id: "my-squat",
            name: "My squat",
            kinds: [Resistance],
            spine: Neutral,
            impact: None,
            cues: ["Bend the knees a little."],
            figure_of: "my-base",
        ),
    ],
    sessions: [Session(name: "A", blocks: [Block(name: "Main", items: [
        Item(exercise: "my-squat", dose: Reps(sets: 1, reps: 5, rest: 30, tempo: 4)),
        Item(exercise: "sit-to-stand", dose: Reps(sets: 1, reps: 5, rest: 30)),
    ])])],
)"#;
        let checked = check_source(text.as_bytes(), Library::bundled());
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let program = checked.safe_program().unwrap().clone();
        let base = program.exercises[0].figure.clone().unwrap();
        let p = plan(&Runnable::new(program), None, &Default::default(), 1).unwrap();
        assert_eq!(p.exercises[0].figure(), Some(&base));
        let library = crate::program::figure::Figures::bundled().get("sit-to-stand");
        assert_eq!(p.exercises[1].figure(), library);
    }
}
