//! A private tmux server for the tests that drive the real binary in a real terminal: its own
//! socket (so no other tmux user, and no other test, can end or disturb it), sessions that
//! stay when their command ends, and a kill of the whole server when the test is over,
//! however it ends.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long to wait for something to show before failing (a guard, not a measurement).
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Whether tmux is here; if not, says so (naming the test) so a skip is never silent.
    pub fn available(what: &str) -> bool {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("NOTE: tmux is not installed, so {what} did NOT run (CI installs tmux)");
        }
        ok
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

    pub fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend(keys);
        self.run(&args);
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

    /// Waits until the screen shows `text`, and returns the screen.
    pub fn wait_for(&self, name: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the screen never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

/// The id of the newest process whose command line holds `pattern` (empty when none).
pub fn newest_process(pattern: &str) -> String {
    let o = Command::new("pgrep")
        .args(["-n", "-f", "--", pattern])
        .output()
        .expect("pgrep runs");
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}
