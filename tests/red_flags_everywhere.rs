//! The red flags from every screen: the real binary in a real terminal (tmux, a private server
//! per test) presses `!` on every screen and dialog of `upright run` and of `upright class`,
//! sees the red-flag list, and goes back to where it was. Quit is reachable on each of them
//! too (the key bar names it); the class is recorded in the `--profile`'s journal.
//!
//! Needs tmux; without it the test says so on stderr and does nothing (CI installs tmux).

mod support;

use support::tmux::Tmux;

const PROGRAM: &str = r#"Program(
    title: "Red Flags Everywhere",
    level: Beginner,
    per_week: 2,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "sit-to-stand", dose: Reps(sets: 2, reps: 2, rest: 30, tempo: 3)),
                Item(exercise: "chin-tuck", dose: Time(secs: 3)),
            ]),
        ]),
    ],
)"#;

/// What the personal coach's red-flag list says: its first line, and its last flag (the list
/// is all drawn once that is on screen).
const LIST: &str = "Do you have any of these now?";
const LAST_FLAG: &str = "Palpitations that settle";

/// On screen `at` (shown by `marker`): `!` opens the list, Esc goes back to `back`.
fn red_flags_open(tmux: &Tmux, s: &str, at: &str, marker: &str, back: &str) {
    let screen = tmux.wait_for(s, marker);
    assert!(
        screen.contains("! red flag"),
        "{at}: the key bar offers !\n{screen}"
    );
    tmux.keys(s, &["!"]);
    let list = tmux.wait_for(s, LAST_FLAG);
    assert!(
        list.contains(LIST) && list.contains("I fell"),
        "{at}: {list}"
    );
    tmux.keys(s, &["Escape"]);
    gone(tmux, s, LIST, at);
    tmux.wait_for(s, back);
}

/// Waits until the screen no longer shows `text`.
fn gone(tmux: &Tmux, s: &str, text: &str, at: &str) {
    let start = std::time::Instant::now();
    while tmux.screen(s).contains(text) {
        assert!(
            start.elapsed() < support::tmux::PATIENCE,
            "{at}: {text:?} stays on screen"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn red_flags_open_from_every_screen_of_run() {
    if !Tmux::available("the red-flags-everywhere test of run") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("flags.ron");
    std::fs::write(&program, PROGRAM).unwrap();
    let data = dir.path().join("data");
    let command = format!(
        "exec '{}' --quiet --data-dir '{}' --seed 1 run '{}'",
        env!("CARGO_BIN_EXE_upright"),
        data.display(),
        program.display()
    );
    let tmux = Tmux::server("flags-run");
    let s = "run";
    tmux.start(s, (100, 30), &command);
    red_flags_open(
        &tmux,
        s,
        "readiness",
        "Before you start",
        "Before you start",
    );
    tmux.keys(s, &["n"]);
    red_flags_open(&tmux, s, "get ready", "GET READY", "SIT TO STAND");
    tmux.keys(s, &["Enter"]);
    red_flags_open(&tmux, s, "work", "WORK", "SIT TO STAND");
    // The help and "quit?" dialogs over the session.
    tmux.keys(s, &["?"]);
    red_flags_open(&tmux, s, "help", "pause or resume", "SIT TO STAND");
    tmux.keys(s, &["q"]);
    red_flags_open(&tmux, s, "quit?", "End this session now?", "SIT TO STAND");
    red_flags_open(&tmux, s, "rest", "REST", "SIT TO STAND");
    tmux.keys(s, &["Enter"]); // no need to wait out the rest
    // The check-in after the exercise, at each of its questions.
    red_flags_open(
        &tmux,
        s,
        "check-in: pain",
        "Any pain in that exercise?",
        "Any pain in that exercise?",
    );
    tmux.keys(s, &["3", "Enter"]);
    red_flags_open(
        &tmux,
        s,
        "check-in: dull or sharp",
        "What is it like?",
        // Back at the question it was on, the answer so far kept.
        "3/10 mild. What is it like?",
    );
    // Sharp pain: the exercise stops and says so.
    tmux.keys(s, &["2", "1"]);
    // None ticked: back to the advice after pain, which still asks how to go on.
    red_flags_open(
        &tmux,
        s,
        "stopped for pain",
        "stopped.",
        "Sit to stand: stopped.",
    );
    tmux.keys(s, &["Enter"]);
    tmux.wait_for(s, "Any pain in that exercise?");
    tmux.keys(s, &["0", "Enter"]);
    red_flags_open(
        &tmux,
        s,
        "check-in: effort",
        "How hard was it?",
        "How hard was it?",
    );
    tmux.keys(s, &["s"]);
    let summary = tmux.wait_for(s, "Summary");
    assert!(
        summary.contains("stopped for pain: Sit to stand"),
        "{summary}"
    );
    red_flags_open(&tmux, s, "summary", "Summary", "Summary");
    // Ticked on the summary: recorded, with the advice of its urgency.
    tmux.keys(s, &["!", "1", "Enter"]);
    let advice = tmux.wait_for(s, "Saved in your journal: this red flag");
    assert!(advice.contains("CALL EMERGENCY SERVICES NOW"), "{advice}");
    red_flags_open(
        &tmux,
        s,
        "advice",
        "CALL EMERGENCY SERVICES NOW",
        "CALL EMERGENCY SERVICES NOW",
    );
    tmux.keys(s, &["q"]);
    tmux.wait_for_exit(s);
    let journal = std::fs::read_to_string(data.join("journal.jsonl")).unwrap();
    assert!(
        journal.contains("\"event\":\"red_flag\"") && journal.contains("\"urgency\":\"emergency\""),
        "{journal}"
    );
}

/// What the class's red-flag slide says (plain text at 80x24).
const SLIDE: &str = "Fever or chills with back pain";

/// On the class screen shown by `marker`: `!` puts up the red flags, any key takes them down.
fn class_red_flags(tmux: &Tmux, s: &str, at: &str, marker: &str) {
    tmux.wait_for(s, marker);
    tmux.keys(s, &["!"]);
    let slide = tmux.wait_for(s, SLIDE);
    assert!(slide.contains("q quit"), "{at}: quit is there too\n{slide}");
    assert!(slide.contains("A fall during the class"), "{at}: {slide}");
    tmux.keys(s, &["x"]);
    let start = std::time::Instant::now();
    while tmux.screen(s).contains(SLIDE) {
        assert!(
            start.elapsed() < support::tmux::PATIENCE,
            "{at}: it stays up"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn red_flags_open_from_every_screen_of_class_and_the_class_uses_the_profile() {
    if !Tmux::available("the red-flags-everywhere test of class") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("flags.ron");
    std::fs::write(&program, PROGRAM).unwrap();
    let data = dir.path().join("data");
    let command = format!(
        "exec '{}' --quiet --data-dir '{}' --profile ann --seed 1 class '{}'",
        env!("CARGO_BIN_EXE_upright"),
        data.display(),
        program.display()
    );
    let tmux = Tmux::server("flags-class");
    let s = "class";
    tmux.start(s, (80, 24), &command);
    class_red_flags(&tmux, s, "welcome", "Space start");
    tmux.keys(s, &["Space"]);
    // Running (and paused by the red flags: the keys show).
    class_red_flags(&tmux, s, "running", "EXERCISE 1 OF 2");
    tmux.wait_for(s, "Space resume");
    tmux.keys(s, &["q"]);
    tmux.wait_for(s, "End the class now?");
    tmux.keys(s, &["!"]);
    tmux.wait_for(s, SLIDE);
    tmux.keys(s, &["x"]);
    tmux.wait_for(s, "Space resume");
    // On to the end: the last slide.
    for _ in 0..6 {
        tmux.keys(s, &["n"]);
    }
    class_red_flags(&tmux, s, "finished", "sets done");
    tmux.keys(s, &["q"]);
    tmux.wait_for_exit(s);
    let journal = std::fs::read_to_string(data.join("profiles/ann/journal.jsonl")).unwrap();
    assert!(journal.contains("\"class\":true"), "{journal}");
    assert!(
        !data.join("journal.jsonl").exists(),
        "nothing in the default journal"
    );
}
