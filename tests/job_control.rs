//! Job control and signals on the real binary in a real terminal (tmux, a private server):
//! Ctrl-Z and `kill -TSTP` give the terminal back with the countdown paused, `fg` takes it
//! again and waits for a key; a SIGSTOP it never saw is noticed at SIGCONT; every ending
//! signal restores the terminal and exits with 128 + its number.
//!
//! Needs tmux and bash; without them the tests say so on stderr and do nothing (CI installs
//! tmux).

mod support;

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use support::tmux::{PATIENCE, Tmux, newest_process};

const PROGRAM: &str = r#"Program(
    title: "Stop Test",
    level: Beginner,
    per_week: 3,
    sessions: [Session(name: "A", blocks: [Block(name: "Main", items: [
        Item(exercise: "tandem-stance", dose: Time(secs: 90, sets: 2)),
    ])])],
)"#;

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < PATIENCE, "waited for {what}");
        sleep(Duration::from_millis(100));
    }
}

/// The countdown's big digits as the screen shows them.
fn shown(tmux: &Tmux, name: &str) -> String {
    let screen = tmux.screen(name);
    screen
        .lines()
        .filter(|l| l.contains('█') || l.contains('▀') || l.contains('▄'))
        .take(4)
        .collect::<Vec<_>>()
        .join("\n")
}

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("p.ron"), PROGRAM).unwrap();
        Setup { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The command that runs a session of the program straight away.
    fn upright(&self) -> String {
        format!(
            "{} --quiet --data-dir {d}/data --seed 1 run {d}/p.ron",
            env!("CARGO_BIN_EXE_upright"),
            d = self.path().display()
        )
    }

    fn pid(&self) -> String {
        newest_process(&format!(
            "upright --quiet --data-dir {}/data",
            self.path().display()
        ))
    }

    fn sets_done(&self) -> usize {
        std::fs::read_to_string(self.path().join("data/journal.jsonl"))
            .unwrap_or_default()
            .matches("\"set_done\"")
            .count()
    }
}

/// Starts the session in `name` and waits for its countdown to run.
fn into_the_countdown(tmux: &Tmux, name: &str) {
    tmux.wait_for(name, "Before you start");
    tmux.keys(name, &["n"]);
    tmux.wait_for(name, "GET READY");
    tmux.keys(name, &["Enter"]);
    tmux.wait_for(name, "Set 1 of 2");
}

/// Waits for the countdown to tick, and returns what it shows just after: the next tick is
/// then most of a second away.
fn just_ticked(tmux: &Tmux, name: &str) -> String {
    let first = shown(tmux, name);
    let start = Instant::now();
    loop {
        let now = shown(tmux, name);
        if now != first {
            return now;
        }
        assert!(start.elapsed() < PATIENCE, "the countdown never ticked");
        sleep(Duration::from_millis(30));
    }
}

fn bash_available() -> bool {
    Command::new("bash")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_comes_back_paused() {
    if !Tmux::available("the Ctrl-Z test") || !bash_available() {
        return;
    }
    let s = Setup::new();
    let tmux = Tmux::server("ctrlz");
    // An interactive shell, so there is job control to stop into.
    tmux.start("z", (100, 30), "bash --norc --noprofile -i");
    tmux.keys("z", &[&s.upright(), "Enter"]);
    into_the_countdown(&tmux, "z");
    let before = just_ticked(&tmux, "z");
    tmux.keys("z", &["C-z"]);
    tmux.wait_for("z", "Stopped");
    assert_eq!(
        tmux.display("z", "#{alternate_on}"),
        "0",
        "main screen back"
    );
    assert_eq!(tmux.display("z", "#{cursor_flag}"), "1", "cursor shown");
    // The shell works as usual meanwhile: cooked mode, with echo.
    tmux.keys(
        "z",
        &[
            "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' +",
            "Enter",
        ],
    );
    tmux.wait_for("z", "echo+icanon+");
    // Long enough that a countdown left running would show it.
    sleep(Duration::from_secs(4));
    tmux.keys("z", &["fg", "Enter"]);
    let screen = tmux.wait_for("z", "press any key to go on");
    assert_eq!(tmux.display("z", "#{alternate_on}"), "1");
    assert!(screen.contains("PAUSED"), "{screen}");
    sleep(Duration::from_millis(1500));
    assert_eq!(
        shown(&tmux, "z"),
        before,
        "the countdown waits for a key after fg"
    );
    assert_eq!(s.sets_done(), 0, "no set was recorded while stopped");
    tmux.keys("z", &["x"]);
    wait_until("the countdown to go on", || shown(&tmux, "z") != before);
    assert!(!tmux.screen("z").contains("press any key"));
    // Keys arrive one at a time again (raw mode): q opens the quit dialog at once.
    tmux.keys("z", &["q"]);
    tmux.wait_for("z", "End this session now?");
    tmux.keys("z", &["y"]);
    tmux.wait_for("z", "Summary");
    tmux.keys("z", &["Enter"]);
    // Upright's own key reader must be gone before the shell is typed to.
    wait_until("upright to end", || s.pid().is_empty());
    tmux.keys("z", &["echo status=$?", "Enter"]);
    tmux.wait_for("z", "status=0");
}

#[test]
fn sigtstp_from_outside_stops_cleanly_and_sigstop_is_noticed_at_sigcont() {
    if !Tmux::available("the SIGTSTP test") || !bash_available() {
        return;
    }
    let s = Setup::new();
    let tmux = Tmux::server("tstp");
    tmux.start("t", (100, 30), "bash --norc --noprofile -i");
    tmux.keys("t", &[&s.upright(), "Enter"]);
    into_the_countdown(&tmux, "t");
    let pid = s.pid();
    assert!(!pid.is_empty());
    Command::new("kill").args(["-TSTP", &pid]).status().unwrap();
    tmux.wait_for("t", "Stopped");
    assert_eq!(tmux.display("t", "#{alternate_on}"), "0");
    tmux.keys("t", &["fg", "Enter"]);
    tmux.wait_for("t", "press any key to go on");
    tmux.keys("t", &["x"]);
    wait_until("the note to go", || {
        !tmux.screen("t").contains("press any key")
    });
    tmux.keys("t", &["q"]);
    tmux.wait_for("t", "End this session now?");
    tmux.keys("t", &["y"]);
    tmux.wait_for("t", "Summary");

    // No shell this time: SIGSTOP cannot be caught, so the terminal is taken again at
    // SIGCONT, and the countdown stands where it was when upright was stopped.
    let s = Setup::new();
    tmux.start("s", (100, 30), &format!("{}; sleep 60", s.upright()));
    into_the_countdown(&tmux, "s");
    let pid = s.pid();
    Command::new("kill").args(["-STOP", &pid]).status().unwrap();
    sleep(Duration::from_millis(300));
    let before = shown(&tmux, "s");
    sleep(Duration::from_secs(4));
    Command::new("kill").args(["-CONT", &pid]).status().unwrap();
    tmux.wait_for("s", "press any key to go on");
    let after = shown(&tmux, "s");
    assert_eq!(after, before, "the time stopped is not counted");
    assert_eq!(s.sets_done(), 0);
    tmux.keys("s", &["x"]);
    wait_until("the countdown to go on", || shown(&tmux, "s") != after);
}

/// Runs upright's home screen in a shell that writes its exit status and the terminal's
/// settings once it has ended.
fn start_home(tmux: &Tmux, name: &str, dir: &Path) {
    let script = format!(
        "{} --data-dir {d}/data --quiet 2> {d}/stderr.txt; echo $? > {d}/status.txt; stty -a > {d}/stty.txt; sleep 60",
        env!("CARGO_BIN_EXE_upright"),
        d = dir.display()
    );
    tmux.start(name, (90, 26), &script);
    tmux.wait_for(name, "Programs");
}

#[test]
fn every_ending_signal_restores_the_terminal_with_the_conventional_status() {
    if !Tmux::available("the exit status test") {
        return;
    }
    let tmux = Tmux::server("status");
    for (signal, status) in [
        ("INT", 130),
        ("HUP", 129),
        ("QUIT", 131),
        ("TERM", 143),
        ("USR1", 138),
        ("USR2", 140),
        ("PIPE", 141),
        ("ALRM", 142),
    ] {
        let dir = tempfile::tempdir().unwrap();
        start_home(&tmux, signal, dir.path());
        let pid = newest_process(&format!("upright --data-dir {}/data", dir.path().display()));
        Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        let stty = dir.path().join("stty.txt");
        wait_until(&format!("upright to end after SIG{signal}"), || {
            stty.exists()
        });
        sleep(Duration::from_millis(200));
        let got = std::fs::read_to_string(dir.path().join("status.txt")).unwrap();
        assert_eq!(got.trim(), status.to_string(), "SIG{signal}");
        let settings = std::fs::read_to_string(&stty).unwrap();
        let words: Vec<&str> = settings.split_whitespace().collect();
        assert!(
            words.contains(&"icanon") && words.contains(&"echo"),
            "SIG{signal}: {settings}"
        );
        assert_eq!(tmux.display(signal, "#{alternate_on}"), "0", "SIG{signal}");
        assert_eq!(tmux.display(signal, "#{cursor_flag}"), "1", "SIG{signal}");
    }
    // Ctrl-C, a key in raw mode, ends as SIGINT would.
    let dir = tempfile::tempdir().unwrap();
    start_home(&tmux, "ctrl-c", dir.path());
    tmux.keys("ctrl-c", &["C-c"]);
    let status = dir.path().join("status.txt");
    wait_until("upright to end after Ctrl-C", || {
        std::fs::read_to_string(&status).is_ok_and(|s| !s.is_empty())
    });
    assert_eq!(std::fs::read_to_string(&status).unwrap().trim(), "130");
}
