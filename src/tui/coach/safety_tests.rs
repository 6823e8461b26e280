//! The coach's safety paths, driven by keys with a fake clock: red flags and quit from every
//! screen and dialog, red flags outside a session, the check-in's answers, the question after
//! pain, and what the summary says. (The hold and relax of each hold are heard through the
//! cue stream: `training::cues`.)

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::*;
use crate::program::sources::Origin;
use crate::program::{Library, check_source};
use crate::records::journal::{Event, PainChoice};
use crate::training::safety::Urgency;
use crate::tui::theme::Theme;

const PROGRAM: &str = r#"Program(
    title: "Safety",
    level: Beginner,
    per_week: 3,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 2, reps: 8, rest: 30, tempo: 4)),
                Item(exercise: "chin-tuck", dose: Holds(sets: 1, reps: 3, hold: 3, rest: 0)),
            ]),
        ]),
    ],
)"#;

/// 2025-11-20 09:00 UTC.
const MORNING: u64 = 1_763_629_200;

struct Rig {
    app: App,
    now: Instant,
    _dir: tempfile::TempDir,
}

impl Rig {
    fn new() -> Rig {
        let dir = tempfile::tempdir().unwrap();
        let entry = Entry {
            origin: Origin::File(PathBuf::from("safety.ron")),
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
        let app = App::with_wall(
            vec![entry],
            paths,
            true,
            Some(1),
            Wall::fixed(jiff::tz::TimeZone::UTC, MORNING),
        );
        Rig {
            app,
            now: Instant::now(),
            _dir: dir,
        }
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app
            .key(KeyEvent::new(code, KeyModifiers::NONE), self.now);
        self
    }

    fn ch(&mut self, c: char) -> &mut Self {
        self.key(KeyCode::Char(c))
    }

    fn after(&mut self, secs: u64) -> &mut Self {
        self.now += Duration::from_secs(secs);
        self.app.tick(self.now);
        self
    }

    /// From home to the first exercise of a session (no questions but the fracture one).
    fn start(&mut self) -> &mut Self {
        self.key(KeyCode::Enter).ch('n');
        assert!(
            matches!(self.app.screen, Screen::Session(_)),
            "not in a session"
        );
        self
    }

    fn events(&self) -> Vec<Event> {
        self.app
            .shared
            .records()
            .iter()
            .map(|r| r.event.clone())
            .collect()
    }

    /// Whether `!` and `q` work in the key table in focus, and the footer says so.
    fn safety_keys(&self, state: &str) {
        let table = self.app.key_table(Rect::new(0, 0, 80, 24));
        for c in ['!', 'q'] {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert!(
                keys::action(&table, &key).is_some(),
                "{state}: {c} does nothing"
            );
        }
        let footer = keys::footer(&table, &Theme::default()).to_string();
        assert!(footer.contains("! red flag"), "{state}: {footer}");
    }

    /// `!` opens the red flags here, and Esc goes back to where it was.
    fn red_flags_open(&mut self, state: &str) {
        self.safety_keys(state);
        let before = std::mem::discriminant(&self.app.screen);
        self.ch('!');
        assert!(
            matches!(self.app.overlay, Some(Overlay::RedFlags(_))),
            "{state}: ! did not open the red flags"
        );
        self.key(KeyCode::Esc);
        assert_eq!(
            std::mem::discriminant(&self.app.screen),
            before,
            "{state}: Esc leaves the screen as it was"
        );
    }
}

#[test]
fn red_flags_and_quit_are_reachable_from_every_screen_and_dialog() {
    let mut r = Rig::new();
    r.red_flags_open("home");
    r.key(KeyCode::Enter);
    r.red_flags_open("readiness");
    r.ch('n');
    r.red_flags_open("get ready");
    r.after(10);
    r.red_flags_open("work");
    r.ch('?');
    r.safety_keys("help");
    r.ch('!');
    assert!(matches!(r.app.overlay, Some(Overlay::RedFlags(_))));
    r.key(KeyCode::Esc);
    r.ch('q');
    assert!(matches!(r.app.overlay, Some(Overlay::ConfirmQuit)));
    r.red_flags_open("quit?");
    // The pain check-in, each of its questions.
    r.ch('p');
    r.safety_keys("check-in: pain");
    r.ch('3').key(KeyCode::Enter);
    r.safety_keys("check-in: dull or sharp");
    r.ch('1');
    r.safety_keys("check-in: where");
    // The red flags over a check-in half answered: none ticked goes back to it, still paused.
    r.ch('!').key(KeyCode::Esc);
    assert!(matches!(
        &r.app.overlay,
        Some(Overlay::CheckIn(c)) if c.step == check_in::Step::Place && c.pain == Some(3)
    ));
    let Screen::Session(run) = &r.app.screen else {
        panic!("not in the session");
    };
    assert!(
        run.engine.is_paused(),
        "the check-in keeps the session paused"
    );
    r.key(KeyCode::Esc).key(KeyCode::Esc).key(KeyCode::Esc);
    assert!(
        r.app.overlay.is_none(),
        "Esc goes back a question at a time"
    );
    // The check-in after the exercise: its effort question too.
    for _ in 0..60 {
        r.after(1);
        if matches!(r.app.overlay, Some(Overlay::CheckIn(_))) {
            break;
        }
        r.key(KeyCode::Enter);
    }
    r.safety_keys("check-in after the exercise");
    r.ch('0').key(KeyCode::Enter);
    r.safety_keys("check-in: effort");
    r.ch('!');
    assert!(matches!(r.app.overlay, Some(Overlay::RedFlags(_))));
    r.key(KeyCode::Esc);
    // Back at the question it was on, the answers so far kept; nothing recorded yet.
    assert!(matches!(
        &r.app.overlay,
        Some(Overlay::CheckIn(c)) if c.step == check_in::Step::Effort && c.pain == Some(0)
    ));
    r.key(KeyCode::Esc);
    assert!(matches!(
        &r.app.overlay,
        Some(Overlay::CheckIn(c)) if c.step == check_in::Step::Pain
    ));
    // Sharp pain: the pain dialog.
    r.ch('7').key(KeyCode::Enter).ch('2').ch('1');
    assert!(matches!(r.app.overlay, Some(Overlay::Pain(_))));
    r.safety_keys("stopped for pain");
    r.ch('q');
    assert!(matches!(r.app.screen, Screen::Summary(_)), "q ends it here");
    r.red_flags_open("summary");
}

#[test]
fn red_flags_ticked_outside_a_session_are_recorded_with_the_advice_of_their_urgency() {
    let mut r = Rig::new();
    r.key(KeyCode::Enter).ch('!').ch('7');
    assert!(
        r.app
            .key_table(Rect::ZERO)
            .iter()
            .any(|b| b.label == "Enter" && b.enabled)
    );
    r.key(KeyCode::Enter);
    let Screen::Stopped(advice) = &r.app.screen else {
        panic!("no advice")
    };
    assert_eq!(advice.urgency, Some(Urgency::Soon));
    assert!(
        advice
            .lines
            .iter()
            .any(|l| l.contains("within the next few days")),
        "{advice:?}"
    );
    assert!(
        advice
            .lines
            .iter()
            .any(|l| l.contains("Saved in your journal"))
    );
    assert!(r.events().iter().any(|e| matches!(
        e,
        Event::RedFlag {
            urgency: Some(Urgency::Soon),
            ..
        }
    )));
    // The next start asks for clearance first.
    r.key(KeyCode::Enter).key(KeyCode::Enter);
    assert!(matches!(
        &r.app.screen,
        Screen::Readiness(x) if matches!(x.step, readiness::ReadyStep::Clearance(_))
    ));
}

#[test]
fn each_urgency_gives_its_own_advice_in_a_session() {
    for (flag, urgency, words) in [
        ('1', Urgency::Emergency, "Call emergency services now"),
        ('6', Urgency::Today, "Contact your doctor today"),
        ('9', Urgency::Soon, "make an appointment"),
    ] {
        let mut r = Rig::new();
        r.start().after(12);
        r.ch('!').ch(flag).key(KeyCode::Enter);
        let Screen::Stopped(advice) = &r.app.screen else {
            panic!("no advice")
        };
        assert_eq!(advice.urgency, Some(urgency));
        assert!(advice.lines.iter().any(|l| l.contains(words)), "{advice:?}");
        assert!(
            advice
                .lines
                .iter()
                .any(|l| l.contains("this red flag and the")
                    || l == "Saved in your journal: this red flag."),
            "what is saved is said: {advice:?}"
        );
    }
}

#[test]
fn sharp_back_pain_in_a_check_in_takes_the_red_flag_path() {
    let mut r = Rig::new();
    r.start().after(12);
    r.ch('p').ch('2').key(KeyCode::Enter).ch('2').ch('2');
    let Screen::Stopped(advice) = &r.app.screen else {
        panic!("not stopped: {:?}", r.app.overlay)
    };
    assert_eq!(advice.urgency, Some(Urgency::Today));
    assert!(advice.lines[0].contains("spine fracture"), "{advice:?}");
    let events = r.events();
    let names: Vec<&str> = events.iter().map(Event::name).collect();
    assert!(
        names.ends_with(&["check_in", "skipped", "red_flag", "session_end"]),
        "{names:?}"
    );
}

#[test]
fn moderate_soreness_is_advised_at_once_and_the_effort_is_never_pre_filled() {
    let mut r = Rig::new();
    r.start();
    for _ in 0..80 {
        r.after(1);
        if matches!(r.app.overlay, Some(Overlay::CheckIn(_))) {
            break;
        }
        r.key(KeyCode::Enter);
    }
    // Enter does nothing until a number is chosen.
    r.key(KeyCode::Enter);
    assert!(matches!(
        &r.app.overlay,
        Some(Overlay::CheckIn(c)) if c.step == check_in::Step::Pain && c.pain.is_none()
    ));
    r.ch('4').key(KeyCode::Enter).ch('1').ch('1');
    let Some(Overlay::CheckIn(c)) = &r.app.overlay else {
        panic!("no effort question")
    };
    assert_eq!((c.step, c.effort), (check_in::Step::Effort, None));
    r.key(KeyCode::Enter);
    assert!(
        matches!(r.app.overlay, Some(Overlay::CheckIn(_))),
        "Enter saves only an effort that was chosen"
    );
    r.ch('1').ch('0').key(KeyCode::Enter);
    let Some(Event::CheckIn {
        pain,
        effort,
        feeling,
        ..
    }) = r
        .events()
        .into_iter()
        .rev()
        .find(|e| matches!(e, Event::CheckIn { .. }))
    else {
        panic!("no check-in")
    };
    assert_eq!((pain, effort), (Some(4), Some(10)), "1 then 0 is ten");
    assert_eq!(feeling, crate::records::journal::Feeling::Sore);
}

/// A session whose sit to stand stopped for sharp pain, ended; and the next morning.
fn after_a_stop() -> Rig {
    let mut r = Rig::new();
    r.start().after(12);
    r.ch('p').ch('6').key(KeyCode::Enter).ch('2').ch('1');
    r.ch('e');
    assert!(matches!(r.app.screen, Screen::Summary(_)));
    let Screen::Summary(run) = &r.app.screen else {
        unreachable!()
    };
    let s = run.engine.summary();
    assert_eq!(s.headline(), "Session ended after pain in Sit to stand.");
    r.key(KeyCode::Enter);
    r.app.shared.wall.set(MORNING + 86_400);
    r.key(KeyCode::Enter);
    // No set was done: the day after is not asked about; the exercise is.
    assert!(matches!(
        &r.app.screen,
        Screen::Readiness(x) if matches!(x.step, readiness::ReadyStep::AfterPain(_))
    ));
    r
}

#[test]
fn after_pain_the_next_session_asks_first_and_can_do_the_easier_variant() {
    let mut r = after_a_stop();
    let Screen::Readiness(x) = &r.app.screen else {
        panic!("no readiness")
    };
    let readiness::ReadyStep::AfterPain(offer) = &x.step else {
        panic!("not asked: {:?}", x.step)
    };
    assert_eq!(offer.stopped, "Sit to stand");
    assert_eq!(
        offer.easier.as_ref().map(|e| e.1.as_str()),
        Some("Sit to stand, hands on the chair")
    );
    r.ch('e');
    assert!(matches!(
        &r.app.screen,
        Screen::Readiness(x) if x.step == readiness::ReadyStep::Fracture
    ));
    r.ch('n');
    let Screen::Session(run) = &r.app.screen else {
        panic!("no session")
    };
    let first = &run.engine.plan().exercises[0];
    assert_eq!(first.exercise.id, "sit-to-stand-with-hands");
    assert!(r.events().iter().any(|e| matches!(
        e,
        Event::AfterPain {
            choice: PainChoice::Easier,
            instead: Some(i),
            ..
        } if i == "sit-to-stand-with-hands"
    )));
}

#[test]
fn after_pain_an_exercise_can_be_left_out_or_done_as_planned_once_assessed() {
    let mut r = after_a_stop();
    r.ch('l').ch('n');
    let Screen::Session(run) = &r.app.screen else {
        panic!("no session")
    };
    let ids: Vec<&str> = run
        .engine
        .plan()
        .exercises
        .iter()
        .map(|e| e.exercise.id.as_str())
        .collect();
    assert_eq!(ids, ["chin-tuck"], "left out");
    r.ch('q').ch('y').key(KeyCode::Enter);
    // Asked again next time (no follow-up: nothing was done), saying it was left out.
    r.key(KeyCode::Enter);
    let Screen::Readiness(x) = &r.app.screen else {
        panic!("no readiness")
    };
    let readiness::ReadyStep::AfterPain(offer) = &x.step else {
        panic!("not asked again: {:?}", x.step)
    };
    assert!(offer.question.left_out);
    r.ch('a').ch('n');
    let Screen::Session(run) = &r.app.screen else {
        panic!("no session")
    };
    assert_eq!(run.engine.plan().exercises[0].exercise.id, "sit-to-stand");
    r.ch('q').ch('y').key(KeyCode::Enter).key(KeyCode::Enter);
    assert!(
        matches!(&r.app.screen, Screen::Readiness(x) if x.step == readiness::ReadyStep::Fracture),
        "assessed: not asked again"
    );
}

#[test]
fn every_red_flag_can_be_reached_at_the_smallest_size() {
    use crate::training::safety::RED_FLAGS;
    let mut r = Rig::new();
    r.start().ch('!');
    let mut all = String::new();
    for _ in 0..RED_FLAGS.len() {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 18)).unwrap();
        t.draw(|f| draw(f, &r.app, r.now)).unwrap();
        let text = t.backend().to_string().replace('"', " ");
        all.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        all.push(' ');
        r.key(KeyCode::Down);
    }
    assert!(all.contains("more below"), "60x18 scrolls: {all}");
    for f in &RED_FLAGS {
        // Its first words (what follows may wrap beside the screen behind the dialog).
        let start: String = f.symptom.chars().take(24).collect();
        assert!(all.contains(&start), "{} never shown", f.symptom);
    }
}
