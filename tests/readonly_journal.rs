//! A real read-only data folder: the coach says plainly that nothing is being saved, the
//! session still runs to its end, and the summary never claims a save. The folder is a
//! read-only tmpfs in a private mount namespace (root ignores file permissions, and CI runs
//! as root); without the rights for that, a folder without write permission is used instead.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const PROGRAM: &str = r#"Program(
    title: "Read Only",
    level: Beginner,
    per_week: 1,
    sessions: [Session(name: "A", blocks: [Block(name: "B", items: [
        Item(exercise: "tandem-stance-supported", dose: Time(secs: 2)),
    ])])],
)"#;

fn tmux(args: &[&str]) -> String {
    let o = Command::new("tmux").args(args).output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn wait_for(session: &str, text: &str) -> String {
    let start = Instant::now();
    loop {
        let s = tmux(&["capture-pane", "-p", "-t", session]);
        if s.contains(text) {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited for {text:?}:\n{s}"
        );
        sleep(Duration::from_millis(100));
    }
}

/// A shell prefix that makes `dir` read-only for the command after it.
fn read_only(dir: &std::path::Path) -> String {
    let namespace = Command::new("unshare")
        .args([
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o ro tmpfs \"$0\"",
            &dir.display().to_string(),
        ])
        .status()
        .is_ok_and(|s| s.success());
    if namespace {
        format!(
            "unshare -m sh -c 'mount -t tmpfs -o ro tmpfs {} && exec \"$0\" \"$@\"'",
            dir.display()
        )
    } else {
        eprintln!("NOTE: no mount namespace here; using a folder without write permission");
        let _ = Command::new("chmod")
            .args(["555", &dir.display().to_string()])
            .status();
        "env".to_owned()
    }
}

#[test]
fn a_read_only_data_folder_is_said_plainly_and_the_session_still_runs() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("NOTE: tmux is not installed; the read-only journal test did not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("p.ron");
    std::fs::write(&program, PROGRAM).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let command = format!(
        "{} {} run {} --quiet --data-dir {}; sleep 30",
        read_only(&data),
        env!("CARGO_BIN_EXE_upright"),
        program.display(),
        data.display()
    );
    let s = "upright-readonly";
    let _ = tmux(&["kill-session", "-t", s]);
    tmux(&[
        "new-session",
        "-d",
        "-s",
        s,
        "-x",
        "100",
        "-y",
        "30",
        &command,
    ]);
    let screen = wait_for(s, "Readiness check");
    assert!(screen.contains("NOT being saved"), "{screen}");
    tmux(&["send-keys", "-t", s, "n", "Enter"]);
    wait_for(s, "How did that exercise feel?");
    tmux(&["send-keys", "-t", s, "1", "s"]);
    let summary = wait_for(s, "Summary");
    assert!(summary.contains("NOT"), "{summary}");
    assert!(!summary.contains("Everything above is saved"), "{summary}");
    tmux(&["send-keys", "-t", s, "Enter"]);
    let _ = tmux(&["kill-session", "-t", s]);
    let _ = Command::new("chmod")
        .args(["755", &data.display().to_string()])
        .status();
    assert_eq!(
        std::fs::read_dir(&data).unwrap().count(),
        0,
        "nothing was written"
    );
}
