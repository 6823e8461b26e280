//! End to end: the real binary in tmux, from the home screen through a short program to the
//! summary, then the events in the journal. Skipped (with a note) where tmux is missing.

mod support;

use std::path::Path;

use support::tmux::Tmux;

const PROGRAM: &str = r#"Program(
    title: "Zz End To End",
    level: Beginner,
    per_week: 3,
    sessions: [
        Session(name: "Short", blocks: [
            Block(name: "Main", items: [
                Item(exercise: "tandem-stance-supported", dose: Time(secs: 2)),
                Item(exercise: "chin-tuck", dose: Time(secs: 2)),
            ]),
        ]),
    ],
)"#;

fn journal_events(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("journal.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["event"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn home_to_summary_then_the_journal_has_every_event() {
    if !Tmux::available("the end-to-end session test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let programs = dir.path().join("programs");
    std::fs::create_dir_all(&programs).unwrap();
    std::fs::write(programs.join("e2e.ron"), PROGRAM).unwrap();
    let data = dir.path().join("data");
    let command = format!(
        "XDG_CONFIG_HOME={} {} --programs {} --data-dir {} --quiet",
        dir.path().join("config").display(),
        env!("CARGO_BIN_EXE_upright"),
        programs.display(),
        data.display()
    );
    let tmux = Tmux::server("e2e");
    tmux.start("e2e", (100, 30), &command);
    let wait_for = |text| tmux.wait_for("e2e", text);
    let keys = |keys: &[&str]| tmux.keys("e2e", keys);
    wait_for("Programs");
    // Our program is listed last: Up wraps round to it.
    keys(&["Up"]);
    wait_for("Session Short");
    keys(&["Enter"]);
    wait_for("Readiness check");
    keys(&["n"]);
    wait_for("GET READY");
    keys(&["Enter"]); // no need to wait through get ready
    wait_for("Any pain in that exercise?");
    keys(&["1", "Enter", "1", "1"]); // 1/10, dull, in the muscles that worked
    wait_for("How hard was it?");
    keys(&["7", "Enter"]);
    wait_for("CHIN TUCK");
    keys(&["Enter"]);
    wait_for("Any pain in that exercise?");
    keys(&["0", "Enter", "s"]);
    let summary = wait_for("Session complete");
    assert!(summary.contains("Sets done: 2 of 2"), "{summary}");
    keys(&["Enter"]);
    wait_for("Programs");
    keys(&["q"]);
    let events = journal_events(&data);
    assert_eq!(
        events,
        [
            "session_start",
            "set_done",
            "check_in",
            "set_done",
            "check_in",
            "session_end"
        ],
    );
    let text = std::fs::read_to_string(data.join("journal.jsonl")).unwrap();
    assert!(text.contains("\"effort\":7"), "{text}");
    assert!(text.contains("\"feeling\":\"mild_ache\""), "{text}");
    assert!(text.contains("\"outcome\":\"completed\""), "{text}");
}
