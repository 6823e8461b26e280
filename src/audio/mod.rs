//! Hearing the session: plays the cue stream (`training::cues`) as speech and distinct tones
//! through the system's own programs, found at run time, each in a thread of its own so a
//! slow engine never delays a deadline. No sound or speech library is linked. When no player
//! is found the terminal bell stands in for the tones; when no speech engine is found it
//! says once how to get one and carries on with the tones.
//!
//! Two environment variables serve tests and measurements: `UPRIGHT_SPEECH_DIR=DIR` writes
//! speech to WAV files there (espeak-ng `-w`) instead of speaking, and `UPRIGHT_CUE_LOG=FILE`
//! appends a line for each cue handed to a player: how, how late (ms), the tone, the words.

pub mod log;
pub mod programs;
pub mod sound;
pub mod speech;
pub mod tones;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use self::log::Log;
pub use self::programs::find_program;
use self::sound::{Player, Sounds};
use self::speech::{Engine, Voice};
use crate::training::cues::{Cue, Options};

/// What the person wants to hear.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hearing {
    /// Cues spoken aloud.
    pub voice: bool,
    /// Cues marked by tones (or the bell).
    pub sound: bool,
    /// Each rep of tempo reps too.
    pub reps: bool,
}

impl Hearing {
    /// Nothing at all (`--quiet`).
    pub const NOTHING: Hearing = Hearing {
        voice: false,
        sound: false,
        reps: false,
    };

    /// What the cue stream should include.
    pub fn options(self) -> Options {
        Options { reps: self.reps }
    }
}

pub const NO_SPEECH: &str = "Speech is on, but no speech engine was found. Install one (Debian or Ubuntu: sudo apt install espeak-ng, or speech-dispatcher; macOS has say). Carrying on with sounds.";
pub const NO_PLAYER: &str = "No sound player was found (pw-play, paplay, aplay or afplay): the terminal bell marks the cues.";

/// Something looked for once, when first needed.
enum Found<T> {
    NotYet,
    Missing,
    Here(T),
}

/// The players of one run of upright.
pub struct Audio {
    voice: Found<Voice>,
    sounds: Found<Sounds>,
    /// `UPRIGHT_SPEECH_DIR`: speech to files.
    speech_dir: Option<PathBuf>,
    log: Option<Arc<Log>>,
    notices: Vec<String>,
}

impl Default for Audio {
    fn default() -> Self {
        Audio::new()
    }
}

impl Audio {
    /// Nothing is looked for until a cue needs it.
    pub fn new() -> Audio {
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        Audio {
            voice: Found::NotYet,
            sounds: Found::NotYet,
            speech_dir: var("UPRIGHT_SPEECH_DIR").map(PathBuf::from),
            log: var("UPRIGHT_CUE_LOG")
                .and_then(|p| Log::open(Path::new(&p)).ok())
                .map(Arc::new),
            notices: Vec::new(),
        }
    }

    /// Plays `cues` as `hearing` asks. Returns whether to ring the terminal bell, in place of
    /// tones when there is no player.
    pub fn play(&mut self, cues: &[Cue], hearing: Hearing) -> bool {
        if cues.is_empty() {
            return false;
        }
        // Tones first: they are short and mark the very moment.
        let mut bell = false;
        if hearing.sound {
            for c in cues {
                let Some(tone) = c.tone else { continue };
                match self.sounds() {
                    Some(sounds) => sounds.play(tone, c.at),
                    None => {
                        bell = true;
                        if let Some(log) = &self.log {
                            log.handed("bell", c.at, Some(tone), "");
                        }
                    }
                }
            }
        }
        if hearing.voice
            && let Some(voice) = self.voice()
        {
            for c in cues {
                voice.say(&c.words, c.at);
            }
        }
        bell
    }

    /// Looks for what `hearing` will need, before the first cue needs it: the tones are
    /// written and the players found while nothing is due.
    pub fn prepare(&mut self, hearing: Hearing) {
        if hearing.sound {
            self.sounds();
        }
        if hearing.voice {
            self.voice();
        }
    }

    /// A message for the screen, said once: no engine found, or one that stopped working.
    pub fn take_notice(&mut self) -> Option<String> {
        (!self.notices.is_empty()).then(|| self.notices.remove(0))
    }

    /// The speech engine, looked for the first time it is needed.
    fn voice(&mut self) -> Option<&Voice> {
        if matches!(self.voice, Found::NotYet) {
            let engine = match &self.speech_dir {
                Some(dir) => Engine::to_files(dir.clone()),
                None => Engine::find().ok_or_else(|| NO_SPEECH.to_owned()),
            };
            self.voice = match engine {
                Ok(e) => Found::Here(Voice::start(e, self.log.clone())),
                Err(why) => {
                    self.notices.push(why);
                    Found::Missing
                }
            };
        }
        if let Found::Here(v) = &self.voice
            && v.failed()
        {
            self.notices.push(format!(
                "Speech stopped: {} ended with an error. Carrying on with sounds.",
                v.engine().name()
            ));
            self.voice = Found::Missing;
        }
        match &self.voice {
            Found::Here(v) => Some(v),
            _ => None,
        }
    }

    /// The sound player, looked for the first time it is needed (its thread writes the
    /// tones, so a slow disk delays no cue).
    fn sounds(&mut self) -> Option<&Sounds> {
        if matches!(self.sounds, Found::NotYet) {
            self.sounds = match Player::find() {
                None => {
                    self.notices.push(NO_PLAYER.into());
                    Found::Missing
                }
                Some(player) => Found::Here(Sounds::start(player, tone_dirs(), self.log.clone())),
            };
        }
        if let Found::Here(s) = &self.sounds
            && let Some(why) = s.problem()
        {
            self.notices.push(format!(
                "{why}: the terminal bell marks the cues from now on."
            ));
            self.sounds = Found::Missing;
        }
        match &self.sounds {
            Found::Here(s) => Some(s),
            _ => None,
        }
    }
}

/// Where the tone files may be kept: the cache folder, else the temporary folder.
fn tone_dirs() -> Vec<PathBuf> {
    let cache =
        directories::ProjectDirs::from("", "", "upright").map(|d| d.cache_dir().join("tones"));
    let temp = std::env::temp_dir().join(format!("upright-tones-{}", user_tag()));
    cache.into_iter().chain([temp]).collect()
}

/// Tells one user's temporary tone folder from another's.
fn user_tag() -> String {
    std::env::var("USER").unwrap_or_else(|_| "user".into())
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::training::cues::{CueKind, Tone};

    fn cue(words: &str, tone: Option<Tone>) -> Cue {
        Cue {
            at: Instant::now(),
            kind: CueKind::Count,
            words: words.into(),
            tone,
        }
    }

    fn audio(speech_dir: Option<PathBuf>) -> Audio {
        Audio {
            voice: Found::NotYet,
            sounds: Found::Missing,
            speech_dir,
            log: None,
            notices: Vec::new(),
        }
    }

    #[test]
    fn without_a_player_the_bell_marks_each_tone_and_silence_rings_nothing() {
        let mut a = audio(None);
        let sound = Hearing {
            sound: true,
            ..Hearing::NOTHING
        };
        assert!(a.play(&[cue("3", Some(Tone::Count))], sound));
        assert!(
            !a.play(&[cue("Paused.", None)], sound),
            "a cue without a tone"
        );
        assert!(!a.play(&[cue("3", Some(Tone::Count))], Hearing::NOTHING));
        assert!(!a.play(&[], sound));
    }

    #[test]
    fn speech_to_files_writes_every_cue_in_order_or_says_why_not() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("speech");
        let voice = Hearing {
            voice: true,
            ..Hearing::NOTHING
        };
        let mut a = audio(Some(out.clone()));
        a.play(&[cue("Hold.", None), cue("--Relax.", None)], voice);
        if find_program("espeak-ng").is_none() {
            assert!(a.take_notice().unwrap().contains("espeak-ng"));
            assert!(a.take_notice().is_none(), "said once");
            a.play(&[cue("Hold.", None)], voice);
            assert!(a.take_notice().is_none(), "said once");
            eprintln!("NOTE: espeak-ng is not installed, so speech to files was not heard");
            return;
        }
        drop(a); // finishes writing
        let text = |n| std::fs::read_to_string(out.join(format!("{n:04}.txt"))).unwrap();
        assert_eq!((text(1), text(2)), ("Hold.".into(), "Relax.".into()));
        for n in 1..=2 {
            let wav = std::fs::read(out.join(format!("{n:04}.wav"))).unwrap();
            assert!(wav.starts_with(b"RIFF") && wav.len() > 1000, "{n}");
        }
    }
}
