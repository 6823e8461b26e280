//! The fault test: the real binary in a real terminal (tmux), killed with SIGKILL in the
//! middle of a session, then started again. Every set and check-in done before the kill must
//! be in the journal, and the new start must offer to resume where it stopped.
//!
//! Needs tmux; without it the test says so on stderr and does nothing, except in CI, where it
//! fails.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::tmux::{PATIENCE, Tmux};

const PROGRAM: &str = r#"Program(
    title: "Kill Test",
    level: Beginner,
    per_week: 3,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "march-on-the-spot", dose: Time(secs: 2, sets: 2)),
                Item(exercise: "tandem-stance", dose: Time(secs: 2, sets: 2)),
                Item(exercise: "shoulder-blade-squeeze", dose: Time(secs: 3, sets: 2)),
            ]),
        ]),
    ],
)"#;

/// The journal's lines of one event kind.
fn lines_of(journal: &Path, event: &str) -> Vec<String> {
    let tag = format!("\"event\":\"{event}\"");
    std::fs::read_to_string(journal)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains(&tag))
        .map(str::to_owned)
        .collect()
}

/// Waits until the journal has at least `n` lines of `event`.
fn wait_for_lines(journal: &Path, event: &str, n: usize) -> Vec<String> {
    let start = Instant::now();
    loop {
        let lines = lines_of(journal, event);
        if lines.len() >= n {
            return lines;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "the journal never had {n} {event} lines: {lines:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_session_killed_with_sigkill_keeps_every_set_and_offers_to_resume() {
    if !Tmux::available("the SIGKILL fault test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("kill.ron");
    std::fs::write(&program, PROGRAM).unwrap();
    let data: PathBuf = dir.path().join("data");
    let journal = data.join("journal.jsonl");
    let command = format!(
        "exec '{}' --quiet --data-dir '{}' --seed 3 run '{}'",
        env!("CARGO_BIN_EXE_upright"),
        data.display(),
        program.display()
    );
    let tmux = Tmux::server("kill");

    // First run: two exercises done and checked in, the third under way.
    tmux.start("first", (100, 30), &command);
    tmux.wait_for("first", "Before you start");
    tmux.keys("first", &["n"]);
    // No pain; then 2/10, dull, in the muscles that worked. Effort skipped both times.
    let answers: [&[&str]; 2] = [&["0", "Enter"], &["2", "Enter", "1", "1"]];
    for (i, answer) in answers.iter().enumerate() {
        tmux.wait_for("first", "GET READY");
        tmux.keys("first", &["Enter"]); // no need to wait out the get-ready countdown
        tmux.wait_for("first", "Any pain in that exercise?");
        tmux.keys("first", answer);
        tmux.wait_for("first", "How hard was it?");
        tmux.keys("first", &["s"]);
        wait_for_lines(&journal, "check_in", i + 1);
    }
    tmux.wait_for("first", "GET READY");
    tmux.keys("first", &["Enter"]);
    let sets = wait_for_lines(&journal, "set_done", 5);
    let check_ins = lines_of(&journal, "check_in");

    let pid = tmux.pid("first");
    assert!(!pid.is_empty(), "no pid for the coach");
    let killed = Command::new("kill").args(["-9", &pid]).status().unwrap();
    assert!(killed.success());

    // Everything done before the kill is there, and the session has no end.
    let after = lines_of(&journal, "set_done");
    assert!(after.len() >= 5, "{after:?}");
    assert_eq!(
        after[..5],
        sets[..5],
        "every set done before the kill is kept"
    );
    assert_eq!(lines_of(&journal, "check_in"), check_ins);
    assert_eq!(check_ins.len(), 2);
    assert!(check_ins[0].contains("\"feeling\":\"fine\""));
    assert!(check_ins[1].contains("\"feeling\":\"mild_ache\""));
    assert!(lines_of(&journal, "session_end").is_empty());
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.ends_with('\n'), "the kill left no torn line");

    // Second run: the offer to resume at the third exercise.
    tmux.start("second", (100, 30), &command);
    let screen = tmux.wait_for("second", "stopped before its end");
    assert!(
        screen.contains("Resume at exercise 3 of 3, Shoulder blade squeeze"),
        "{screen}"
    );
    assert!(screen.contains("r resume"), "{screen}");
    tmux.keys("second", &["r"]);
    tmux.wait_for("second", "Before you start");
    tmux.keys("second", &["n"]);
    let screen = tmux.wait_for("second", "SHOULDER BLADE SQUEEZE");
    assert!(screen.contains("Exercise 3 of 3"), "{screen}");
    let resumed = wait_for_lines(&journal, "resumed", 1);
    let run = |line: &str| {
        line.split("\"run\":")
            .nth(1)
            .and_then(|r| r.split(',').next())
            .map(str::to_owned)
    };
    assert_eq!(run(&resumed[0]), run(&sets[0]), "the same session goes on");

    // It goes on at the first set not done, and no set is done twice.
    tmux.keys("second", &["Enter"]);
    let screen = tmux.wait_for("second", "Set 2 of 2");
    assert!(!screen.contains("Set 1 of 2"), "{screen}");
    tmux.wait_for("second", "Any pain in that exercise?");
    tmux.keys("second", &["0", "Enter", "s"]);
    let summary = tmux.wait_for("second", "Sets done");
    assert!(summary.contains("Sets done: 6 of 6"), "{summary}");
    assert_eq!(lines_of(&journal, "set_done").len(), 6, "every set once");
}
