//! Sounds: the tones played through the system's sound player, found at run time
//! (PipeWire's `pw-play`, PulseAudio's `paplay`, ALSA's `aplay`, macOS's `afplay`), one
//! process a tone, started from a thread of its own so a slow start never delays the loop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use super::{Log, find_program, tones};
use crate::training::cues::Tone;

/// The players looked for, in order, with the options they need.
const PLAYERS: [(&str, &[&str]); 4] = [
    ("pw-play", &[]),
    ("paplay", &[]),
    ("aplay", &["-q"]),
    ("afplay", &[]),
];

/// How long the end of a run waits for the last tone to finish.
const FINISH_PLAYING: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    pub program: PathBuf,
    options: &'static [&'static str],
}

impl Player {
    /// The first sound player on the `PATH`.
    pub fn find() -> Option<Player> {
        PLAYERS.iter().find_map(|(name, options)| {
            find_program(name).map(|program| Player { program, options })
        })
    }

    pub fn name(&self) -> String {
        self.program
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    fn command(&self, file: &Path) -> Command {
        let mut c = Command::new(&self.program);
        c.args(self.options)
            .arg(file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    }
}

/// A player with its own thread, and the tone files it plays.
pub struct Sounds {
    player: Player,
    tx: Option<Sender<(Tone, Instant)>>,
    failed: Arc<AtomicBool>,
    finished: Receiver<()>,
}

impl Sounds {
    /// Plays tones from `dir` (already written by `tones::write_all`) with `player`.
    pub fn start(player: Player, dir: PathBuf, log: Option<Arc<Log>>) -> Sounds {
        let (tx, rx) = mpsc::channel::<(Tone, Instant)>();
        let (done, finished) = mpsc::channel();
        let failed = Arc::new(AtomicBool::new(false));
        let (p, f) = (player.clone(), failed.clone());
        std::thread::spawn(move || {
            let mut playing: Vec<Child> = Vec::new();
            for (tone, at) in rx {
                reap(&mut playing, &f, false);
                match p.command(&tones::path(&dir, tone)).spawn() {
                    Ok(child) => {
                        if let Some(log) = &log {
                            log.handed("tone", at, Some(tone), "");
                        }
                        playing.push(child);
                    }
                    Err(_) => f.store(true, Ordering::Relaxed),
                }
            }
            reap(&mut playing, &f, true);
            let _ = done.send(());
        });
        Sounds {
            player,
            tx: Some(tx),
            failed,
            finished,
        }
    }

    pub fn player(&self) -> &Player {
        &self.player
    }

    /// Plays `tone`, due at `at`.
    pub fn play(&self, tone: Tone, at: Instant) {
        if let Some(tx) = &self.tx {
            let _ = tx.send((tone, at));
        }
    }

    /// Whether the player has failed (it could not start, or ended with an error).
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }
}

impl Drop for Sounds {
    /// The last tone finishes (for a moment at most); no player is left behind.
    fn drop(&mut self) {
        self.tx = None;
        let _ = self.finished.recv_timeout(FINISH_PLAYING);
    }
}

/// Forgets the players that have finished (all of them, waiting, when `all`), noting one that
/// ended with an error.
fn reap(playing: &mut Vec<Child>, failed: &AtomicBool, all: bool) {
    playing.retain_mut(|child| {
        let status = if all {
            child.wait().ok()
        } else {
            child.try_wait().ok().flatten()
        };
        match status {
            Some(s) => {
                if !s.success() {
                    failed.store(true, Ordering::Relaxed);
                }
                false
            }
            None => true,
        }
    });
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn fake_player(dir: &Path, body: &str) -> Player {
        use std::os::unix::fs::PermissionsExt;
        let script = dir.join("player");
        std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        Player {
            program: script,
            options: &[],
        }
    }

    #[test]
    fn each_tone_is_handed_to_the_player_as_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let played = dir.path().join("played");
        let player = fake_player(
            dir.path(),
            &format!("echo \"$1\" >> '{}'", played.display()),
        );
        tones::write_all(dir.path()).unwrap();
        let sounds = Sounds::start(player, dir.path().to_path_buf(), None);
        sounds.play(Tone::Start, Instant::now());
        sounds.play(Tone::Count, Instant::now());
        drop(sounds); // waits for both to finish
        let text = std::fs::read_to_string(&played).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.sort_unstable();
        assert_eq!(
            lines,
            vec![
                tones::path(dir.path(), Tone::Count).to_str().unwrap(),
                tones::path(dir.path(), Tone::Start).to_str().unwrap(),
            ]
        );
    }

    #[test]
    fn a_player_that_fails_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let sounds = Sounds::start(
            fake_player(dir.path(), "exit 1"),
            dir.path().to_path_buf(),
            None,
        );
        sounds.play(Tone::Start, Instant::now());
        let deadline = Instant::now() + Duration::from_secs(20);
        // A failure is seen when the next tone is handed over.
        while !sounds.failed() {
            assert!(Instant::now() < deadline, "the failure was never noticed");
            std::thread::sleep(Duration::from_millis(50));
            sounds.play(Tone::Rep, Instant::now());
        }
    }
}
