//! Snapshots of every screen of the coach at 80x24 and 200x60, drawn into a `TestBackend`
//! from the real app state, driven by keys and a fake clock.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use upright::common::paths::Paths;
use upright::program::sources::{Entry, Origin};
use upright::program::{Library, check_source};
use upright::tui::App;
use upright::tui::Screen;
use upright::tui::coach::draw;

const PROGRAM: &str = r#"Program(
    title: "Snapshot Program",
    summary: "A short program that shows every kind of phase.",
    level: Beginner,
    per_week: 3,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Strength", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 2, reps: 8, rest: 30, tempo: 4)),
                Item(exercise: "wall-push-up", dose: Reps(sets: 1, reps: 10, rest: 0)),
            ]),
            Block(name: "Balance and posture", items: [
                Item(exercise: "single-leg-stand-supported", dose: Time(secs: 20, per_side: true)),
                Item(exercise: "chin-tuck", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),
            ]),
        ]),
    ],
)"#;

struct Rig {
    app: App,
    t0: Instant,
    now: Instant,
    _dir: tempfile::TempDir,
}

impl Rig {
    fn new() -> Rig {
        let dir = tempfile::tempdir().unwrap();
        Rig::in_dir(dir)
    }

    fn in_dir(dir: tempfile::TempDir) -> Rig {
        let entry = Entry {
            origin: Origin::File(PathBuf::from("snapshot.ron")),
            checked: check_source(PROGRAM.as_bytes(), Library::bundled()),
        };
        assert!(
            !entry.checked.has_errors(),
            "{:?}",
            entry.checked.diagnostics
        );
        let paths = Paths {
            data: dir.path().join("data"),
            config: dir.path().join("config"),
        };
        let mut programs = vec![entry];
        programs.extend(upright::program::sources::discover(&[]));
        let t0 = Instant::now();
        Rig {
            app: App::new(programs, paths, true, Some(1)),
            t0,
            now: t0,
            _dir: dir,
        }
    }

    fn at(&mut self, secs: f64) -> &mut Self {
        self.now = self.t0 + Duration::from_secs_f64(secs);
        self.app.tick(self.now);
        self
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app
            .key(KeyEvent::new(code, KeyModifiers::NONE), self.now);
        self
    }

    fn ch(&mut self, c: char) -> &mut Self {
        self.key(KeyCode::Char(c))
    }

    fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, &self.app, self.now)).unwrap();
        support::colour::with_colours(t.backend())
    }

    /// Starts session A of the snapshot program, past the readiness check.
    fn started() -> Rig {
        let mut r = Rig::new();
        r.key(KeyCode::Enter).ch('n');
        r
    }
}

fn snap(name: &str, rig: &Rig) {
    for (w, h) in [(80, 24), (200, 60)] {
        let screen = rig.screen(w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

#[test]
fn home() {
    snap("home", &Rig::new());
}

#[test]
fn home_second_program_second_session() {
    let mut r = Rig::new();
    r.key(KeyCode::Down).key(KeyCode::Right);
    snap("home_other", &r);
}

#[test]
fn readiness_fracture_question() {
    let mut r = Rig::new();
    r.key(KeyCode::Enter);
    snap("readiness", &r);
}

#[test]
fn readiness_clearance_after_a_red_flag() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/journal.jsonl"),
        "{\"at\":\"2026-11-19T10:00:00Z\",\"run\":1,\"event\":\"red_flag\",\"symptoms\":[\"Dizziness, fainting or palpitations\"]}\n",
    )
    .unwrap();
    let mut r = Rig::in_dir(dir);
    r.key(KeyCode::Enter);
    snap("readiness_clearance", &r);
    r.ch('n');
    snap("not_cleared", &r);
}

#[test]
fn a_fracture_not_assessed_stops_before_the_session() {
    let mut r = Rig::new();
    r.key(KeyCode::Enter).ch('y');
    snap("fracture_advice", &r);
}

#[test]
fn an_assessed_fracture_runs_only_a_program_marked_for_it() {
    // The first program is not marked as suitable after a fracture: not this program, and
    // the ones that are marked are named.
    let mut r = Rig::new();
    r.key(KeyCode::Enter);
    assert!(
        r.screen(80, 24)
            .contains("a  A spine fracture that a health professional has"),
        "{}",
        r.screen(80, 24)
    );
    r.ch('a');
    snap("fracture_assessed_other_program", &r);
    let screen = r.screen(200, 60);
    assert!(screen.contains("Not this program"), "{screen}");
    assert!(
        screen.contains("Gentle Start After a Spine Fracture"),
        "{screen}"
    );
    assert!(!screen.contains("GET READY"), "{screen}");

    // The marked program starts after the same answer.
    let mut r = Rig::new();
    for _ in 0..5 {
        r.key(KeyCode::Down);
    }
    let home = r.screen(200, 60);
    assert!(home.contains("suitable after a fracture"), "{home}");
    r.key(KeyCode::Enter).ch('a');
    let screen = r.screen(200, 60);
    assert!(screen.contains("GET READY"), "{screen}");
}

#[test]
fn get_ready() {
    let mut r = Rig::started();
    r.at(2.5);
    snap("get_ready", &r);
}

#[test]
fn tempo_work() {
    let mut r = Rig::started();
    r.at(16.2);
    snap("work_tempo", &r);
}

#[test]
fn paused() {
    let mut r = Rig::started();
    r.at(16.2).ch(' ');
    snap("paused", &r);
}

#[test]
fn rest_between_sets() {
    let mut r = Rig::started();
    r.at(45.0);
    snap("rest", &r);
}

#[test]
fn check_in_pain_dull_or_sharp_where_then_effort() {
    let mut r = Rig::started();
    r.at(120.0);
    snap("check_in", &r);
    // A moderate score: the advice shows at once.
    r.ch('4');
    snap("check_in_moderate", &r);
    r.key(KeyCode::Enter);
    snap("check_in_dull_or_sharp", &r);
    r.ch('1');
    snap("check_in_where", &r);
    r.ch('1');
    snap("check_in_effort", &r);
    r.ch('6');
    snap("check_in_effort_chosen", &r);
}

#[test]
fn a_severe_score_is_advised_at_once() {
    let mut r = Rig::started();
    r.at(120.0).ch('7');
    snap("check_in_severe", &r);
}

#[test]
fn unpaced_reps_wait_for_enter() {
    let mut r = Rig::started();
    // The sit to stand's check-in: no pain, effort skipped; then the wall push-up's set.
    r.at(120.0).ch('0').key(KeyCode::Enter).ch('s').at(131.0);
    snap("work_unpaced", &r);
}

#[test]
fn sharp_pain_mid_exercise() {
    let mut r = Rig::started();
    r.at(16.0).ch('p');
    snap("pain_check_in", &r);
    r.ch('6').key(KeyCode::Enter).ch('2').ch('1');
    snap("pain_advice", &r);
}

#[test]
fn the_next_session_asks_about_an_exercise_that_stopped_for_pain() {
    let mut r = Rig::started();
    r.at(16.0)
        .ch('p')
        .ch('6')
        .key(KeyCode::Enter)
        .ch('2')
        .ch('1');
    r.ch('e').key(KeyCode::Enter).key(KeyCode::Enter);
    snap("after_pain_question", &r);
    r.ch('e');
    snap("after_pain_answered", &r);
}

#[test]
fn red_flags() {
    let mut r = Rig::started();
    r.at(16.0).ch('!').ch('4');
    snap("red_flags", &r);
    r.key(KeyCode::Enter);
    snap("red_flag_advice", &r);
}

#[test]
fn each_red_flag_urgency_has_its_own_advice() {
    for (flag, name) in [
        ('1', "red_flag_emergency"),
        ('6', "red_flag_today"),
        ('7', "red_flag_soon"),
    ] {
        let mut r = Rig::started();
        r.at(16.0).ch('!').ch(flag).key(KeyCode::Enter);
        snap(name, &r);
    }
}

#[test]
fn sharp_back_pain_in_a_check_in_goes_to_the_red_flag_path() {
    let mut r = Rig::started();
    r.at(16.0)
        .ch('p')
        .ch('3')
        .key(KeyCode::Enter)
        .ch('2')
        .ch('2');
    snap("red_flag_from_check_in", &r);
}

#[test]
fn quit_asks_first() {
    let mut r = Rig::started();
    r.at(16.0).ch('q');
    snap("confirm_quit", &r);
}

#[test]
fn help() {
    let mut r = Rig::started();
    r.at(3.0).ch('?');
    snap("help", &r);
}

#[test]
fn summary_after_a_whole_session() {
    let mut r = Rig::started();
    // Answer every check-in, press Enter for unpaced sets, until the summary.
    let mut t = 0.0;
    while !matches!(r.app.screen, Screen::Summary(_)) {
        assert!(t < 3600.0, "the session never ended");
        t += 5.0;
        r.at(t);
        if matches!(r.app.screen, Screen::Session(_)) {
            if r.app.overlay.is_some() {
                // No pain; effort 5.
                r.ch('0').key(KeyCode::Enter).ch('5');
            }
            r.key(KeyCode::Enter);
        }
    }
    snap("summary", &r);
}

#[test]
fn help_on_the_home_screen_lists_the_home_keys() {
    let mut r = Rig::new();
    r.ch('?');
    let screen = r.screen(80, 24);
    assert!(screen.contains("choose a program"), "{screen}");
    assert!(!screen.contains("skip to the next exercise"), "{screen}");
    snap("home_help", &r);
}

#[test]
fn too_small() {
    let r = Rig::started();
    insta::assert_snapshot!("too_small", r.screen(40, 10));
}

/// `upright run` at the three sizes the issue names, in both themes: the countdown says what
/// it counts, and on a large screen the name, the rep and the pace word grow too.
fn snap_run(name: &str, rig: &mut Rig) {
    for theme in ["default", "high_contrast"] {
        rig.app.shared.theme = if theme == "default" {
            upright::tui::theme::Theme::default()
        } else {
            upright::tui::theme::Theme::high_contrast()
        };
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let screen = rig.screen(w, h);
            insta::assert_snapshot!(format!("run_{name}_{theme}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn run_at_every_size_in_both_themes() {
    let mut r = Rig::started();
    r.at(16.2);
    snap_run("tempo", &mut r);
    // The third exercise: a timed hold on each side.
    let mut r = Rig::started();
    r.ch('n').ch('n').key(KeyCode::Enter);
    let t = r.now.duration_since(r.t0).as_secs_f64();
    r.at(t + 3.5);
    snap_run("timed_side", &mut r);
}

#[test]
fn large_text_grows_the_words_on_an_ordinary_screen_too() {
    let mut r = Rig::started();
    r.at(16.2);
    let plain = r.screen(120, 40);
    r.app.shared.settings.large_text = true;
    let large = r.screen(120, 40);
    assert_ne!(plain, large);
    insta::assert_snapshot!("run_tempo_large_text_120x40", large);
}

#[test]
fn a_session_too_small_to_see_pauses() {
    let mut r = Rig::started();
    r.at(12.0);
    let small = ratatui::layout::Rect::new(0, 0, 50, 12);
    r.app.fit(small, r.now);
    let Screen::Session(run) = &r.app.screen else {
        panic!("not in a session");
    };
    assert!(run.engine.is_paused());
    let screen = r.screen(50, 12);
    assert!(
        screen.contains("The session is paused until then."),
        "{screen}"
    );
    // A window large enough does not pause it.
    let mut r = Rig::started();
    r.at(12.0);
    r.app.fit(ratatui::layout::Rect::new(0, 0, 80, 24), r.now);
    let Screen::Session(run) = &r.app.screen else {
        panic!("not in a session");
    };
    assert!(!run.engine.is_paused());
}
/// The figure beside the cues, through the start of a session at 80x24 and 120x40: how to
/// start while getting ready (sitting on the chair), then the pose each part of the rep goes
/// to (standing, then back on the chair), a new picture only when the part changes.
#[test]
fn the_figure_moves_with_the_pace() {
    let mut r = Rig::started();
    for (name, t) in [
        ("figure_get_ready", 2.5),
        ("figure_first_part", 10.5),
        ("figure_second_part", 12.5),
    ] {
        r.at(t);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), r.screen(w, h));
        }
    }
    // Within a part of the rep the picture stays: only the countdown's cells change.
    let figure = |r: &mut Rig, t: f64| -> Vec<String> {
        r.at(t);
        let screen = r.screen(120, 40);
        screen
            .lines()
            .take(40)
            .map(|l| {
                l.chars()
                    .filter(|c| ('\u{2800}'..='\u{28ff}').contains(c))
                    .collect()
            })
            .collect()
    };
    // "stand 1 ... sit 3" at 4 s a rep: the second rep sits from 15 s to 18 s.
    let first = figure(&mut r, 15.1);
    assert_eq!(first, figure(&mut r, 16.0));
    assert_eq!(first, figure(&mut r, 17.9));
    assert_ne!(first, figure(&mut r, 18.1), "the next part of the rep");
}
