//! What one second of a running countdown costs, as the terminal loop does it: the buffer
//! reset, the session screen drawn into it, and the painter's diff and bytes (`tui::paint`),
//! at the sizes the README measures; and building the exercise library with its movement
//! lexicon, the largest piece of work before `upright run`'s first frame.
//!
//! Before the benchmarks it prints the bytes a second written over a minute at each size, for
//! the two sessions `scripts/measure-timer.sh` runs: a timed countdown (the figure still) and
//! sit to stand paced at 5 s a rep (the figure changing pose with each part of a rep), beside
//! what ratatui's own diff and crossterm backend write for the same frames. The target is 278
//! bytes a second at every size.

use std::time::{Duration, Instant};

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use upright::common::paths::Paths;
use upright::program::Library;
use upright::program::library::movements;
use upright::program::sources::{Origin, discover};
use upright::tui::App;
use upright::tui::coach::draw;
use upright::tui::paint::Painter;

const SIZES: [(u16, u16); 4] = [(80, 24), (120, 40), (200, 60), (240, 70)];

/// The sessions `scripts/measure-timer.sh` measures: its first exercise and dose.
const TIMED: (&str, &str) = ("tandem-stance-supported", "Time(secs: 75)");
const PACED: (&str, &str) = ("sit-to-stand", "Reps(sets: 1, reps: 15, rest: 0, tempo: 5)");

fn main() {
    Library::bundled();
    for (name, session) in [("timed countdown", TIMED), ("paced set", PACED)] {
        for size in SIZES {
            let (ours, theirs) = bytes_a_second(session, size);
            println!(
                "a {name} at {}x{}: {ours} B/s written (ratatui's diff: {theirs} B/s)",
                size.0, size.1
            );
        }
    }
    divan::main();
}

/// The coach 3 s into the first exercise of a program of `exercise` at `dose`, started as
/// `upright run` starts it (the readiness check answered, "get ready" skipped).
fn app_in_session((exercise, dose): (&str, &str)) -> (App, Instant, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let programs = dir.path().join("programs");
    std::fs::create_dir_all(&programs).unwrap();
    let text = format!(
        r#"Program(title: "Countdown", level: Beginner, per_week: 1, sessions: [Session(name: "A",
        blocks: [Block(name: "B", items: [Item(exercise: "{exercise}", dose: {dose}),
        Item(exercise: "chin-tuck", dose: Time(secs: 30))])])])"#
    );
    std::fs::write(programs.join("countdown.ron"), text).unwrap();
    let paths = Paths {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
    };
    let own: Vec<_> = discover(&[programs])
        .into_iter()
        .filter(|e| matches!(e.origin, Origin::File(_)))
        .collect();
    let mut app = App::new(own, paths, true, Some(7));
    let now = Instant::now();
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    app.key(key(KeyCode::Enter), now);
    app.key(key(KeyCode::Char('n')), now);
    app.key(key(KeyCode::Enter), now);
    let later = now + Duration::from_secs(3);
    app.tick(later);
    (app, later, dir)
}

/// The session screen at `now`, `size` cells.
fn frame(app: &App, now: Instant, size: (u16, u16)) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    t.draw(|f| draw(f, app, now)).unwrap();
    t.backend().buffer().clone()
}

/// Average bytes a second over a minute, by the painter and by ratatui.
fn bytes_a_second(session: (&str, &str), size: (u16, u16)) -> (usize, usize) {
    const SECS: u64 = 60;
    let (app, now, _dir) = app_in_session(session);
    let frames: Vec<Buffer> = (0..=SECS)
        .map(|s| frame(&app, now + Duration::from_millis(s * 1000 + 500), size))
        .collect();
    let mut painter = Painter::new(frames[0].area);
    painter.paint(&mut frames[0].clone());
    let mut ours = 0;
    let mut theirs = 0;
    for pair in frames.windows(2) {
        ours += painter.paint(&mut pair[1].clone()).len();
        let mut out = Vec::new();
        CrosstermBackend::new(&mut out)
            .draw(pair[0].diff(&pair[1]).into_iter())
            .unwrap();
        theirs += out.len();
    }
    (ours / SECS as usize, theirs / SECS as usize)
}

/// One second of the countdown: reset, draw, diff and write, as `tui::terminal` does.
#[divan::bench(args = SIZES)]
fn a_countdown_second(bencher: Bencher, size: (u16, u16)) {
    let (app, now, _dir) = app_in_session(TIMED);
    let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let mut painter = Painter::new(t.get_frame().area());
    let mut second = 0;
    bencher.bench_local(|| {
        second = (second + 1) % 10;
        t.current_buffer_mut().reset();
        let mut f = t.get_frame();
        draw(&mut f, &app, now + Duration::from_secs(second));
        black_box(painter.paint(t.current_buffer_mut()).len());
    });
}

/// The bundled exercises with the movement lexicon compiled (every `upright run` and the home
/// screen build it once, before the first frame).
#[divan::bench(sample_count = 20)]
fn build_the_library_and_lexicon(bencher: Bencher) {
    let exercises = Library::bundled().exercises().to_vec();
    bencher.bench(|| black_box(Library::new(exercises.clone(), movements())));
}
