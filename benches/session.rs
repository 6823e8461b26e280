//! Planning a session, stepping the engine through a whole session, and drawing the coach's
//! screens into a `TestBackend` at 80x24 and 300x100.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use upright::common::paths::Paths;
use upright::program::bundled;
use upright::program::sources::discover;
use upright::program::{Library, Program};
use upright::training::Engine;
use upright::training::checkin::Answer;
use upright::training::plan::{PhaseKind, plan};
use upright::training::runnable::Runnable;
use upright::tui::App;
use upright::tui::coach::draw;

fn main() {
    Library::bundled();
    divan::main();
}

fn program(name: &str) -> Program {
    bundled::find(name).unwrap().check().program.unwrap()
}

#[divan::bench(args = ["home-foundations", "group-class"])]
fn plan_a_session(bencher: Bencher, name: &str) {
    let p = program(name);
    let runnable = Runnable::new(p.clone());
    let levels = HashMap::new();
    bencher.bench(|| black_box(plan(&runnable, None, &levels, 7).unwrap()));
}

/// A whole 45-minute class, one wake-up per second, check-ins answered at once.
#[divan::bench]
fn step_a_whole_session(bencher: Bencher) {
    let p = program("group-class");
    let runnable = Runnable::new(p.clone());
    let planned = plan(&runnable, None, &HashMap::new(), 7).unwrap();
    bencher.bench(|| {
        let mut now = Instant::now();
        let mut e = Engine::new(planned.clone(), now);
        while e.outcome().is_none() {
            match e.phase().map(|p| p.kind) {
                Some(PhaseKind::CheckIn) => {
                    e.check_in(now, Answer::nothing(Some(5)));
                }
                _ => match e.next_change(now) {
                    Some(t) => {
                        now = t;
                        e.tick(now);
                    }
                    None => e.done(now),
                },
            }
            black_box(e.drain_events());
        }
    });
}

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

#[divan::bench(args = [(80, 24), (300, 100)])]
fn draw_session_screen(bencher: Bencher, size: (u16, u16)) {
    let (app, now, _dir) = app_in_session();
    let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let mut second = 0;
    bencher.bench_local(|| {
        // Each frame a second later, as the countdown draws it.
        second = (second + 1) % 10;
        t.draw(|f| draw(f, &app, now + Duration::from_secs(second)))
            .unwrap();
    });
}

#[divan::bench(args = [(80, 24), (300, 100)])]
fn draw_home_screen(bencher: Bencher, size: (u16, u16)) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
    };
    let app = App::new(discover(&[]), paths, true, Some(7));
    let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let now = Instant::now();
    bencher.bench_local(|| {
        t.draw(|f| draw(f, &app, now)).unwrap();
    });
}

/// The class display's work slide, where the countdown fills a projector.
#[divan::bench(args = [(80, 24), (300, 100)])]
fn draw_class_screen(bencher: Bencher, size: (u16, u16)) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
    };
    let plan = upright::tui::class::plan_class(&program("group-class"), None, 7).unwrap();
    let t0 = Instant::now();
    let mut class = upright::tui::Class::new(
        plan,
        "group-class".into(),
        &paths,
        upright::tui::theme::Theme::default(),
        true,
        t0,
    );
    class.key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE), t0);
    let now = t0 + Duration::from_secs(14);
    class.tick(now);
    let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let mut second = 0;
    bencher.bench_local(|| {
        second = (second + 1) % 10;
        t.draw(|f| upright::tui::class::slides::draw(f, &class, now + Duration::from_secs(second)))
            .unwrap();
    });
}
