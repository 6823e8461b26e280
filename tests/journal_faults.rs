//! A full disk, for real: the data folder is a tiny tmpfs in a private mount namespace, nearly
//! filled, so the journal fills up in the middle of a session. The coach says plainly that
//! the session is not being saved, never claims a save, keeps what could not be written, and
//! writes it (once, in order) when the disk has room again; when it never has, the events are
//! listed at the end. A journal whose torn last line cannot be moved aside (no room for a side
//! file) still gets every later event on a line of its own.
//!
//! Needs tmux and the rights to make a mount namespace (CI runs as root); without them the
//! tests say so on stderr and do nothing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use support::tmux::{PATIENCE, Tmux, newest_process};
use upright::records::journal::{self, Event};

/// Ten sets of two exercises: more events than a 4 KiB page holds.
const PROGRAM: &str = r#"Program(
    title: "Full Disk",
    level: Beginner,
    per_week: 3,
    sessions: [Session(name: "A", blocks: [Block(name: "Main", items: [
        Item(exercise: "march-on-the-spot", dose: Time(secs: 10, sets: 10)),
        Item(exercise: "tandem-stance", dose: Time(secs: 10, sets: 10)),
    ])])],
)"#;

fn namespaces() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let ok = Command::new("unshare")
        .args([
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs \"$0\"",
            &dir.path().display().to_string(),
        ])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("NOTE: no mount namespace here, so the full-disk tests did NOT run");
    }
    ok
}

struct Disk {
    dir: tempfile::TempDir,
}

impl Disk {
    fn new() -> Disk {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::create_dir(dir.path().join("out")).unwrap();
        std::fs::write(dir.path().join("p.ron"), PROGRAM).unwrap();
        Disk { dir }
    }

    fn at(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A shell command: the data folder a 64 KiB tmpfs with `free` bytes left (after `setup`
    /// ran in it), upright running a session there, and what the journal holds afterwards
    /// copied out (the tmpfs goes with the namespace).
    fn command(&self, setup: &str, free: u64) -> String {
        let data = self.at("data");
        let script = format!(
            "mount -t tmpfs -o size=64k tmpfs {d} && head -c $((65536 - {free})) /dev/zero > {d}/filler; {setup} \
             {bin} --quiet --data-dir {d} --seed 1 run {p} 2> {out}/stderr.txt; \
             cp {d}/journal.jsonl {out}/journal.jsonl; ls {d} > {out}/ls.txt; touch {out}/done; sleep 60",
            d = data.display(),
            bin = env!("CARGO_BIN_EXE_upright"),
            p = self.at("p.ron").display(),
            out = self.at("out").display(),
        );
        format!("unshare -m sh -c '{script}'")
    }

    fn pid(&self) -> String {
        newest_process(&format!(
            "upright --quiet --data-dir {}",
            self.at("data").display()
        ))
    }

    /// The file at `name` in the data folder, as upright sees it (through its namespace).
    fn inside(&self, pid: &str, name: &str) -> PathBuf {
        Path::new("/proc")
            .join(pid)
            .join("root")
            .join(self.at("data").strip_prefix("/").unwrap())
            .join(name)
    }

    fn wait_done(&self) {
        let start = Instant::now();
        while !self.at("out/done").exists() {
            assert!(start.elapsed() < PATIENCE, "upright never ended");
            sleep(Duration::from_millis(100));
        }
    }

    fn events(&self) -> Vec<Event> {
        journal::read(&self.at("out/journal.jsonl"))
            .unwrap()
            .into_iter()
            .map(|r| r.event)
            .collect()
    }
}

/// Goes through the session: every set (Enter ends a wait or a set at once) and both
/// check-ins, until the summary.
fn do_the_session(tmux: &Tmux, name: &str) -> String {
    tmux.wait_for(name, "Before you start");
    tmux.keys(name, &["n"]);
    let start = Instant::now();
    loop {
        let screen = tmux.screen(name);
        if screen.contains("Summary") {
            return screen;
        }
        assert!(start.elapsed() < PATIENCE * 2, "stuck at:\n{screen}");
        if screen.contains("Any pain in that exercise?") {
            // No pain; effort skipped.
            tmux.keys(name, &["0", "Enter"]);
            tmux.wait_for(name, "How hard was it?");
            tmux.keys(name, &["s"]);
        } else {
            tmux.keys(name, &["Enter"]);
        }
        sleep(Duration::from_millis(150));
    }
}

fn sets(events: &[Event]) -> Vec<(String, u32)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::SetDone { item, set, .. } => Some((item.clone(), *set)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_disk_that_fills_mid_session_loses_nothing_and_doubles_nothing_once_it_has_room() {
    if !Tmux::available("the full-disk test") || !namespaces() {
        return;
    }
    let disk = Disk::new();
    let tmux = Tmux::server("full");
    // Two pages free: one for the lock file, one for the journal's first 4 KiB.
    tmux.start("full", (100, 30), &disk.command("", 8192));
    let summary = do_the_session(&tmux, "full");
    assert!(summary.contains("NOT"), "{summary}");
    assert!(!summary.contains("is saved"), "{summary}");
    // Room again: the events kept in memory are written at the next quiet moment (leaving).
    let pid = disk.pid();
    std::fs::remove_file(disk.inside(&pid, "filler")).unwrap();
    tmux.keys("full", &["Enter"]);
    disk.wait_done();
    let stderr = std::fs::read_to_string(disk.at("out/stderr.txt")).unwrap();
    assert!(!stderr.contains("could NOT be saved"), "{stderr}");
    let events = disk.events();
    let done = sets(&events);
    let mut expected = Vec::new();
    for item in ["A / Main / march-on-the-spot", "A / Main / tandem-stance"] {
        for set in 1..=10 {
            expected.push((item.to_owned(), set));
        }
    }
    assert_eq!(done, expected, "every set once, in order");
    assert!(matches!(events[0], Event::SessionStart { .. }));
    assert!(matches!(events.last(), Some(Event::SessionEnd { .. })));
    let text = std::fs::read_to_string(disk.at("out/journal.jsonl")).unwrap();
    assert!(text.ends_with('\n'));
    assert_eq!(
        text.lines().count(),
        events.len(),
        "no half line was left behind"
    );
}

#[test]
fn events_that_never_find_room_are_listed_at_the_end() {
    if !Tmux::available("the full-disk test") || !namespaces() {
        return;
    }
    let disk = Disk::new();
    let tmux = Tmux::server("never");
    tmux.start("never", (100, 30), &disk.command("", 8192));
    let summary = do_the_session(&tmux, "never");
    assert!(summary.contains("NOT"), "{summary}");
    tmux.keys("never", &["Enter"]);
    disk.wait_done();
    let saved = disk.events();
    let stderr = std::fs::read_to_string(disk.at("out/stderr.txt")).unwrap();
    let listed: Vec<&str> = stderr.lines().skip(1).collect();
    assert!(
        stderr.starts_with(&format!(
            "upright: {} event(s) could NOT be saved to the journal",
            listed.len()
        )),
        "{stderr}"
    );
    // What is in the journal and what is listed make the whole session, once each.
    let mut all = saved.clone();
    for line in &listed {
        let r: journal::Record = serde_json::from_str(line).unwrap();
        all.push(r.event);
    }
    assert_eq!(sets(&all).len(), 20, "{stderr}");
    assert!(matches!(all.last(), Some(Event::SessionEnd { .. })));
}

#[test]
fn a_torn_line_that_cannot_be_set_aside_never_swallows_the_next_event() {
    if !Tmux::available("the torn-line test") || !namespaces() {
        return;
    }
    let disk = Disk::new();
    let tmux = Tmux::server("torn");
    let torn = r#"{"at":"2026-11-20T09:00:00Z","run":17951"#;
    // Room for the journal to grow, none for a side file: the folder is full of inodes.
    std::fs::write(disk.at("torn.txt"), torn).unwrap();
    let setup = format!(
        "cp {t} {d}/journal.jsonl && i=0; while touch {d}/f$i 2>/dev/null; do i=$((i+1)); done;",
        t = disk.at("torn.txt").display(),
        d = disk.at("data").display()
    );
    let command = disk
        .command(&setup, 32768)
        .replace("size=64k", "size=64k,nr_inodes=64");
    tmux.start("torn", (100, 30), &command);
    let screen = tmux.wait_for("torn", "could not be set aside");
    assert!(screen.contains("Before you start"), "{screen}");
    tmux.keys("torn", &["n"]);
    tmux.wait_for("torn", "GET READY");
    tmux.keys("torn", &["q"]);
    tmux.wait_for("torn", "End this session now?");
    tmux.keys("torn", &["y"]);
    tmux.wait_for("torn", "Summary");
    tmux.keys("torn", &["Enter"]);
    disk.wait_done();
    let text = std::fs::read_to_string(disk.at("out/journal.jsonl")).unwrap();
    assert!(text.starts_with(&format!("{torn}\n")), "{text}");
    let events = disk.events();
    assert!(
        matches!(events[0], Event::SessionStart { .. }),
        "{events:?}"
    );
    assert!(matches!(events.last(), Some(Event::SessionEnd { .. })));
}
