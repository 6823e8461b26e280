//! A private tmux server for the tests that drive the real binary in a real terminal: its own
//! socket (so no other tmux user, and no other test, can end or disturb it), sessions that
//! stay when their command ends, and, when the test is over however it ends (a failed assert
//! included), every process it started ended and the server killed. Where tmux (or another
//! tool a test needs) is missing, the test says so and does nothing, except in CI (`CI` or
//! `UPRIGHT_REQUIRE_TMUX` set), where it fails: a terminal test must never pass unrun there.

use std::collections::HashMap;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long to wait for something to show before failing (a guard, not a measurement).
pub const PATIENCE: Duration = Duration::from_secs(30);

/// An Escape followed at once by another key reaches the program in one read, which a
/// terminal reads as Alt and that key: a pause this long after an Escape keeps them apart.
const AFTER_ESCAPE: Duration = Duration::from_millis(150);

/// Whether this run must have every tool the terminal tests use (`.ci/run` sets
/// `UPRIGHT_REQUIRE_TMUX`; most CI services set `CI`).
pub fn required() -> bool {
    ["UPRIGHT_REQUIRE_TMUX", "CI"]
        .iter()
        .any(|name| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false"))
}

/// Whether `tool` runs (`tool ARG` succeeds). When it does not: a note naming the test when
/// tools are optional, a failure with what to install when they are required.
pub fn tool(tool: &str, arg: &str, package: &str, what: &str) -> bool {
    let ok = Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !required(),
            "{tool} is not installed, so {what} cannot run, and this run requires it \
             (CI or UPRIGHT_REQUIRE_TMUX is set): install {package} (`apt-get install {package}`)"
        );
        eprintln!("NOTE: {tool} is not installed, so {what} did NOT run (CI installs {package})");
    }
    ok
}

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Whether tmux is here (see [`tool`]).
    pub fn available(what: &str) -> bool {
        tool("tmux", "-V", "tmux", what)
    }

    /// A new private server; `label` only makes its socket name readable.
    pub fn server(label: &str) -> Tmux {
        Tmux {
            socket: format!("upright-{label}-{}", std::process::id()),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux runs")
    }

    fn text(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout)
            .trim_end()
            .to_owned()
    }

    /// Starts `command` (run by the shell) in a new `width` x `height` terminal called
    /// `name`. Its pane stays when the command ends, so the server lives between runs.
    pub fn start(&self, name: &str, (width, height): (u16, u16), command: &str) {
        let (w, h) = (width.to_string(), height.to_string());
        let o = self.run(&[
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "-s",
            name,
            command,
            ";",
            "set-option",
            "-t",
            name,
            "remain-on-exit",
            "on",
        ]);
        assert!(
            o.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    /// Types `keys` (tmux key names) into `name`, pausing after an Escape that has more keys
    /// after it so the two are not read as one Alt chord.
    pub fn keys(&self, name: &str, keys: &[&str]) {
        let mut chunks = keys.split_inclusive(|k| *k == "Escape").peekable();
        while let Some(chunk) = chunks.next() {
            let mut args = vec!["send-keys", "-t", name];
            args.extend(chunk);
            self.run(&args);
            if chunks.peek().is_some() {
                std::thread::sleep(AFTER_ESCAPE);
            }
        }
    }

    pub fn screen(&self, name: &str) -> String {
        self.text(&["capture-pane", "-p", "-t", name])
    }

    /// A tmux format of the pane, such as `#{alternate_on}` or `#{pane_pid}`.
    pub fn display(&self, name: &str, format: &str) -> String {
        self.text(&["display", "-p", "-t", name, format])
    }

    pub fn pid(&self, name: &str) -> String {
        self.display(name, "#{pane_pid}")
    }

    pub fn resize(&self, name: &str, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            name,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Waits until the screen shows `text`, and returns the screen once it has settled: a
    /// capture can catch a frame half written (on a loaded machine the terminal takes in a
    /// frame's bytes in more than one read), so the screen is returned only when a second look
    /// a moment later finds the same.
    pub fn wait_for(&self, name: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            if screen.contains(text) {
                std::thread::sleep(Duration::from_millis(40));
                let again = self.screen(name);
                if again == screen || start.elapsed() >= PATIENCE {
                    return again;
                }
                continue;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the screen never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the command in `name` has ended (its terminal is closed), and returns its
    /// exit status, or `signal N` when a signal ended it. tmux learns the status only when it
    /// has reaped the process, and now and then (tmux 3.3) it does not for a long while:
    /// then the status is `None`. A test that needs the status should have the shell print it.
    pub fn wait_for_exit(&self, name: &str) -> Option<String> {
        let start = Instant::now();
        let mut dead_since = None;
        loop {
            let ended = self.display(name, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}");
            match ended.split('|').collect::<Vec<_>>()[..] {
                ["1", status, _] if !status.is_empty() => return Some(status.to_owned()),
                ["1", _, signal] if !signal.is_empty() => return Some(format!("signal {signal}")),
                ["1", ..] => {
                    let since = *dead_since.get_or_insert_with(Instant::now);
                    if since.elapsed() > Duration::from_secs(2) {
                        return None;
                    }
                }
                _ => {}
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the command in {name} never ended; the screen shows:\n{}",
                self.screen(name)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The processes still running in the server's panes, and every process they started.
    fn processes(&self) -> Vec<u32> {
        let panes: Vec<u32> = self
            .text(&["list-panes", "-a", "-F", "#{pane_dead} #{pane_pid}"])
            .lines()
            .filter_map(|l| l.strip_prefix("0 "))
            .filter_map(|pid| pid.trim().parse().ok())
            .collect();
        let children = children();
        let mut all = Vec::new();
        let mut next = panes;
        while let Some(pid) = next.pop() {
            if !all.contains(&pid) {
                all.push(pid);
                next.extend(children.get(&pid).into_iter().flatten());
            }
        }
        all
    }
}

/// Every process's children, from `/proc` (empty where there is no `/proc`).
fn children() -> HashMap<u32, Vec<u32>> {
    let mut map: HashMap<u32, Vec<u32>> = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return map;
    };
    for entry in dir.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse().ok()) else {
            continue;
        };
        // The parent is the second field after the command name, which is in brackets and
        // may itself hold spaces and brackets.
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let parent = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok());
        if let Some(parent) = parent {
            map.entry(parent).or_default().push(pid);
        }
    }
    map
}

fn signal(name: &str, pids: &[u32]) {
    if pids.is_empty() {
        return;
    }
    let _ = Command::new("kill")
        .arg(format!("-{name}"))
        .args(pids.iter().map(u32::to_string))
        .output();
}

fn alive(pid: u32) -> bool {
    // A zombie has ended; only its parent has not yet looked.
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

impl Drop for Tmux {
    /// Ends everything the test started, even when it failed half-way: a program killed
    /// with the server could outlive it (under `script`, which keeps its own terminal open),
    /// so each process is asked to stop (SIGTERM, which the coach answers by restoring the
    /// terminal), then killed if it has not within two seconds.
    fn drop(&mut self) {
        let pids = self.processes();
        signal("TERM", &pids);
        let start = Instant::now();
        while pids.iter().any(|&p| alive(p)) && start.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let left: Vec<u32> = pids.into_iter().filter(|&p| alive(p)).collect();
        signal("KILL", &left);
        self.run(&["kill-server"]);
    }
}

/// The id of the newest process whose program (the first word of its command line, any
/// folder before it) begins `pattern` (empty when none). Anchored, so that the `sh -c` that
/// runs "upright ...; sleep 60" is never taken for upright: started in the same clock tick,
/// it could be the "newest".
pub fn newest_process(pattern: &str) -> String {
    let anchored = format!("^[^ ]*{pattern}");
    let o = Command::new("pgrep")
        .args(["-n", "-f", "--", &anchored])
        .output()
        .expect("pgrep runs");
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}
