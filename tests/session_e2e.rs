//! End to end: the real binary in tmux, from the home screen through a short program to the
//! summary, then the events in the journal. Skipped (with a note) where tmux is missing.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

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

pub struct Tmux {
    name: String,
}

impl Tmux {
    pub fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    pub fn start(name: &str, w: u16, h: u16, command: &str) -> Tmux {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", name])
            .output();
        let ok = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                command,
            ])
            .status()
            .unwrap()
            .success();
        assert!(ok, "tmux could not start");
        Tmux { name: name.into() }
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            Command::new("tmux")
                .args(["send-keys", "-t", &self.name, k])
                .status()
                .unwrap();
            sleep(Duration::from_millis(150));
        }
    }

    pub fn screen(&self) -> String {
        let o = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Waits until the screen shows `text` (a generous limit: this is not a timing test).
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "waited for {text:?}; the screen shows:\n{s}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .output();
    }
}

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
    if !Tmux::available() {
        eprintln!("NOTE: tmux is not installed; the end-to-end session test did not run");
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
    let t = Tmux::start("upright-e2e", 100, 30, &command);
    t.wait_for("Programs");
    // Our program is listed last: Up wraps round to it.
    t.keys(&["Up"]);
    t.wait_for("Session Short");
    t.keys(&["Enter"]);
    t.wait_for("Readiness check");
    t.keys(&["n"]);
    t.wait_for("GET READY");
    t.keys(&["Enter"]); // no need to wait through get ready
    t.wait_for("How did that exercise feel?");
    t.keys(&["1"]);
    t.wait_for("How hard was it?");
    t.keys(&["7", "Enter"]);
    t.wait_for("CHIN TUCK");
    t.keys(&["Enter"]);
    t.wait_for("How did that exercise feel?");
    t.keys(&["2", "s"]);
    let summary = t.wait_for("Session complete");
    assert!(summary.contains("Sets done: 2 of 2"), "{summary}");
    t.keys(&["Enter"]);
    t.wait_for("Programs");
    t.keys(&["q"]);
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
