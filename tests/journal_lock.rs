//! One writer per journal, on the real binary: while one upright runs, a second one on the
//! same data folder says so plainly (which process, which profile), offers only what reads
//! (the history, `check`, `show`), never a resume of the live session, and writes nothing.
//! Another profile is another journal, and runs alongside.
//!
//! Needs tmux; without it the test says so on stderr and does nothing (CI installs tmux).

mod support;

use std::process::Command;

use support::tmux::Tmux;

const PROGRAM: &str = r#"Program(
    title: "Lock Test",
    level: Beginner,
    per_week: 3,
    sessions: [Session(name: "A", blocks: [Block(name: "Main", items: [
        Item(exercise: "tandem-stance", dose: Time(secs: 60, sets: 2)),
    ])])],
)"#;

#[test]
fn a_second_upright_on_a_live_journal_only_reads() {
    if !Tmux::available("the lock test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("p.ron");
    std::fs::write(&program, PROGRAM).unwrap();
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_upright");
    let tmux = Tmux::server("lock");

    // The first one: a session under way (it has no end yet, as a crashed one would not).
    tmux.start(
        "first",
        (100, 30),
        &format!(
            "{bin} --quiet --data-dir {} --profile ann --seed 1 run {}",
            data.display(),
            program.display()
        ),
    );
    tmux.wait_for("first", "Before you start");
    tmux.keys("first", &["n"]);
    tmux.wait_for("first", "GET READY");
    let journal = data.join("profiles/ann/journal.jsonl");
    let before = std::fs::read(&journal).unwrap();
    let pid = tmux.pid("first");

    // `upright run` on the same journal: refused in plain words, nothing written.
    let o = Command::new(bin)
        .args(["--quiet", "--data-dir"])
        .arg(&data)
        .args(["--profile", "ann", "run"])
        .arg(&program)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "Another upright is running on this data folder (process {pid}, profile ann"
        )),
        "{err}"
    );
    assert!(err.contains("upright history"), "{err}");

    // The export reads (read-only) and works.
    let o = Command::new(bin)
        .args(["--data-dir"])
        .arg(&data)
        .args(["--profile", "ann", "history", "--format", "csv"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // The home screen of a second one: it says so, offers no resume, starts no session.
    tmux.start(
        "second",
        (100, 30),
        &format!("{bin} --quiet --data-dir {} --profile ann", data.display()),
    );
    let home = tmux.wait_for("second", "Another upright is running");
    assert!(home.contains("only reads"), "{home}");
    tmux.keys("second", &["Enter"]);
    let screen = tmux.wait_for("second", "No session can start here");
    assert!(!screen.contains("stopped before its end"), "{screen}");
    assert!(!screen.contains("Before you start"), "{screen}");
    tmux.keys("second", &["h"]);
    tmux.wait_for("second", "History");
    tmux.keys("second", &["q"]);
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        before,
        "the second one wrote nothing"
    );

    // Another profile is another journal: it runs alongside.
    tmux.start(
        "bob",
        (100, 30),
        &format!(
            "{bin} --quiet --data-dir {} --profile bob --seed 1 run {}",
            data.display(),
            program.display()
        ),
    );
    tmux.wait_for("bob", "Before you start");

    // Once the first one ends, the lock is free again.
    tmux.keys("first", &["q"]);
    tmux.keys("first", &["C-c"]);
    let lock = data.join("profiles/ann");
    let start = std::time::Instant::now();
    while upright::records::journal::holder_of(&lock).is_some() {
        assert!(
            start.elapsed() < support::tmux::PATIENCE,
            "the lock was never let go"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
