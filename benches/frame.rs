//! What one second of a running countdown costs, as the terminal loop does it: the buffer
//! reset, the session screen drawn into it, and the painter's diff and bytes (`tui::paint`),
//! at the sizes the README measures; and building the exercise library with its movement
//! lexicon, the largest piece of work before `upright run`'s first frame.
//!
//! Before the benchmarks it prints the bytes each second writes at each size, beside what
//! ratatui's own diff and crossterm backend write for the same frames.

use std::time::{Duration, Instant};

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use upright::common::paths::Paths;
use upright::program::Library;
use upright::program::library::movements;
use upright::program::sources::discover;
use upright::tui::App;
use upright::tui::coach::draw;
use upright::tui::paint::Painter;

const SIZES: [(u16, u16); 4] = [(80, 24), (120, 40), (200, 60), (240, 70)];

fn main() {
    Library::bundled();
    for size in SIZES {
        let (ours, theirs) = bytes_a_second(size);
        println!(
            "a countdown second at {}x{}: {ours} bytes written (ratatui's diff: {theirs})",
            size.0, size.1
        );
    }
    divan::main();
}

/// The coach 14 s into the first exercise of the first bundled program.
fn app_in_session() -> (App, Instant, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
    };
    let mut app = App::new(discover(&[]), paths, true, Some(7));
    let now = Instant::now();
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    app.key(key(KeyCode::Enter), now);
    app.key(key(KeyCode::Char('n')), now);
    let later = now + Duration::from_secs(14);
    app.tick(later);
    (app, later, dir)
}

/// The session screen at `now`, `size` cells.
fn frame(app: &App, now: Instant, size: (u16, u16)) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    t.draw(|f| draw(f, app, now)).unwrap();
    t.backend().buffer().clone()
}

/// Average bytes a second over ten seconds, by the painter and by ratatui.
fn bytes_a_second(size: (u16, u16)) -> (usize, usize) {
    let (app, now, _dir) = app_in_session();
    let frames: Vec<Buffer> = (0..=10)
        .map(|s| frame(&app, now + Duration::from_secs(s), size))
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
    (ours / 10, theirs / 10)
}

/// One second of the countdown: reset, draw, diff and write, as `tui::terminal` does.
#[divan::bench(args = SIZES)]
fn a_countdown_second(bencher: Bencher, size: (u16, u16)) {
    let (app, now, _dir) = app_in_session();
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
