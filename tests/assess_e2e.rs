//! End to end: `upright assess` (the real binary in tmux at 80x24): age and sex, a timed up
//! and go on the stopwatch with its result in the journal, then `!` during the balance test
//! shows the red-flag list, and quit leaves with the result kept. Skipped (with a note) where
//! tmux is missing, except in CI.

mod support;

use std::path::Path;

use support::tmux::Tmux;

/// Every line of the journal, as JSON.
fn journal(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("journal.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_assessment_end_to_end_then_the_red_flags_from_a_test() {
    if !Tmux::available("the end-to-end assessment test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let command = format!(
        "XDG_CONFIG_HOME={} {} assess --data-dir {}",
        dir.path().join("config").display(),
        env!("CARGO_BIN_EXE_upright"),
        data.display()
    );
    let tmux = Tmux::server("assess");
    tmux.start("assess", (80, 24), &command);
    let wait_for = |text| tmux.wait_for("assess", text);
    let keys = |keys: &[&str]| tmux.keys("assess", keys);
    wait_for("About you");
    keys(&["7", "4", "m", "Enter"]);
    wait_for("Which tests today?");
    // Only the timed up and go and the balance test.
    keys(&["a", "Down", "Space", "Down", "Space", "Enter"]);
    let setup = wait_for("Set up safely");
    assert!(setup.contains("Timed up and go"), "{setup}");
    assert!(setup.contains("against a wall"), "{setup}");
    keys(&["Enter"]);
    wait_for("TIMING");
    std::thread::sleep(std::time::Duration::from_millis(1200));
    keys(&["Enter"]);
    let result = wait_for("Result");
    assert!(
        result.contains("quicker than most people your age"),
        "a walk of a second or two: {result}"
    );
    assert!(result.contains("not a diagnosis"), "{result}");
    // In the journal the moment it is known: the age and sex, then the result.
    let lines = journal(&data);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["event"], "about_you");
    assert_eq!(lines[0]["age"], 74);
    assert_eq!(lines[0]["sex"], "male");
    assert_eq!(lines[1]["event"], "assessment");
    assert_eq!(lines[1]["test"], "timed_up_and_go");
    let secs = lines[1]["secs"].as_f64().unwrap();
    assert!((1.0..30.0).contains(&secs), "{secs}");
    assert_eq!(lines[0]["run"], lines[1]["run"], "one assessment, one run");

    keys(&["Enter"]);
    wait_for("4-stage balance test");
    keys(&["Enter"]);
    wait_for("Stage 1 of 4");
    keys(&["!"]);
    // Waits for the last thing drawn: a capture can catch a frame half written.
    let flags = wait_for("Chest, jaw or arm pain");
    assert!(flags.contains("Do you have any of these now?"), "{flags}");
    keys(&["Escape"]);
    let back = wait_for("Set up safely");
    assert!(back.contains("4-stage balance test"), "{back}");
    keys(&["q"]);
    wait_for("Quit?");
    keys(&["y"]);
    tmux.wait_for_exit("assess");
    let lines = journal(&data);
    assert_eq!(
        lines.len(),
        2,
        "the balance test was called off, nothing more recorded: {lines:?}"
    );
}
