//! Nothing from a program file, a file name or the journal can put a control byte on the
//! terminal, and no terminal size or resize storm panics the coach. The TUI cases read the
//! raw bytes the binary wrote (through `script` in tmux); skipped with a note without tmux
//! (a failure in CI).

mod support;

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use support::tmux::Tmux;

/// An OSC sequence that would retitle the terminal, and a clear-screen.
const PAYLOAD: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";
const MARK: &[u8] = b"\x1b]0;PWNED";

/// tmux (via the shared rig) and `script`, which keeps the raw bytes.
fn tmux_ok() -> bool {
    Tmux::available("this terminal test")
        && support::tmux::tool("script", "--version", "util-linux", "this terminal test")
}

/// Runs upright with `args` in tmux under `script`, so every byte it writes is kept.
fn run_raw(tmux: &Tmux, session: &str, dir: &Path, args: &str) -> std::path::PathBuf {
    let raw = dir.join("raw.out");
    let cmd = format!(
        "script -q -f -c '{} {args}' {}",
        env!("CARGO_BIN_EXE_upright"),
        raw.display()
    );
    tmux.start(session, (100, 30), &cmd);
    raw
}

const PROGRAM: &str = r#"Program(
    title: "Hostile",
    level: Beginner,
    per_week: 1,
    sessions: [Session(name: "A", blocks: [Block(name: "B", items: [
        Item(exercise: "tandem-stance", dose: Time(secs: 20)),
        Item(exercise: "chin-tuck", dose: Time(secs: 20)),
    ])])],
)"#;

#[test]
fn check_output_never_carries_escapes_from_names_or_text() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join(format!("bad{PAYLOAD}.ron"));
    let text = PROGRAM.replace(
        "title: \"Hostile\"",
        "title: \"Hostile \\u{1b}]0;PWNED\\u{7}\"",
    );
    std::fs::write(&name, text).unwrap();
    let raw_control = dir.path().join("raw.ron");
    std::fs::write(&raw_control, PROGRAM.replace("Hostile", PAYLOAD)).unwrap();
    for format in ["text", "json"] {
        let o = Command::new(env!("CARGO_BIN_EXE_upright"))
            .args(["check", "--format", format])
            .arg(&name)
            .arg(&raw_control)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            assert!(
                !bytes.iter().any(|&b| b == 0x1b || b == 0x07),
                "{format} {stream} has a control byte: {}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

#[test]
fn the_home_screen_and_journal_text_cannot_inject_escapes() {
    if !tmux_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let programs = dir.path().join("programs");
    std::fs::create_dir_all(&programs).unwrap();
    // A file with a hostile name and an error: listed on the home screen with its name.
    std::fs::write(
        programs.join(format!("zz{PAYLOAD}.ron")),
        "Program(title: \"x\")",
    )
    .unwrap();
    // A red flag whose words carry the payload: shown by the readiness check.
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let symptom = serde_json::to_string(&format!("Dizzy{PAYLOAD}")).unwrap();
    std::fs::write(
        data.join("journal.jsonl"),
        format!("{{\"at\":\"2026-11-19T10:00:00Z\",\"run\":1,\"event\":\"red_flag\",\"symptoms\":[{symptom}]}}\n"),
    )
    .unwrap();
    let tmux = Tmux::server("hostile");
    let s = "hostile";
    let raw = run_raw(
        &tmux,
        s,
        dir.path(),
        &format!(
            "--programs {} --data-dir {} --quiet",
            programs.display(),
            data.display()
        ),
    );
    tmux.wait_for(s, "Programs");
    tmux.keys(s, &["Up"]); // the hostile file, listed last
    tmux.wait_for(s, "cannot be run");
    tmux.keys(s, &["Down", "Enter"]); // a bundled program
    tmux.wait_for(s, "Dizzy");
    // Esc goes back home, then q quits; each waits for the screen before it, so the two
    // keys are never read together as Alt-q (which once left the coach running).
    tmux.keys(s, &["Escape"]);
    tmux.wait_for(s, "Programs");
    tmux.keys(s, &["q"]);
    let status = tmux.wait_for_exit(s);
    assert!(matches!(status.as_deref(), Some("0") | None), "{status:?}");
    let bytes = std::fs::read(&raw).unwrap();
    assert!(bytes.len() > 1000, "the screen was drawn");
    assert!(
        !bytes.windows(MARK.len()).any(|w| w == MARK),
        "the payload reached the terminal"
    );
}

#[test]
fn resize_storms_and_tiny_terminals_never_panic() {
    if !tmux_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("p.ron");
    std::fs::write(&program, PROGRAM).unwrap();
    let status = dir.path().join("status");
    let cmd = format!(
        "{} run {} --quiet --data-dir {}; echo $? > {}",
        env!("CARGO_BIN_EXE_upright"),
        program.display(),
        dir.path().join("data").display(),
        status.display()
    );
    let tmux = Tmux::server("resize");
    let s = "resize";
    tmux.start(s, (80, 24), &cmd);
    tmux.wait_for(s, "Readiness check");
    tmux.keys(s, &["n"]);
    tmux.wait_for(s, "GET READY");
    let sizes = [
        (20, 5),
        (200, 60),
        (21, 6),
        (80, 24),
        (59, 17),
        (61, 19),
        (300, 100),
        (1, 1),
        (120, 40),
    ];
    for round in 0..6 {
        for (w, h) in sizes {
            tmux.resize(s, w, h);
            if round == 0 {
                sleep(Duration::from_millis(40));
            }
        }
    }
    tmux.resize(s, 20, 5);
    tmux.wait_for(s, "enlarge");
    tmux.resize(s, 80, 24);
    tmux.wait_for(s, "Exercise 1 of 2");
    tmux.keys(s, &["q", "y"]);
    tmux.wait_for(s, "Summary");
    tmux.keys(s, &["Enter"]);
    let start = Instant::now();
    // The shell creates the file before it writes the status into it.
    while std::fs::read_to_string(&status).is_ok_and(|s| s.trim().is_empty()) || !status.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "upright did not exit"
        );
        sleep(Duration::from_millis(100));
    }
    assert_eq!(std::fs::read_to_string(&status).unwrap().trim(), "0");
}
