//! The session screen with the exercise's figure, for every exercise a bundled program can put
//! on it: at 80x24 the figure is there and squeezes out none of the words (the name, the
//! countdown, the pace, every cue and caution, what comes next); at 200x60 it is large.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use upright::common::text::clean_line;
use upright::program::{Dose, Exercise, Library};
use upright::training::Engine;
use upright::training::plan::{ItemKey, Plan, Planned};
use upright::training::runnable::Runnable;
use upright::tui::coach::session::Run;
use upright::tui::coach::session_draw::draw;
use upright::tui::theme::Theme;

/// Every exercise a bundled program can put on the screen, with the programs' own.
fn every_exercise() -> Vec<Exercise> {
    let mut all: Vec<Exercise> = Library::bundled().exercises().to_vec();
    for b in upright::program::bundled::programs() {
        let runnable = Runnable::new(b.check().program.unwrap());
        for (_, item) in runnable.items() {
            let e = runnable.exercise(&item.exercise).unwrap();
            if !all.iter().any(|x| x.id == e.id) {
                all.push(e.clone());
            }
        }
    }
    all
}

fn run_of(exercise: Exercise, dose: Dose, t0: Instant) -> Run {
    let planned = Planned {
        key: ItemKey::new("A", "B", &exercise.id),
        block: "B".into(),
        exercise,
        dose,
        level: 0,
    };
    let next = planned.clone();
    let plan = Plan::from_exercises("Program", "A", 1, vec![planned, next]);
    Run::new(Engine::new(plan, t0), 1, "test".into(), None)
}

/// The screen's rows (the session's area: 80x24 less the header banner and the key bar).
fn rows(run: &Run, now: Instant, w: u16, h: u16) -> Vec<String> {
    rows_large(run, now, w, h, false)
}

/// The rows, with the large-text setting on or off.
fn rows_large(run: &Run, now: Instant, w: u16, h: u16, large: bool) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let area = Rect::new(0, 0, w, h);
    t.draw(|f| draw(f, area, run, now, large, false, &Theme::default()))
        .unwrap();
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_owned()).collect())
        .collect()
}

fn is_braille(c: char) -> bool {
    ('\u{2800}'..='\u{28ff}').contains(&c)
}

/// The words on screen, the figure's dots and the frame taken out, as one line.
fn words(rows: &[String]) -> String {
    let text: String = rows
        .iter()
        .map(|r| {
            r.chars()
                .map(|c| {
                    if is_braille(c) || "│╭╮╰╯─".contains(c) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squash(s: &str) -> String {
    clean_line(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn at_80x24_the_figure_leaves_every_word_on_screen_for_every_exercise() {
    let t0 = Instant::now();
    let doses = [
        Dose::Reps {
            sets: 2,
            reps: 12,
            rest: 60,
            tempo: Some(4),
            per_side: true,
        },
        Dose::Holds {
            sets: 1,
            reps: 5,
            hold: 10,
            rest: 30,
            per_side: false,
        },
        Dose::Time {
            secs: 45,
            sets: 1,
            rest: 0,
            per_side: false,
        },
    ];
    for (exercise, large) in every_exercise()
        .into_iter()
        .flat_map(|e| [(e.clone(), false), (e, true)])
    {
        for dose in doses {
            let mut run = run_of(exercise.clone(), dose, t0);
            // Work, set 1: the countdown, the pace and the figure's first move.
            let now = t0 + Duration::from_millis(10_500);
            run.engine.tick(now);
            // The session's area at 80x24: one banner-free screen less the two-row key bar.
            let screen = rows_large(&run, now, 80, 22, large);
            let id = &exercise.id;
            let dots: usize = screen
                .iter()
                .map(|r| r.chars().filter(|&c| is_braille(c)).count())
                .sum();
            // With large text the words may leave the figure no room; it then steps aside.
            assert!(large || dots > 20, "{id}: no figure\n{}", screen.join("\n"));
            let said = words(&screen);
            let mut wanted: Vec<String> = exercise.cues.iter().map(|c| squash(c)).collect();
            wanted.extend(
                exercise
                    .caution
                    .iter()
                    .map(|c| format!("Caution: {}", squash(c))),
            );
            if !large {
                wanted.push(squash(&exercise.name).to_uppercase());
            }
            wanted.push("Next:".into());
            wanted.push("Set 1 of".into());
            for w in wanted {
                assert!(
                    said.contains(&w),
                    "{id} {dose:?}: \"{w}\" is not on screen\n{}",
                    screen.join("\n")
                );
            }
            // The countdown's digits: rows of half-block glyphs in the words' column.
            let digit_rows = screen
                .iter()
                .filter(|r| r.chars().any(|c| "▀▄█▌▐▖▗▘▝▙▛▜▟".contains(c)))
                .count();
            assert!(digit_rows >= 2, "{id}: no countdown\n{}", screen.join("\n"));
        }
    }
}

/// A still figure fills a large screen's height; one that changes pose with the pace is drawn
/// at most 18 rows tall (a change of pose rewrites the whole body), and as tall as at 80x24.
#[test]
fn a_large_screen_shows_a_large_figure_and_a_moving_one_no_taller_than_18_rows() {
    let t0 = Instant::now();
    let paced = Dose::Reps {
        sets: 1,
        reps: 8,
        rest: 0,
        tempo: Some(4),
        per_side: false,
    };
    let timed = Dose::Time {
        sets: 1,
        secs: 60,
        rest: 0,
        per_side: false,
    };
    for (dose, tallest) in [(timed, 50..=57), (paced, 15..=18)] {
        let ex = Library::bundled().get("sit-to-stand").unwrap().clone();
        let mut run = run_of(ex, dose, t0);
        let now = t0 + Duration::from_millis(10_500);
        run.engine.tick(now);
        let figure_rows = |w, h| {
            rows(&run, now, w, h)
                .iter()
                .filter(|r| r.chars().any(is_braille))
                .count()
        };
        let (small, large) = (figure_rows(80, 22), figure_rows(200, 57));
        assert!(small >= 15, "{dose:?}: {small} rows at 80x24");
        assert!(tallest.contains(&large), "{dose:?}: {large} rows at 200x60");
        // Too small a screen for a readable figure: none, and the words keep it all.
        let tiny = rows(&run, now, 50, 12);
        assert!(!tiny.iter().any(|r| r.chars().any(is_braille)), "{tiny:#?}");
    }
}

/// What is written to the terminal to go from the screen at `a` seconds to the screen at `b`
/// (as ratatui's crossterm backend writes it: only the cells that changed).
fn written_between(run: &mut Run, t0: Instant, a: f64, b: f64, w: u16, h: u16) -> String {
    use ratatui::backend::CrosstermBackend;
    use ratatui::{TerminalOptions, Viewport};
    let written = Written::default();
    let backend = CrosstermBackend::new(written.clone());
    let area = Rect::new(0, 0, w, h);
    let mut t = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .unwrap();
    let frame = |t: &mut Terminal<CrosstermBackend<Written>>, run: &mut Run, secs: f64| {
        let now = t0 + Duration::from_secs_f64(secs);
        run.engine.tick(now);
        t.draw(|f| draw(f, area, run, now, false, false, &Theme::default()))
            .unwrap();
    };
    frame(&mut t, run, a);
    written.0.borrow_mut().clear();
    frame(&mut t, run, b);
    String::from_utf8(written.0.borrow().clone()).unwrap()
}

/// What the backend wrote, shared with the test.
#[derive(Clone, Default)]
struct Written(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The figure is redrawn when the part of the rep changes and at no other second: within a
/// part, what is written holds none of its dots.
#[test]
fn the_figure_writes_to_the_terminal_only_when_the_part_of_the_rep_changes() {
    let t0 = Instant::now();
    let dose = Dose::Reps {
        sets: 1,
        reps: 15,
        rest: 0,
        tempo: Some(6),
        per_side: false,
    };
    let dots = |s: &str| s.chars().filter(|&c| is_braille(c)).count();
    for (w, h) in [(80, 22), (120, 38), (200, 58)] {
        let ex = Library::bundled().get("sit-to-stand").unwrap().clone();
        let mut run = run_of(ex, dose, t0);
        // Sit to stand at 6 s a rep, "stand 1 ... sit 2" in the library: stand from 10 s to
        // 12 s, sit to 16 s.
        let within = [(10.2, 11.2), (12.4, 13.4), (13.4, 14.4), (14.4, 15.4)];
        for (a, b) in within {
            let out = written_between(&mut run, t0, a, b, w, h);
            assert_eq!(dots(&out), 0, "{w}x{h} from {a} s to {b} s: {out:?}");
        }
        for (a, b) in [(11.2, 12.2), (15.4, 16.4)] {
            let out = written_between(&mut run, t0, a, b, w, h);
            assert!(dots(&out) > 10, "{w}x{h} from {a} s to {b} s: {out:?}");
        }
    }
}

#[test]
#[ignore = "prints what a change of pose costs, for a person to read"]
fn print_bytes_of_a_change_of_pose() {
    let t0 = Instant::now();
    let dose = Dose::Reps {
        sets: 1,
        reps: 15,
        rest: 0,
        tempo: Some(4),
        per_side: false,
    };
    for (w, h) in [(80, 22), (120, 38), (200, 58)] {
        let ex = Library::bundled().get("sit-to-stand").unwrap().clone();
        let mut run = run_of(ex, dose, t0);
        let mut bytes = |a, b| written_between(&mut run, t0, a, b, w, h).len();
        let second = bytes(10.5, 11.5);
        let change = bytes(11.5, 12.5);
        let back = bytes(13.5, 14.5);
        println!("{w}x{h}: a second {second} B, a change of pose {change} B and {back} B");
    }
}
