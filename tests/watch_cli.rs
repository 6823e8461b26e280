//! `upright check --watch`: the real binary, watching a file in a temporary folder, picks up
//! a save and shows the new result; a half-typed file is shown, and the watch goes on.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const GOOD: &str = r#"Program(
    title: "Tiny",
    level: Beginner,
    per_week: 2,
    sessions: [Session(name: "A", blocks: [Block(name: "Main", items: [
        Item(exercise: "sit-to-stand", dose: Reps(sets: 1, reps: 8, rest: 30)),
        Item(exercise: "tandem-stance", dose: Time(secs: 30)),
        Item(exercise: "chin-tuck", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),
    ])])],
)
"#;

/// Kills the watch however the test ends.
struct Watch(Child);

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Everything the child has printed so far, read on a thread so the test never blocks.
fn output_of(child: &mut Child) -> Receiver<String> {
    let mut stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0
                || tx
                    .send(String::from_utf8_lossy(&buf[..n]).into_owned())
                    .is_err()
            {
                break;
            }
        }
    });
    rx
}

/// Waits (up to 20 s) until the output so far contains `text`.
fn wait_for(rx: &Receiver<String>, seen: &mut String, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !seen.contains(text) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(chunk) => seen.push_str(&chunk),
            Err(_) => panic!("`{text}` never appeared; the watch printed:\n{seen}"),
        }
    }
}

#[test]
fn watch_picks_up_a_saved_change() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("program.ron");
    std::fs::write(&file, GOOD).unwrap();
    let mut watch = Watch(
        Command::new(env!("CARGO_BIN_EXE_upright"))
            .args(["check", "--watch", &file.display().to_string()])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the upright binary runs"),
    );
    let rx = output_of(&mut watch.0);
    let mut seen = String::new();
    wait_for(&rx, &mut seen, "checked 1 file: all safe to run");
    wait_for(&rx, &mut seen, "press Ctrl-C to stop");

    // Half-way through typing: shown, not fatal.
    std::fs::write(&file, &GOOD[..25]).unwrap();
    wait_for(&rx, &mut seen, "error[syntax]");

    // Saved with a mistake, then fixed.
    std::fs::write(&file, GOOD.replace("reps: 8", "reps: 0")).unwrap();
    wait_for(&rx, &mut seen, "error[dose-range]");
    std::fs::write(&file, GOOD.replace("reps: 8", "reps: 10")).unwrap();
    let before = seen.matches("all safe to run").count();
    let deadline = Instant::now() + Duration::from_secs(20);
    while seen.matches("all safe to run").count() == before {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(chunk) => seen.push_str(&chunk),
            Err(_) => panic!("the fix was never picked up:\n{seen}"),
        }
    }
    assert!(
        watch.0.try_wait().unwrap().is_none(),
        "the watch is still running"
    );
}
