//! What reading a hand-edited, damaged or hostile journal never does, on the real binary:
//! hang on a FIFO, let a control character reach the terminal (CSV, JSON or the screen's
//! text), accept numbers and dates out of bounds, or hold an over-long line whole.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn upright(data: &Path, args: &[&str]) -> Output {
    upright_measured(data, args).0
}

/// Runs upright, and says the most memory it held (KiB, from /proc, where there is one).
fn upright_measured(data: &Path, args: &[&str]) -> (Output, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_upright"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A guard against a hang, not a measurement.
    let start = Instant::now();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("upright {args:?} never ended");
        }
        // VmHWM: the most resident memory so far (a zombie has none, so keep the last seen).
        if let Some(kib) = std::fs::read_to_string(&status).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        }) {
            peak = peak.max(kib);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (child.wait_with_output().unwrap(), peak)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const START: &str = r#"{"at":"2026-11-18T09:00:00Z","run":1795424400000,"event":"session_start","program":"P","source":"p","session":"A","seed":7,"items":["A / B / wall-push-up"]}"#;

fn check_in(effort: u32) -> String {
    format!(
        r#"{{"at":"2026-11-18T09:03:00Z","run":1795424400000,"event":"check_in","item":"A / B / wall-push-up","exercise":"wall-push-up","feeling":"sharp","effort":{effort}}}"#
    )
}

fn data_with(lines: &[String]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(data.join("journal.jsonl"), text).unwrap();
    (dir, data)
}

#[cfg(unix)]
#[test]
fn a_fifo_at_the_journal_path_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let made = Command::new("mkfifo")
        .arg(data.join("journal.jsonl"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("NOTE: no mkfifo here; the FIFO test did not run");
        return;
    }
    for format in ["csv", "json"] {
        let o = upright(&data, &["history", "--format", format]);
        assert_eq!(o.status.code(), Some(2));
        let err = text(&o.stderr);
        assert!(err.contains("not a regular file"), "{err}");
    }
}

#[test]
fn control_characters_in_the_journal_never_reach_the_output() {
    // A program title carrying an OSC 52 clipboard write and a C1 CSI, as a hand edit could.
    let evil = START.replace(
        "\"program\":\"P\"",
        "\"program\":\"\\u001b]52;c;ZWNobyBwd25lZA==\\u0007Evil\\u009b2J\\u007f\"",
    );
    let set = r#"{"at":"2026-11-18T09:01:00Z","run":1795424400000,"event":"set_done","item":"A / B / wall-push-up","exercise":"wall-push-up\u001b[31m","set":1,"level":0,"dose":{"Reps":{"sets":1,"reps":8,"rest":0}}}"#;
    let (_dir, data) = data_with(&[evil, set.to_owned()]);
    for format in ["csv", "json"] {
        let o = upright(&data, &["history", "--format", format]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(out.contains("Evil"), "{out}");
        for c in out.chars() {
            assert!(
                c == '\n' || !(c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)),
                "{format}: a control character {:?} got through: {out}",
                c
            );
        }
        assert!(
            !out.contains("\\u001b") && !out.contains("\\u0007"),
            "{out}"
        );
    }
}

#[test]
fn numbers_and_dates_out_of_bounds_are_left_out_or_dropped() {
    let far = START
        .replace("2026-11-18", "9999-12-31")
        .replace("1795424400000", "253402214400000");
    let wrap = START.replace("1795424400000", "18446744073709551615");
    let (_dir, data) = data_with(&[START.to_owned(), check_in(255), check_in(7), far, wrap]);
    let o = upright(&data, &["history", "--format", "csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    // The session's start and its two check-ins (the export has a row for every event).
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows[0].contains(",session_start,"), "{}", rows[0]);
    // feeling, its words, effort, response.
    assert!(
        rows[1].contains(",4,\"Sharp, stabbing or shooting pain\",,stop,"),
        "an effort of 255 is dropped, the sharp pain kept: {}",
        rows[1]
    );
    assert!(
        rows[2].contains(",4,\"Sharp, stabbing or shooting pain\",7,stop,"),
        "{}",
        rows[2]
    );
    let err = text(&o.stderr);
    assert!(
        err.contains("2 line(s) are dated after tomorrow or name an impossible run id"),
        "{err}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_over_long_line_is_skipped_without_being_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let mut f = std::fs::File::create(data.join("journal.jsonl")).unwrap();
    writeln!(f, "{START}").unwrap();
    // A red flag with a 100 MB note: valid JSON, far over the limit of a record.
    write!(
        f,
        r#"{{"at":"2026-11-18T09:02:00Z","run":1795424400000,"event":"red_flag","symptoms":[""#
    )
    .unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..100 {
        f.write_all(&chunk).unwrap();
    }
    writeln!(f, r#""]}}"#).unwrap();
    writeln!(f, "{}", check_in(5)).unwrap();
    drop(f);
    let (o, peak) = upright_measured(&data, &["history", "--format", "csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(
        rows.len(),
        2,
        "the session's start, and the check-in after it: {out}"
    );
    assert!(
        rows[1].contains(",check_in,"),
        "the check-in after it is read: {out}"
    );
    let err = text(&o.stderr);
    assert!(err.contains("1 line(s) are longer than 64 KiB"), "{err}");
    assert!(
        peak < 40 * 1024,
        "reading a journal with a 100 MB line took {peak} KiB at its peak"
    );
}
