//! Sounds: the tones played through the system's sound player, found at run time
//! (PipeWire's `pw-play`, PulseAudio's `paplay`, ALSA's `aplay`, macOS's `afplay`), one
//! process a tone, started from a thread of its own so a slow start never delays the loop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::log::Log;
use super::programs::find_program;
use super::tones;
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

/// What went wrong with the sounds, said once on screen.
type Problem = Arc<Mutex<Option<String>>>;

/// A player with its own thread, and the tone files it plays.
pub struct Sounds {
    player: Player,
    tx: Option<Sender<(Tone, Instant)>>,
    problem: Problem,
    finished: Receiver<()>,
}

impl Sounds {
    /// Plays tones with `player`, from the files its thread first writes into the first of
    /// `dirs` that takes them.
    pub fn start(player: Player, dirs: Vec<PathBuf>, log: Option<Arc<Log>>) -> Sounds {
        let (tx, rx) = mpsc::channel::<(Tone, Instant)>();
        let (done, finished) = mpsc::channel();
        let problem: Problem = Arc::default();
        let (p, said) = (player.clone(), problem.clone());
        std::thread::spawn(move || {
            let note = |why: String| {
                if let Ok(mut slot) = said.lock() {
                    slot.get_or_insert(why);
                }
            };
            match write_tones(&dirs) {
                Ok(dir) => play_all(&p, &dir, rx, log.as_deref(), &note),
                Err(e) => note(format!("The tones could not be written ({e})")),
            }
            let _ = done.send(());
        });
        Sounds {
            player,
            tx: Some(tx),
            problem,
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

    /// What went wrong, once something has: the tones could not be written, or the player
    /// could not start or ended with an error.
    pub fn problem(&self) -> Option<String> {
        self.problem.lock().ok().and_then(|p| p.clone())
    }
}

impl Drop for Sounds {
    /// The last tone finishes (for a moment at most); no player is left behind.
    fn drop(&mut self) {
        self.tx = None;
        let _ = self.finished.recv_timeout(FINISH_PLAYING);
    }
}

/// The player's thread: one process a tone, until the sender is dropped.
fn play_all(
    player: &Player,
    dir: &Path,
    rx: Receiver<(Tone, Instant)>,
    log: Option<&Log>,
    note: &dyn Fn(String),
) {
    let failed = || format!("The sound player {} could not play", player.name());
    let mut playing: Vec<Child> = Vec::new();
    for (tone, at) in rx {
        if reap(&mut playing, false) {
            note(failed());
        }
        match player.command(&tones::path(dir, tone)).spawn() {
            Ok(child) => {
                if let Some(log) = log {
                    log.handed("tone", at, Some(tone), "");
                }
                playing.push(child);
            }
            Err(_) => note(failed()),
        }
    }
    if reap(&mut playing, true) {
        note(failed());
    }
}

/// Writes the tone files into the first of `dirs` that takes them.
fn write_tones(dirs: &[PathBuf]) -> std::io::Result<PathBuf> {
    let mut last = None;
    for dir in dirs {
        match tones::write_all(dir) {
            Ok(()) => return Ok(dir.clone()),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no folder for the tones")))
}

/// Forgets the players that have finished (all of them, waiting, when `all`); says whether
/// one ended with an error.
fn reap(playing: &mut Vec<Child>, all: bool) -> bool {
    let mut failed = false;
    playing.retain_mut(|child| {
        let status = if all {
            child.wait().ok()
        } else {
            child.try_wait().ok().flatten()
        };
        match status {
            Some(s) => {
                failed |= !s.success();
                false
            }
            None => true,
        }
    });
    failed
}

#[cfg(test)]
#[cfg(unix)]
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
        let sounds = Sounds::start(player, vec![dir.path().to_path_buf()], None);
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
            vec![dir.path().to_path_buf()],
            None,
        );
        sounds.play(Tone::Start, Instant::now());
        let deadline = Instant::now() + Duration::from_secs(20);
        // A failure is seen when the next tone is handed over.
        while sounds.problem().is_none() {
            assert!(Instant::now() < deadline, "the failure was never noticed");
            std::thread::sleep(Duration::from_millis(50));
            sounds.play(Tone::Rep, Instant::now());
        }
    }

    #[test]
    fn tones_that_cannot_be_written_are_said() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, "x").unwrap();
        let sounds = Sounds::start(fake_player(dir.path(), "exit 0"), vec![file], None);
        let deadline = Instant::now() + Duration::from_secs(20);
        while sounds.problem().is_none() {
            assert!(Instant::now() < deadline, "never said");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(sounds.problem().unwrap().contains("could not be written"));
    }
}
