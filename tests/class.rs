//! The class display as an instructor drives it, with keys and a fake clock: snapshots of its
//! slides at 80x24, 160x48 and 320x90 (drawn into a `TestBackend` from the real state), the
//! keys, the bell, the journal, and the same steps as the personal coach on the same plan.

mod support;

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use upright::audio::Hearing;
use upright::common::paths::Paths;
use upright::program::{Library, Program, check_source};
use upright::records::journal::{self, Event, Outcome};
use upright::training::cues::{Cues, Tone};
use upright::training::plan::PhaseKind;
use upright::tui::Screen;
use upright::tui::class::slides::draw;
use upright::tui::class::{Stage, plan_class};
use upright::tui::theme::Theme;
use upright::tui::{App, Class};

const PROGRAM: &str = r#"Program(
    title: "Snapshot Class",
    level: Beginner,
    per_week: 2,
    sessions: [
        Session(name: "Class", blocks: [
            Block(name: "Strength", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 2, reps: 8, rest: 30, tempo: 4)),
                Item(exercise: "static-lunge-supported", dose: Reps(sets: 2, reps: 8, rest: 45, tempo: 3, per_side: true)),
                Item(exercise: "heel-drops", dose: Reps(sets: 1, reps: 10, rest: 0)),
            ]),
        ]),
    ],
)"#;

fn program() -> Program {
    let checked = check_source(PROGRAM.as_bytes(), Library::bundled());
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    checked.program.unwrap()
}

struct Rig {
    class: Class,
    t0: Instant,
    now: Instant,
    _dir: tempfile::TempDir,
}

impl Rig {
    fn with(theme: Theme) -> Rig {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths {
            data: dir.path().join("data"),
            config: dir.path().join("config"),
        };
        let plan = plan_class(&program(), None, 1).unwrap();
        let t0 = Instant::now();
        Rig {
            class: Class::new(plan, "snapshot.ron".into(), &paths, theme, true, t0),
            t0,
            now: t0,
            _dir: dir,
        }
    }

    fn new() -> Rig {
        Rig::with(Theme::default())
    }

    fn started() -> Rig {
        let mut r = Rig::new();
        r.key(KeyCode::Char(' '));
        r
    }

    fn at(&mut self, secs: f64) -> &mut Self {
        self.now = self.t0 + Duration::from_secs_f64(secs);
        self.class.tick(self.now);
        self
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.class
            .key(KeyEvent::new(code, KeyModifiers::NONE), self.now);
        self
    }

    fn ch(&mut self, c: char) -> &mut Self {
        self.key(KeyCode::Char(c))
    }

    fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, &self.class, self.now)).unwrap();
        support::colour::with_colours(t.backend())
    }
}

fn snap(name: &str, rig: &Rig, sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), rig.screen(w, h));
    }
}

const ROOM: [(u16, u16); 3] = [(80, 24), (160, 48), (320, 90)];

fn phase(r: &Rig) -> Option<PhaseKind> {
    r.class.engine.phase().map(|p| p.kind)
}

#[test]
fn welcome() {
    snap("welcome", &Rig::new(), &[(80, 24), (160, 48)]);
}

#[test]
fn work() {
    let mut r = Rig::started();
    r.at(16.2);
    assert_eq!(phase(&r), Some(PhaseKind::Work));
    snap("work", &r, &ROOM);
}

/// The exercise's figure, large beside the words, at 80x24 and 120x40: sitting on the chair
/// while the room gets ready, standing in the first part of a rep, back on the chair after.
#[test]
fn the_figure_for_the_room() {
    let mut r = Rig::started();
    for (name, t) in [
        ("figure_get_ready", 2.5),
        ("figure_first_part", 10.5),
        ("figure_second_part", 12.5),
    ] {
        r.at(t);
        snap(name, &r, &[(80, 24), (120, 40)]);
    }
    // Standing, the figure is nearly as tall as the screen; it is left out of the check-in.
    let braille = |screen: &str| {
        screen
            .lines()
            .filter(|l| l.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c)))
            .count()
    };
    r.at(14.5);
    assert!(braille(&r.screen(200, 60)) > 40, "{}", r.screen(200, 60));
    r.at(106.0);
    assert_eq!(phase(&r), Some(PhaseKind::CheckIn));
    assert_eq!(braille(&r.screen(200, 60)), 0);
}

#[test]
fn work_per_side_and_unpaced() {
    let mut r = Rig::started();
    // Second exercise: supported static lunge, set 1, right side.
    r.at(104.0)
        .key(KeyCode::Enter)
        .at(104.0 + 10.0 + 24.0 + 5.0 + 3.0);
    assert_eq!(
        r.class.engine.phase().unwrap().side,
        Some(upright::training::plan::Side::Right)
    );
    snap("work_right", &r, &[(80, 24)]);
    r.ch('n').at(200.0);
    snap("work_unpaced", &r, &[(80, 24), (160, 48)]);
}

#[test]
fn rest() {
    let mut r = Rig::started();
    r.at(45.0);
    assert_eq!(phase(&r), Some(PhaseKind::Rest));
    snap("rest", &r, &ROOM);
}

#[test]
fn paused_shows_the_instructors_keys() {
    let mut r = Rig::started();
    r.at(16.2);
    let running = r.screen(80, 24);
    assert!(!running.contains("Space"), "no key hint for the room");
    r.ch(' ');
    assert!(r.class.engine.is_paused());
    assert!(r.screen(80, 24).contains("Space"));
    snap("paused", &r, &ROOM);
}

#[test]
fn check_in_slide() {
    let mut r = Rig::started();
    r.at(106.0);
    assert_eq!(phase(&r), Some(PhaseKind::CheckIn));
    snap("check_in", &r, &ROOM);
}

#[test]
fn red_flags_for_the_room() {
    let mut r = Rig::started();
    r.at(16.0).ch('!');
    assert!(r.class.engine.is_paused());
    snap("red_flags", &r, &[(80, 24), (160, 48)]);
}

#[test]
fn quit_asks_first() {
    let mut r = Rig::started();
    r.at(16.0).ch('q');
    snap("confirm_quit", &r, &[(80, 24)]);
}

#[test]
fn finished() {
    let mut r = Rig::started();
    let mut t = 0.0;
    while r.class.stage != Stage::Finished {
        assert!(t < 3600.0, "the class never ended");
        t += 5.0;
        r.at(t).key(KeyCode::Enter);
    }
    snap("finished", &r, &[(80, 24), (160, 48)]);
}

#[test]
fn too_small() {
    let r = Rig::started();
    assert!(r.screen(40, 10).contains("Please enlarge the window"));
}

// ---------- behaviour ----------

fn shown(r: &Rig) -> Option<u32> {
    r.class.engine.shown_secs(r.now)
}

#[test]
fn instructor_keys_steer_the_class() {
    let mut r = Rig::started();
    r.at(16.0);
    assert_eq!(shown(&r), Some(26));
    r.ch('+');
    assert_eq!(
        shown(&r),
        Some(41),
        "+ adds 15 s to any countdown, work too"
    );
    r.ch('-').ch('-');
    assert_eq!(shown(&r), Some(11));
    r.ch('r');
    assert_eq!(
        phase(&r),
        Some(PhaseKind::GetReady),
        "r restarts the exercise"
    );
    r.key(KeyCode::Right);
    assert_eq!(
        r.class.engine.exercise().unwrap().exercise.id,
        "static-lunge-supported"
    );
    r.key(KeyCode::Left).key(KeyCode::Left);
    assert_eq!(
        r.class.engine.exercise().unwrap().exercise.id,
        "sit-to-stand"
    );
    // The check-in slide moves on by itself, or at once with Enter.
    r.at(16.0 + 104.0);
    assert_eq!(phase(&r), Some(PhaseKind::CheckIn));
    r.key(KeyCode::Enter);
    assert_eq!(phase(&r), Some(PhaseKind::GetReady));
    assert_eq!(
        r.class.engine.exercise().unwrap().exercise.id,
        "static-lunge-supported"
    );
}

#[test]
fn quitting_asks_and_carrying_on_keeps_the_pause_as_it_was() {
    let mut r = Rig::started();
    r.at(16.0).ch('q');
    assert!(r.class.engine.is_paused());
    r.ch('n');
    assert!(!r.class.engine.is_paused(), "it was running: it runs again");
    r.ch(' ').key(KeyCode::Esc);
    assert!(r.class.overlay.is_some());
    r.key(KeyCode::Esc);
    assert!(r.class.engine.is_paused(), "it was paused: it stays paused");
    r.ch('q').ch('y');
    assert!(r.class.quit);
}

#[test]
fn red_flags_pause_the_class_and_any_key_returns_still_paused() {
    let mut r = Rig::started();
    r.at(16.0).ch('!');
    let screen = r.screen(80, 24);
    assert!(screen.contains("If someone has one of these: stop, and get help."));
    assert!(screen.contains("Emergency: call 999 / 112 / 911 now"));
    r.ch('x');
    assert_eq!(r.class.overlay, None);
    assert!(r.class.engine.is_paused());
    assert_eq!(r.class.engine.outcome(), None, "the class goes on");
}

#[test]
fn the_room_hears_each_change_and_the_last_three_seconds_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
    };
    let t0 = Instant::now();
    let at = |s: f64| t0 + Duration::from_secs_f64(s);
    let plan = || plan_class(&program(), None, 1).unwrap();
    let mut c = Class::new(plan(), "x".into(), &paths, Theme::default(), false, t0);
    let mut cues = Cues::default();
    assert!(
        cues.due(c.engine_on_screen(), t0).is_empty(),
        "silent before the start"
    );
    c.key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE), t0);
    let mut tones = Vec::new();
    for s in 0..=12 {
        c.tick(at(f64::from(s)));
        for cue in cues.due(c.engine_on_screen(), at(f64::from(s))) {
            tones.push((s, cue.tone));
        }
    }
    // Get ready is 10 s: its last three seconds at 7, 8 and 9 s, and work starts at 10.
    assert_eq!(
        tones,
        vec![
            (0, Some(Tone::Ready)),
            (7, Some(Tone::Count)),
            (8, Some(Tone::Count)),
            (9, Some(Tone::Count)),
            (10, Some(Tone::Start)),
        ]
    );
    assert!(c.hearing().sound && !c.hearing().voice);
    // Speech only when asked for (--voice), and never with --quiet.
    c.voice = true;
    assert!(c.hearing().voice && c.hearing().sound);
    let mut quiet = Class::new(plan(), "x".into(), &paths, Theme::default(), true, t0);
    quiet.voice = true;
    assert_eq!(quiet.hearing(), Hearing::NOTHING);
}

#[test]
fn a_class_is_recorded_as_a_class_with_no_check_ins() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data: dir.path().join("data"),
        config: dir.path().join("config"),
    };
    let t0 = Instant::now();
    let plan = plan_class(&program(), None, 1).unwrap();
    let mut c = Class::new(
        plan,
        "snapshot.ron".into(),
        &paths,
        Theme::default(),
        true,
        t0,
    );
    c.key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE), t0);
    let mut t = 0;
    while c.stage != Stage::Finished {
        t += 1;
        let now = t0 + Duration::from_secs(t);
        c.tick(now);
        if c.engine.phase().is_some_and(|p| p.secs.is_none()) {
            c.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), now);
        }
    }
    assert_eq!(c.journal_error, None);
    let events: Vec<Event> = journal::read(&paths.data.join(journal::Journal::FILE_NAME))
        .unwrap()
        .into_iter()
        .map(|r| r.event)
        .collect();
    assert!(matches!(
        &events[0],
        Event::SessionStart { class: true, source, .. } if source == "snapshot.ron"
    ));
    let sets = events
        .iter()
        .filter(|e| matches!(e, Event::SetDone { .. }))
        .count();
    assert_eq!(sets, 2 + 4 + 1);
    assert!(!events.iter().any(|e| matches!(e, Event::CheckIn { .. })));
    assert!(matches!(
        events.last(),
        Some(Event::SessionEnd {
            outcome: Outcome::Completed
        })
    ));
}

#[test]
fn an_unwritable_journal_shows_a_banner() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let paths = Paths {
        data: blocker.join("data"),
        config: dir.path().join("config"),
    };
    let t0 = Instant::now();
    let plan = plan_class(&program(), None, 1).unwrap();
    let mut c = Class::new(plan, "x".into(), &paths, Theme::default(), true, t0);
    c.key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE), t0);
    assert!(c.journal_error.is_some());
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f, &c, t0)).unwrap();
    assert!(t.backend().to_string().contains("NOT being recorded"));
}

#[test]
fn high_contrast_is_only_white_and_black() {
    let mut r = Rig::with(Theme::high_contrast());
    r.ch(' ').at(16.2);
    for (w, h) in [(80, 24), (160, 48)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, &r.class, r.now)).unwrap();
        for cell in t.backend().buffer().content() {
            // White on black, or inverted for a warning: never a grey or a colour.
            assert!(
                matches!(
                    (cell.fg, cell.bg),
                    (Color::White, Color::Black) | (Color::Black, Color::White)
                ),
                "{cell:?}"
            );
        }
    }
}

/// The personal coach and the class, given the same plan and the same keys at the same
/// seconds, are at the same step after every one and record the same sets.
#[test]
fn the_class_and_the_personal_coach_step_through_the_same_plan_alike() {
    let entry = upright::program::sources::resolve("group-class").unwrap();
    let program = entry.checked.safe_program().unwrap().clone();
    let dir = tempfile::tempdir().unwrap();
    let personal_paths = Paths {
        data: dir.path().join("personal"),
        config: dir.path().join("config"),
    };
    let class_paths = Paths {
        data: dir.path().join("class"),
        config: dir.path().join("config"),
    };
    let t0 = Instant::now();
    let seed = 5;
    let mut app = App::new(vec![entry], personal_paths.clone(), true, Some(seed));
    let mut class = Class::new(
        plan_class(&program, None, seed).unwrap(),
        "group-class".into(),
        &class_paths,
        Theme::default(),
        true,
        t0,
    );
    let press = |app: &mut App, class: &mut Class, code: KeyCode, now: Instant| {
        let k = KeyEvent::new(code, KeyModifiers::NONE);
        app.key(k, now);
        class.key(k, now);
    };
    // Start both: the personal coach through its readiness question.
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), t0);
    app.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE), t0);
    class.key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE), t0);
    let step = |app: &App| match &app.screen {
        Screen::Session(run) => run
            .engine
            .phase()
            .map(|p| (p.kind, p.exercise, p.set, p.side)),
        _ => None,
    };
    let mut steps = 0;
    for s in 1..20_000u64 {
        let now = t0 + Duration::from_secs(s);
        app.tick(now);
        class.tick(now);
        let here = step(&app);
        let there = class
            .engine
            .phase()
            .map(|p| (p.kind, p.exercise, p.set, p.side));
        assert_eq!(here, there, "at {s} s");
        let Some((kind, ..)) = here else { break };
        steps += 1;
        match kind {
            // A person answers; the room's slide moves on with the same keys.
            PhaseKind::CheckIn => {
                // No pain, effort skipped; the class's slide moves on with the Enter.
                press(&mut app, &mut class, KeyCode::Char('0'), now);
                press(&mut app, &mut class, KeyCode::Enter, now);
                press(&mut app, &mut class, KeyCode::Char('s'), now);
            }
            PhaseKind::Work if class.engine.remaining(now).is_none() => {
                press(&mut app, &mut class, KeyCode::Enter, now)
            }
            PhaseKind::Rest if s % 7 == 0 => press(&mut app, &mut class, KeyCode::Char('+'), now),
            _ if s % 401 == 0 => press(&mut app, &mut class, KeyCode::Char('n'), now),
            _ if s % 283 == 0 => press(&mut app, &mut class, KeyCode::Char('b'), now),
            _ if s % 97 == 0 => press(&mut app, &mut class, KeyCode::Char(' '), now),
            _ => {}
        }
        assert_eq!(
            step(&app),
            class
                .engine
                .phase()
                .map(|p| (p.kind, p.exercise, p.set, p.side)),
            "after the keys at {s} s"
        );
    }
    assert!(steps > 1000, "{steps}");
    assert!(matches!(app.screen, Screen::Summary(_)));
    assert_eq!(class.stage, Stage::Finished);
    let sets = |paths: &Paths| -> Vec<Event> {
        journal::read(&paths.data.join(journal::Journal::FILE_NAME))
            .unwrap()
            .into_iter()
            .map(|r| r.event)
            .filter(|e| matches!(e, Event::SetDone { .. } | Event::Skipped { .. }))
            .collect()
    };
    let personal = sets(&personal_paths);
    assert!(personal.iter().any(|e| matches!(e, Event::Skipped { .. })));
    assert_eq!(sets(&class_paths), personal);
}

// ---------- the command line ----------

fn upright(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the upright binary runs")
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_class_command_refuses_unsafe_programs_and_unknown_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let unsafe_program = dir.path().join("crunch.ron");
    std::fs::write(
        &unsafe_program,
        PROGRAM.replace("\"heel-drops\"", "\"crunch\""),
    )
    .unwrap();
    let o = upright(&["class", unsafe_program.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error["), "{}", stderr(&o));
    assert!(stderr(&o).contains("has errors, so it cannot be run"));

    let o = upright(&["class", "group-class", "--session", "Tuesday"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no session \"Tuesday\"; this program has: Class"));

    let o = upright(&["class", "group-class", "--theme", "purple"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("high-contrast"), "{}", stderr(&o));
}

#[test]
fn the_class_command_needs_a_terminal() {
    let o = upright(&[
        "class",
        "group-class",
        "--theme",
        "high-contrast",
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
}
