//! The terminal is given back in a usable state however upright ends: after SIGTERM, SIGHUP,
//! SIGINT and Ctrl-C the pane is in cooked mode with echo, the cursor is visible and the main
//! screen is back. Runs the real binary in tmux; skipped (with a note) without tmux.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

fn tmux(args: &[&str]) -> String {
    let o = Command::new("tmux").args(args).output().unwrap();
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited for {what}"
        );
        sleep(Duration::from_millis(100));
    }
}

/// Starts upright in a shell that records the terminal's settings once it has ended.
fn start(session: &str, dir: &Path) {
    start_with(session, dir, "");
}

fn start_with(session: &str, dir: &Path, env: &str) {
    let _ = tmux(&["kill-session", "-t", session]);
    let script = format!(
        "{env} {} --data-dir {d} --quiet 2> {d}/stderr.txt; stty -a > {d}/stty.txt; sleep 60",
        env!("CARGO_BIN_EXE_upright"),
        d = dir.display()
    );
    tmux(&[
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "90",
        "-y",
        "26",
        "sh",
        "-c",
        &script,
    ]);
    if env.is_empty() {
        wait_until("the home screen", || {
            tmux(&["capture-pane", "-p", "-t", session]).contains("Programs")
        });
        assert_eq!(
            tmux(&["display", "-p", "-t", session, "#{alternate_on}"]),
            "1"
        );
    }
}

fn pid_of(dir: &Path) -> String {
    let o = Command::new("pgrep")
        .args([
            "-n",
            "-f",
            "--",
            &format!("upright --data-dir {}", dir.display()),
        ])
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find(|l| !l.is_empty())
        .map(str::to_owned)
        .expect("upright is running")
}

fn assert_restored(session: &str, dir: &Path, how: &str) {
    let stty = dir.join("stty.txt");
    wait_until(&format!("upright to end after {how}"), || stty.exists());
    sleep(Duration::from_millis(200));
    let settings = std::fs::read_to_string(&stty).unwrap();
    let words: Vec<&str> = settings.split_whitespace().collect();
    assert!(
        words.contains(&"icanon"),
        "{how}: still in raw mode: {settings}"
    );
    assert!(words.contains(&"echo"), "{how}: echo is off: {settings}");
    assert_eq!(
        tmux(&["display", "-p", "-t", session, "#{alternate_on}"]),
        "0",
        "{how}: still on the alternate screen"
    );
    assert_eq!(
        tmux(&["display", "-p", "-t", session, "#{cursor_flag}"]),
        "1",
        "{how}: the cursor is hidden"
    );
    let _ = tmux(&["kill-session", "-t", session]);
}

#[test]
fn signals_and_ctrl_c_restore_the_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("NOTE: tmux is not installed; the terminal restore test did not run");
        return;
    }
    for signal in ["TERM", "HUP", "INT"] {
        let dir = tempfile::tempdir().unwrap();
        let session = format!("upright-restore-{signal}");
        start(&session, dir.path());
        let pid = pid_of(dir.path());
        Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert_restored(&session, dir.path(), &format!("SIG{signal}"));
    }
    let dir = tempfile::tempdir().unwrap();
    start("upright-restore-ctrl-c", dir.path());
    tmux(&["send-keys", "-t", "upright-restore-ctrl-c", "C-c"]);
    assert_restored("upright-restore-ctrl-c", dir.path(), "Ctrl-C");
}

/// A panic (forced by a debug-build switch) still restores the terminal, and the message
/// is printed where a person can read it.
#[test]
fn a_panic_restores_the_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("NOTE: tmux is not installed; the panic restore test did not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    start_with("upright-restore-panic", dir.path(), "UPRIGHT_TEST_PANIC=1");
    assert_restored("upright-restore-panic", dir.path(), "a panic");
    let stderr = std::fs::read_to_string(dir.path().join("stderr.txt")).unwrap();
    assert!(stderr.contains("UPRIGHT_TEST_PANIC"), "{stderr}");
}
