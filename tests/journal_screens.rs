//! The screens of the journal's rarer states, driven through the real app with keys and fixed
//! clocks, and snapshot at 80x24 and 200x60: a second upright that only reads, the note about
//! lines left out, and a torn last line that could not be set aside.

mod support;

use std::io::Write;

use ratatui::crossterm::event::KeyCode;
use support::{DAY0, Rig};
use upright::records::journal::{self, Journal};
use upright::tui::Screen;

fn snap(name: &str, rig: &Rig) {
    for (w, h) in [(80, 24), (200, 60)] {
        let screen = rig.screen(w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

#[test]
fn a_second_upright_says_who_holds_the_journal_and_starts_no_session() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Another upright holds the journal's lock, as a first one would.
    let _lock = journal::acquire(&data, None, DAY0).unwrap();
    // The same process id in every run, so the screen is the same.
    std::fs::write(
        data.join(journal::Lock::FILE_NAME),
        r#"{"pid":4242,"since":"2025-11-20T09:00:00Z"}"#,
    )
    .unwrap();
    let mut r = Rig::in_dir(dir, DAY0 + 60);
    assert!(r.app.shared.read_only.is_some());
    snap("read_only_home", &r);
    r.key(KeyCode::Enter);
    assert!(matches!(r.app.screen, Screen::Home), "no session starts");
    snap("read_only_refused", &r);
    r.ch('h');
    assert!(
        matches!(r.app.screen, Screen::History(_)),
        "the history opens"
    );
    assert!(
        !r.journal().exists(),
        "nothing was written, not even an empty journal"
    );
}

#[test]
fn lines_left_out_are_told_once() {
    let mut r = Rig::new();
    r.session(DAY0, '1', '5');
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(r.journal())
        .unwrap();
    writeln!(f, "{{\"event\":\"from_a_newer_upright\"}}").unwrap();
    writeln!(
        f,
        "{{\"at\":\"9999-12-31T00:00:00Z\",\"run\":1,\"event\":\"clearance\"}}"
    )
    .unwrap();
    drop(f);
    let mut r = r.restart(DAY0 + 3600);
    snap("lines_left_out", &r);
    r.key(KeyCode::Down);
    assert!(r.app.shared.notice.is_none());
    let r = r.restart(DAY0 + 7200);
    assert!(
        r.app.shared.notice.is_none(),
        "told once: the snapshot remembers"
    );
}

#[test]
fn a_torn_line_that_could_not_be_set_aside_is_said_plainly() {
    let mut r = Rig::new();
    r.session(DAY0, '1', '5');
    let journal = r.journal();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    f.write_all(b"{\"at\":\"2025-11-20T10:00:00Z\",\"run\":17636")
        .unwrap();
    drop(f);
    // Every side-file name taken (folders block them even for root).
    let name = format!("{}.torn-20251120T100000Z", Journal::FILE_NAME);
    let dir = journal.parent().unwrap().to_path_buf();
    std::fs::create_dir(dir.join(&name)).unwrap();
    for n in 1..=100 {
        std::fs::create_dir(dir.join(format!("{name}-{n}"))).unwrap();
    }
    let r = r.restart(DAY0 + 3600);
    snap("torn_not_set_aside", &r);
    let notice = r.app.shared.notice.clone().unwrap_or_default();
    assert!(notice.contains("could not be set aside"), "{notice}");
}
