//! The key tables of every screen and dialog of the coach, walked through a session: no key
//! means two things at once, and the footer names only keys that work.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::*;
use crate::common::settings::Settings;
use crate::program::sources::Origin;
use crate::program::{Library, check_source};

const PROGRAM: &str = r#"Program(
    title: "Keys",
    level: Beginner,
    per_week: 3,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 2, reps: 8, rest: 30, tempo: 4)),
                Item(exercise: "wall-push-up", dose: Reps(sets: 1, reps: 10, rest: 0)),
            ]),
        ]),
    ],
)"#;

fn app(dir: &std::path::Path) -> App {
    let entry = Entry {
        origin: Origin::File(PathBuf::from("keys.ron")),
        checked: check_source(PROGRAM.as_bytes(), Library::bundled()),
    };
    let paths = Paths {
        data: dir.join("data"),
        config: dir.join("config"),
    };
    App::with_wall(
        vec![entry],
        paths,
        true,
        Some(1),
        Wall::fixed(jiff::tz::TimeZone::UTC, 1_763_629_200),
    )
}

/// What is wrong with the key table in focus, if anything.
fn check(app: &App, state: &str) {
    for area in [Rect::new(0, 0, 80, 24), Rect::new(0, 0, 200, 60)] {
        let table = app.key_table(area);
        let mut seen = HashSet::new();
        for b in table.iter().filter(|b| b.enabled) {
            assert!(
                !b.keys.is_empty() || b.any.is_some(),
                "{state}: {} has no keys",
                b.label
            );
            for (code, _) in &b.keys {
                assert!(seen.insert(*code), "{state}: {code:?} is bound twice");
            }
            for (code, action) in &b.keys {
                let key = KeyEvent::new(*code, KeyModifiers::NONE);
                assert_eq!(
                    keys::action(&table, &key).as_ref(),
                    Some(action),
                    "{state}: {} {code:?}",
                    b.label
                );
            }
        }
        assert!(
            table.iter().any(|b| b.enabled && b.in_footer),
            "{state}: the footer names no key"
        );
    }
}

#[test]
fn every_key_table_is_unambiguous_and_its_footer_keys_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let t0 = Instant::now();
    let press = |app: &mut App, code: KeyCode, at: Instant| {
        app.key(KeyEvent::new(code, KeyModifiers::NONE), at);
    };
    check(&app, "home");
    press(&mut app, KeyCode::Char('?'), t0);
    check(&app, "home help");
    press(&mut app, KeyCode::Esc, t0);
    press(&mut app, KeyCode::Char('h'), t0);
    assert!(matches!(app.screen, Screen::History(_)));
    check(&app, "history");
    press(&mut app, KeyCode::Esc, t0);
    press(&mut app, KeyCode::Enter, t0);
    check(&app, "readiness");
    press(&mut app, KeyCode::Char('n'), t0);
    assert!(matches!(app.screen, Screen::Session(_)));
    let mut at = t0;
    let mut seen = Vec::new();
    // Through the session a second at a time, looking at every phase and dialog.
    for second in 0..400 {
        at = t0 + Duration::from_secs(second);
        app.tick(at);
        let Screen::Session(run) = &app.screen else {
            break;
        };
        let kind = run.engine.phase().map(|p| p.kind);
        check(&app, &format!("session at {second} s ({kind:?})"));
        if let Some(Overlay::CheckIn(_)) = &app.overlay {
            // 2/10, dull, in the muscles that worked; effort skipped.
            for (key, state) in [
                (KeyCode::Char('2'), "check-in: pain chosen"),
                (KeyCode::Enter, "check-in: dull or sharp"),
                (KeyCode::Char('1'), "check-in: where"),
                (KeyCode::Char('1'), "check-in: effort"),
            ] {
                check(&app, state);
                press(&mut app, key, at);
            }
            check(&app, "check-in: effort");
            press(&mut app, KeyCode::Char('s'), at);
            assert!(app.overlay.is_none(), "saved without an effort");
            continue;
        }
        if !seen.contains(&kind) {
            seen.push(kind);
            for (open, name) in [
                ('?', "help"),
                ('q', "quit?"),
                ('!', "red flags"),
                ('p', "pain"),
            ] {
                press(&mut app, KeyCode::Char(open), at);
                check(&app, name);
                press(&mut app, KeyCode::Esc, at);
                assert!(app.overlay.is_none(), "{name} closes with Esc");
            }
        }
        if kind == Some(crate::training::plan::PhaseKind::Work) {
            press(&mut app, KeyCode::Enter, at);
        }
    }
    assert!(
        seen.len() >= 3,
        "get ready, work and rest were looked at: {seen:?}"
    );
    assert!(
        matches!(app.screen, Screen::Summary(_)),
        "the session ended"
    );
    check(&app, "summary");
    press(&mut app, KeyCode::Enter, at);
    assert!(matches!(app.screen, Screen::Home));
}

#[test]
fn the_sharp_pain_dialog_and_the_red_flag_advice_have_working_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let t0 = Instant::now();
    let press = |app: &mut App, code: KeyCode| {
        app.key(KeyEvent::new(code, KeyModifiers::NONE), t0);
    };
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('p'));
    // 6/10, sharp, in the muscles that worked.
    for c in ['6', '\n', '2', '1'] {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        press(&mut app, code);
    }
    assert!(matches!(app.overlay, Some(Overlay::Pain(_))));
    check(&app, "sharp pain");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    press(&mut app, KeyCode::Char('!'));
    let table = app.key_table(Rect::ZERO);
    assert!(
        !table.iter().any(|b| b.enabled && b.label == "Enter"),
        "nothing ticked: Enter does nothing, and the footer does not offer it"
    );
    press(&mut app, KeyCode::Char('3'));
    check(&app, "red flags, one ticked");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Stopped(_)));
    check(&app, "red flag advice");
}

#[test]
fn an_evening_session_west_of_greenwich_is_asked_about_as_yesterday_evening() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let zone = jiff::tz::TimeZone::get("America/New_York").unwrap();
    // Thursday 20 Nov 2025, 19:30 in New York (00:30 on the 21st in UTC).
    let evening = 1_763_685_000;
    app.shared.wall = Wall::fixed(zone, evening);
    let t0 = Instant::now();
    let press = |app: &mut App, code: KeyCode, at: Instant| {
        app.key(KeyEvent::new(code, KeyModifiers::NONE), at);
    };
    press(&mut app, KeyCode::Enter, t0);
    press(&mut app, KeyCode::Char('n'), t0);
    let mut at = t0;
    while matches!(app.screen, Screen::Session(_)) {
        at += Duration::from_secs(5);
        app.tick(at);
        // No pain; effort 5.
        for code in [
            KeyCode::Char('0'),
            KeyCode::Enter,
            KeyCode::Char('5'),
            KeyCode::Enter,
        ] {
            press(&mut app, code, at);
        }
    }
    press(&mut app, KeyCode::Enter, at);
    // The next morning, 08:00 in New York.
    app.shared.wall.set(evening + 12 * 3600 + 30 * 60);
    press(&mut app, KeyCode::Enter, at);
    let Screen::Readiness(r) = &app.screen else {
        panic!("no readiness check");
    };
    match &r.step {
        readiness::ReadyStep::FollowUp { when, .. } => {
            assert!(when.starts_with("yesterday at 19:"), "{when}")
        }
        other => panic!("no follow-up: {other:?}"),
    }
}

#[test]
fn a_sound_setting_that_cannot_be_saved_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    // A folder stands where the settings file goes (beside the journal): it cannot be
    // replaced by a file.
    std::fs::create_dir_all(app.shared.paths.settings()).unwrap();
    let t0 = Instant::now();
    for code in [KeyCode::Enter, KeyCode::Char('n'), KeyCode::Char('s')] {
        app.key(KeyEvent::new(code, KeyModifiers::NONE), t0);
    }
    let notice = app.shared.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("Sound is off for now") && notice.contains("could not be saved"),
        "{notice}"
    );
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f, &app, t0)).unwrap();
    assert!(t.backend().to_string().contains("could not be saved"));
}

#[test]
fn v_turns_speech_on_and_off_and_keeps_it_for_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.shared.quiet = false;
    let t0 = Instant::now();
    let press = |app: &mut App, c| app.key(KeyEvent::new(c, KeyModifiers::NONE), t0);
    for code in [KeyCode::Enter, KeyCode::Char('n')] {
        press(&mut app, code);
    }
    assert!(!app.hearing().voice, "off unless asked");
    press(&mut app, KeyCode::Char('v'));
    assert!(app.hearing().voice);
    let saved = Settings::load(&app.shared.paths.settings());
    assert!(saved.voice && saved.sound, "{saved:?}");
    // --voice for one run: v turns it off, and that is kept.
    press(&mut app, KeyCode::Char('v'));
    app.shared.voice_asked = true;
    assert!(app.hearing().voice);
    press(&mut app, KeyCode::Char('v'));
    assert!(!app.hearing().voice);
    assert!(!Settings::load(&app.shared.paths.settings()).voice);
    // --quiet wins over everything.
    app.shared.quiet = true;
    app.shared.settings.voice = true;
    assert_eq!(app.hearing(), crate::audio::Hearing::NOTHING);
}

#[test]
fn home_opens_on_the_program_and_session_that_come_next() {
    const TWO: &str = r#"Program(
        title: "Two Sessions",
        level: Beginner,
        per_week: 3,
        sessions: [
            Session(name: "A", blocks: [Block(name: "M", items: [
                Item(exercise: "wall-push-up", dose: Reps(sets: 1, reps: 10, rest: 0)),
            ])]),
            Session(name: "B", blocks: [Block(name: "M", items: [
                Item(exercise: "chin-tuck", dose: Time(secs: 20)),
            ])]),
        ],
    )"#;
    let dir = tempfile::tempdir().unwrap();
    let entries = || {
        vec![
            Entry {
                origin: Origin::File(PathBuf::from("keys.ron")),
                checked: check_source(PROGRAM.as_bytes(), Library::bundled()),
            },
            Entry {
                origin: Origin::File(PathBuf::from("two.ron")),
                checked: check_source(TWO.as_bytes(), Library::bundled()),
            },
        ]
    };
    let open = || {
        let paths = Paths {
            data: dir.path().join("data"),
            config: dir.path().join("config"),
        };
        App::with_wall(
            entries(),
            paths,
            true,
            Some(1),
            Wall::fixed(jiff::tz::TimeZone::UTC, 1_763_629_200),
        )
    };
    let t0 = Instant::now();
    let press = |app: &mut App, c| app.key(KeyEvent::new(c, KeyModifiers::NONE), t0);
    let mut app = open();
    assert_eq!(
        (app.shared.selected, app.shared.session),
        (0, 0),
        "nothing yet"
    );
    // Session A of the second program, started but nothing done: it comes again.
    press(&mut app, KeyCode::Down);
    for code in [KeyCode::Enter, KeyCode::Char('n')] {
        press(&mut app, code);
    }
    // Each upright ends before the next starts (one writer per journal).
    drop(app);
    let app = open();
    assert_eq!((app.shared.selected, app.shared.session), (1, 0));
    let last = app.shared.last_session().unwrap();
    assert!(!last.done);
    // Again, discarding the one left open, and one set of it done: session B is next.
    drop(app);
    let mut app = open();
    for code in [
        KeyCode::Enter,
        KeyCode::Char('d'),
        KeyCode::Char('n'),
        KeyCode::Enter,
        KeyCode::Enter,
    ] {
        press(&mut app, code);
    }
    drop(app);
    let app = open();
    assert_eq!((app.shared.selected, app.shared.session), (1, 1));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| draw(f, &app, t0)).unwrap();
    let screen = t.backend().to_string();
    assert!(
        screen.contains("Last time: session A, today at 09:00. Next: session B."),
        "{screen}"
    );
}

#[test]
fn every_assessment_step_has_an_unambiguous_table_with_red_flags_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let t0 = Instant::now();
    let press = |app: &mut App, code: KeyCode, secs: u64| {
        app.key(
            KeyEvent::new(code, KeyModifiers::NONE),
            t0 + Duration::from_secs(secs),
        );
    };
    let both = |app: &App, state: &str| {
        check(app, state);
        let table = app.key_table(Rect::new(0, 0, 80, 24));
        for key in ['!', 'q'] {
            assert!(
                table.iter().any(|b| b.enabled
                    && b.in_footer
                    && b.keys.iter().any(|(c, _)| *c == KeyCode::Char(key))),
                "{state}: {key} is not in the footer"
            );
        }
    };
    press(&mut app, KeyCode::Char('a'), 0);
    both(&app, "about you");
    press(&mut app, KeyCode::Char('s'), 0);
    both(&app, "choose");
    press(&mut app, KeyCode::Enter, 0);
    // Every test in turn: its set-up, its timing (or entry) and its result.
    for (i, test) in crate::assess::Test::ALL.iter().enumerate() {
        let at = 200 * i as u64;
        both(&app, &format!("{test:?} set-up"));
        if test.needs_helper() {
            press(&mut app, KeyCode::Enter, at);
            both(&app, &format!("{test:?} entry"));
            let value = if *test == crate::assess::Test::Height {
                "160"
            } else {
                "5"
            };
            for c in value.chars() {
                press(&mut app, KeyCode::Char(c), at);
            }
            press(&mut app, KeyCode::Enter, at);
        } else {
            press(&mut app, KeyCode::Enter, at);
            both(&app, &format!("{test:?} timing"));
            // Through every stage or leg, each held to its end.
            for s in 1..=5 {
                app.tick(t0 + Duration::from_secs(at + 40 * s));
                if !matches!(&app.screen, Screen::Assess(a) if matches!(a.step, assess::Step::Testing(_)))
                {
                    break;
                }
                both(&app, &format!("{test:?} between stages"));
                press(&mut app, KeyCode::Enter, at + 40 * s);
            }
            app.tick(t0 + Duration::from_secs(at + 199));
        }
        assert!(
            matches!(&app.screen, Screen::Assess(a) if matches!(a.step, assess::Step::Result { .. })),
            "{test:?}: no result"
        );
        both(&app, &format!("{test:?} result"));
        press(&mut app, KeyCode::Enter, at + 199);
    }
    both(&app, "summary");
    press(&mut app, KeyCode::Char('!'), 2000);
    check(&app, "red flags over the summary");
}
