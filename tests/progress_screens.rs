//! Progression, the next-day follow-up, resuming a session that stopped without an end, and
//! the banners for bad data: driven through the real app with keys and fixed clocks, and
//! snapshot at 80x24 and 200x60.

mod support;

use ratatui::crossterm::event::KeyCode;
use support::{DAY, DAY0, Rig};
use upright::records::journal::{Event, NextDay, Outcome};
use upright::tui::Screen;
use upright::tui::coach::readiness::ReadyStep;

fn snap(name: &str, rig: &Rig) {
    for (w, h) in [(80, 24), (200, 60)] {
        let screen = rig.screen(w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

fn step(r: &Rig) -> Option<ReadyStep> {
    match &r.app.screen {
        Screen::Readiness(r) => Some(r.step.clone()),
        _ => None,
    }
}

#[test]
fn two_clean_sessions_grow_the_dose_shown_on_home() {
    let mut r = Rig::new();
    r.session(DAY0, '1', '5').session(DAY0 + 2 * DAY, '2', '6');
    r.app.shared.wall.set(DAY0 + 4 * DAY);
    snap("home_progressed", &r);
    // And the session itself runs at today's dose: 9 reps of sit to stand, not 8.
    r.key(KeyCode::Enter).through_readiness('1', 'd');
    let Screen::Session(run) = &r.app.screen else {
        panic!("not in a session");
    };
    let first = &run.engine.plan().exercises[0];
    assert_eq!((first.level, first.dose.reps()), (1, Some(9)));
}

#[test]
fn the_next_day_question_comes_once_and_worse_steps_back() {
    let mut r = Rig::new();
    r.session(DAY0, '1', '5').session(DAY0 + 2 * DAY, '1', '5');
    // Same day, a few hours later: not asked.
    r.app.shared.wall.set(DAY0 + 2 * DAY + 3 * 3600);
    r.key(KeyCode::Enter);
    assert_eq!(step(&r), Some(ReadyStep::Fracture));
    r.key(KeyCode::Esc);
    // The next morning: asked.
    r.app.shared.wall.set(DAY0 + 3 * DAY);
    r.key(KeyCode::Enter);
    assert!(matches!(step(&r), Some(ReadyStep::FollowUp { .. })));
    snap("follow_up", &r);
    r.ch('4');
    snap("follow_up_worse", &r);
    let last_run = r
        .records()
        .iter()
        .rev()
        .find_map(|rec| matches!(rec.event, Event::SessionStart { .. }).then_some(rec.run))
        .unwrap();
    assert!(r.events().contains(&Event::FollowUp {
        about: last_run,
        answer: NextDay::Worse
    }));
    r.ch('n');
    let Screen::Session(run) = &r.app.screen else {
        panic!("not in a session");
    };
    // Level 1 was due after two clean sessions; worse the next day: back to 0.
    assert!(run.engine.plan().exercises.iter().all(|e| e.level == 0));
    // Asked once: the next start does not ask again.
    r.ch('q').ch('y').key(KeyCode::Enter).key(KeyCode::Enter);
    assert_eq!(step(&r), Some(ReadyStep::Fracture));
}

/// Starts a session and does its first exercise (two sets and the check-in) and one set of
/// the second, then "kills" the app: nothing more is written.
fn killed_mid_session() -> Rig {
    let mut r = Rig::new();
    r.key(KeyCode::Enter).ch('n');
    r.key(KeyCode::Enter); // get ready
    r.key(KeyCode::Enter); // set 1
    r.key(KeyCode::Enter); // rest
    r.key(KeyCode::Enter); // set 2
    r.check_in('2', '6'); // check-in
    r.key(KeyCode::Enter); // get ready
    r.at(0.0);
    assert!(matches!(r.app.screen, Screen::Session(_)));
    r.restart(DAY0 + 1800)
}

#[test]
fn a_session_killed_mid_way_is_offered_for_resuming() {
    let mut r = killed_mid_session();
    let before = r.records();
    assert_eq!(
        before
            .iter()
            .filter(|x| matches!(x.event, Event::SetDone { .. }))
            .count(),
        2
    );
    r.key(KeyCode::Enter);
    let Some(ReadyStep::Resume(offer)) = step(&r) else {
        panic!("no resume offer: {:?}", step(&r));
    };
    assert_eq!(offer.unfinished.resume_at, 1);
    snap("resume_offer", &r);
    r.ch('r');
    assert_eq!(step(&r), Some(ReadyStep::Fracture));
    r.ch('n');
    let Screen::Session(run) = &r.app.screen else {
        panic!("not in a session");
    };
    // The same run, from the second exercise, with the same picks.
    assert_eq!(run.id, before[0].run);
    assert_eq!(run.engine.exercise().unwrap().exercise.id, "wall-push-up");
    assert_eq!(
        r.records().last().unwrap().event,
        Event::Resumed { exercise: 1 }
    );
}

#[test]
fn a_discarded_session_is_recorded_as_abandoned() {
    let mut r = killed_mid_session();
    let run = r.records()[0].run;
    r.key(KeyCode::Enter).ch('d');
    assert_eq!(step(&r), Some(ReadyStep::Fracture));
    let last = r.records().pop().unwrap();
    assert_eq!(last.run, run);
    assert_eq!(
        last.event,
        Event::SessionEnd {
            outcome: Outcome::Abandoned
        }
    );
    // A new session, a new run id.
    r.ch('n');
    let Screen::Session(new) = &r.app.screen else {
        panic!("not in a session");
    };
    assert_ne!(new.id, run);
}

#[test]
fn discarding_yesterday_s_stopped_session_still_asks_about_the_day_after_it() {
    let r = killed_mid_session();
    let run = r.records()[0].run;
    let mut r = r.restart(DAY0 + DAY);
    r.key(KeyCode::Enter);
    let Some(ReadyStep::Resume(offer)) = step(&r) else {
        panic!("no resume offer: {:?}", step(&r));
    };
    assert_eq!(offer.when, "yesterday at 09:00");
    r.ch('d');
    match step(&r) {
        Some(ReadyStep::FollowUp { about, .. }) => assert_eq!(about, run),
        other => panic!("no follow-up: {other:?}"),
    }
}

#[test]
fn an_unwritable_journal_is_said_plainly_and_the_session_still_runs() {
    let dir = tempfile::tempdir().unwrap();
    // The data folder is a file: nothing can be created in it.
    std::fs::write(dir.path().join("data"), "").unwrap();
    let mut r = Rig::in_dir(dir, DAY0);
    r.key(KeyCode::Enter).ch('n');
    assert!(matches!(r.app.screen, Screen::Session(_)));
    r.at(16.0).ch('q');
    snap("unsaved_confirm_quit", &r);
    r.ch('y');
    snap("unsaved_summary", &r);
}

#[test]
fn a_full_disk_mid_session_is_never_shown_as_saved() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("note: no /dev/full here; the full-disk session test did not run");
        return;
    }
    let mut r = Rig::new();
    r.session(DAY0, '1', '5');
    let journal = r.journal();
    std::fs::remove_file(&journal).unwrap();
    std::os::unix::fs::symlink("/dev/full", &journal).unwrap();
    let mut r = r.restart(DAY0 + DAY);
    r.session(DAY0 + DAY, '1', '5');
    // The summary was left; the banner stays on home.
    let home = r.screen(80, 24);
    assert!(home.contains("NOT being saved"), "{home}");
}

#[test]
fn a_torn_journal_is_repaired_and_told_once() {
    let mut r = Rig::new();
    r.session(DAY0, '1', '5');
    let journal = r.journal();
    let mut text = std::fs::read(&journal).unwrap();
    let whole = text.len();
    text.extend_from_slice(b"{\"at\":\"2025-11-20T10:00:00Z\",\"run\":17636");
    std::fs::write(&journal, &text).unwrap();
    let mut r = r.restart(DAY0 + DAY);
    snap("torn_notice", &r);
    assert_eq!(std::fs::metadata(&journal).unwrap().len() as usize, whole);
    r.key(KeyCode::Down);
    assert!(r.app.shared.notice.is_none(), "told once");
    let r = r.restart(DAY0 + DAY);
    assert!(r.app.shared.notice.is_none(), "and not again");
}
