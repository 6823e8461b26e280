//! A real read-only data folder: the coach says plainly that nothing is being saved, the
//! session still runs to its end, and the summary never claims a save. The folder is a
//! read-only tmpfs in a private mount namespace (root ignores file permissions, and CI runs
//! as root); without the rights for that, a folder without write permission is used instead.

mod support;

use std::process::Command;

use support::tmux::Tmux;

const PROGRAM: &str = r#"Program(
    title: "Read Only",
    level: Beginner,
    per_week: 1,
    sessions: [Session(name: "A", blocks: [Block(name: "B", items: [
        Item(exercise: "tandem-stance-supported", dose: Time(secs: 2)),
    ])])],
)"#;

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
    if !Tmux::available("the read-only journal test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("p.ron");
    std::fs::write(&program, PROGRAM).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let command = format!(
        "{} {} run {} --quiet --data-dir {}",
        read_only(&data),
        env!("CARGO_BIN_EXE_upright"),
        program.display(),
        data.display()
    );
    let tmux = Tmux::server("readonly");
    let s = "readonly";
    tmux.start(s, (100, 30), &command);
    let screen = tmux.wait_for(s, "Readiness check");
    assert!(screen.contains("NOT being saved"), "{screen}");
    tmux.keys(s, &["n", "Enter"]);
    tmux.wait_for(s, "Any pain in that exercise?");
    tmux.keys(s, &["0", "Enter", "s"]);
    let summary = tmux.wait_for(s, "Summary");
    assert!(summary.contains("NOT"), "{summary}");
    assert!(!summary.contains("Everything above is saved"), "{summary}");
    tmux.keys(s, &["Enter"]);
    let _ = Command::new("chmod")
        .args(["755", &data.display().to_string()])
        .status();
    assert_eq!(
        std::fs::read_dir(&data).unwrap().count(),
        0,
        "nothing was written"
    );
}
