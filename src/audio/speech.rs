//! Speech: the system's speech service, found at run time (speech-dispatcher's `spd-say`,
//! `espeak-ng` or `espeak`, macOS's `say`) and started as a process for each cue from a
//! thread of its own, so speaking never delays the terminal loop. One cue is spoken at a
//! time; a newer cue replaces one not yet spoken, so the voice never falls behind the
//! session. No speech library is linked: the default build needs none.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::log::Log;
use super::programs::find_program;

/// The programs that speak their arguments aloud, in the order they are looked for, with
/// the options they need: `spd-say -w` waits until the words are spoken, as the others do.
const SPEAKERS: [(&str, &[&str]); 4] = [
    ("spd-say", &["-w"]),
    ("espeak-ng", &[]),
    ("espeak", &[]),
    ("say", &[]),
];

/// How long the end of a run waits for cues still being written to files.
const FINISH_WRITING: Duration = Duration::from_secs(5);

/// Something that speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    /// A program that speaks its last argument aloud, and the options before it.
    Speaker {
        program: PathBuf,
        options: &'static [&'static str],
    },
    /// For tests and checks: espeak-ng writes each cue to `dir/NNNN.wav` (numbered from
    /// 0001 in the order spoken) and its words to `dir/NNNN.txt`. Every cue is written, none
    /// replaced: a file is not heard live, so nothing falls behind.
    Files { program: PathBuf, dir: PathBuf },
}

impl Engine {
    /// The first speech program on the `PATH`.
    pub fn find() -> Option<Engine> {
        SPEAKERS.iter().find_map(|(name, options)| {
            find_program(name).map(|program| Engine::Speaker { program, options })
        })
    }

    /// Speech written to files in `dir` by espeak-ng, which must be installed.
    pub fn to_files(dir: PathBuf) -> Result<Engine, String> {
        let program = find_program("espeak-ng").ok_or_else(|| {
            "speech to files needs espeak-ng (sudo apt install espeak-ng)".to_owned()
        })?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
        Ok(Engine::Files { program, dir })
    }

    /// The program's name, for messages.
    pub fn name(&self) -> String {
        let program = match self {
            Engine::Speaker { program, .. } | Engine::Files { program, .. } => program,
        };
        program
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    /// Whether every cue is kept (written to files) rather than only the newest waiting.
    fn keeps_all(&self) -> bool {
        matches!(self, Engine::Files { .. })
    }

    /// The command that says `words`, the `n`th cue spoken.
    fn command(&self, words: &str, n: u32) -> std::io::Result<Command> {
        let mut c = match self {
            Engine::Speaker { program, options } => {
                let mut c = Command::new(program);
                c.args(*options);
                c
            }
            Engine::Files { program, dir } => {
                std::fs::write(dir.join(format!("{n:04}.txt")), words)?;
                let mut c = Command::new(program);
                c.arg("-w").arg(dir.join(format!("{n:04}.wav")));
                c
            }
        };
        c.arg(words)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        Ok(c)
    }
}

/// Words made safe to hand to a speech program: one line, no control characters, and never
/// read as an option (no leading dash).
pub fn speakable(words: &str) -> String {
    crate::common::text::clean_line(words)
        .trim_start_matches(|c: char| c == '-' || c.is_whitespace())
        .trim_end()
        .to_owned()
}

struct Said {
    words: String,
    at: Instant,
}

#[derive(Default)]
struct Slot {
    queue: VecDeque<Said>,
    quit: bool,
}

struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
    failed: AtomicBool,
}

/// A speech engine with its own thread.
pub struct Voice {
    engine: Engine,
    shared: Arc<Shared>,
    finished: Receiver<()>,
}

impl Voice {
    pub fn start(engine: Engine, log: Option<Arc<Log>>) -> Voice {
        let shared = Arc::new(Shared {
            slot: Mutex::new(Slot::default()),
            wake: Condvar::new(),
            failed: AtomicBool::new(false),
        });
        let (done, finished) = mpsc::channel();
        let (s, e) = (shared.clone(), engine.clone());
        std::thread::spawn(move || {
            speak_all(&e, &s, log.as_deref());
            let _ = done.send(());
        });
        Voice {
            engine,
            shared,
            finished,
        }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Says `words` (due at `at`) as soon as the voice is free, in place of any cue still
    /// waiting.
    pub fn say(&self, words: &str, at: Instant) {
        let words = speakable(words);
        if words.is_empty() {
            return;
        }
        let mut slot = lock(&self.shared.slot);
        if !self.engine.keeps_all() {
            slot.queue.clear();
        }
        slot.queue.push_back(Said { words, at });
        self.shared.wake.notify_one();
    }

    /// Whether the engine has failed (it could not start, or ended with an error).
    pub fn failed(&self) -> bool {
        self.shared.failed.load(Ordering::Relaxed)
    }
}

impl Drop for Voice {
    /// Nothing more is said; the words being spoken finish. Speech written to files is all
    /// written first (for a while at most).
    fn drop(&mut self) {
        {
            let mut slot = lock(&self.shared.slot);
            slot.quit = true;
            if !self.engine.keeps_all() {
                slot.queue.clear();
            }
            self.shared.wake.notify_one();
        }
        if self.engine.keeps_all() {
            let _ = self.finished.recv_timeout(FINISH_WRITING);
        }
    }
}

fn lock(m: &Mutex<Slot>) -> std::sync::MutexGuard<'_, Slot> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The voice's thread: speaks one cue at a time until told to quit.
fn speak_all(engine: &Engine, shared: &Shared, log: Option<&Log>) {
    let mut n = 0;
    loop {
        let said = {
            let mut slot = lock(&shared.slot);
            loop {
                if let Some(said) = slot.queue.pop_front() {
                    break said;
                }
                if slot.quit {
                    return;
                }
                slot = shared
                    .wake
                    .wait(slot)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        n += 1;
        let spoken = engine.command(&said.words, n).and_then(|mut c| {
            let mut child = c.spawn()?;
            if let Some(log) = log {
                log.handed("speech", said.at, None, &said.words);
            }
            child.wait()
        });
        if !spoken.is_ok_and(|status| status.success()) {
            shared.failed.store(true, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_made_safe_to_speak() {
        assert_eq!(speakable("--help me"), "help me");
        assert_eq!(speakable(" - Hold."), "Hold.");
        assert_eq!(speakable("a\nb\x1b[31m"), "a b\u{FFFD}[31m");
        assert_eq!(speakable("  "), "");
    }

    /// A fake speaker that takes its time: a shell script that logs its words, then sleeps.
    #[cfg(unix)]
    fn slow_speaker(dir: &std::path::Path) -> Engine {
        use std::os::unix::fs::PermissionsExt;
        let script = dir.join("speaker");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\necho \"$1\" >> '{}'\nsleep 0.3\n",
                dir.join("said").display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        Engine::Speaker {
            program: script,
            options: &[],
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_newer_cue_replaces_one_not_yet_spoken() {
        let dir = tempfile::tempdir().unwrap();
        let voice = Voice::start(slow_speaker(dir.path()), None);
        let now = Instant::now();
        voice.say("Sit to stand. Get ready.", now);
        // The first is being spoken while these arrive: only the newest waits for it.
        std::thread::sleep(Duration::from_millis(100));
        voice.say("3", now);
        voice.say("2", now);
        voice.say("1", now);
        let said = dir.path().join("said");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::fs::read_to_string(&said)
            .unwrap_or_default()
            .lines()
            .count()
            < 2
        {
            assert!(Instant::now() < deadline, "never spoke");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(500));
        assert_eq!(
            std::fs::read_to_string(&said).unwrap(),
            "Sit to stand. Get ready.\n1\n"
        );
        assert!(!voice.failed());
    }

    #[cfg(unix)]
    #[test]
    fn a_speaker_that_fails_is_noticed() {
        let engine = Engine::Speaker {
            program: PathBuf::from("/bin/false"),
            options: &[],
        };
        let voice = Voice::start(engine, None);
        voice.say("Hold.", Instant::now());
        let deadline = Instant::now() + Duration::from_secs(20);
        while !voice.failed() {
            assert!(Instant::now() < deadline, "the failure was never noticed");
            std::thread::sleep(Duration::from_millis(20));
        }
        let missing = Engine::Speaker {
            program: PathBuf::from("/nonexistent/speaker"),
            options: &[],
        };
        let voice = Voice::start(missing, None);
        voice.say("Hold.", Instant::now());
        while !voice.failed() {
            assert!(
                Instant::now() < deadline,
                "a missing program was never noticed"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
