//! The person's settings, kept as RON beside their journal (so each profile has its own) and
//! written atomically. A field added later takes its default in an older file.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::common::files;
use crate::common::paths::Paths;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Tones at each cue (start, hold, relax, switch sides, the last three seconds...); the
    /// terminal bell when no sound player is found.
    pub sound: bool,
    /// Cues spoken aloud by the system's speech engine.
    pub voice: bool,
    /// Each rep of tempo reps too: its number and stage words, and a tick.
    pub rep_cues: bool,
    /// The session's name, rep or stage and pace word in big letters wherever they fit, not
    /// only on a large screen.
    pub large_text: bool,
    /// The session's figure glides between its key poses while each part of a rep runs,
    /// instead of changing pose only when the part changes (more drawing: see the README).
    pub smooth_figure: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sound: true,
            voice: false,
            rep_cues: false,
            large_text: false,
            smooth_figure: false,
        }
    }
}

impl Settings {
    /// The settings of the profile `paths` belong to; while it has none of its own, the ones
    /// every profile used to share.
    pub fn for_profile(paths: &Paths) -> Settings {
        let own = paths.settings();
        if own.exists() {
            Settings::load(&own)
        } else {
            Settings::load(&paths.shared_settings())
        }
    }

    /// The saved settings; the defaults when there are none or the file is unreadable (a
    /// broken settings file must never stop a session).
    pub fn load(path: &Path) -> Settings {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        files::replace(path, format!("// upright settings\n{text}\n").as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_survive_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        assert_eq!(Settings::load(&path), Settings::default());
        let quiet = Settings {
            sound: false,
            voice: true,
            smooth_figure: true,
            ..Settings::default()
        };
        quiet.save(&path).unwrap();
        assert_eq!(Settings::load(&path), quiet);
        std::fs::write(&path, "garbage(").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
        // A file from before voice existed keeps its sound and gets the new defaults.
        std::fs::write(&path, "(sound: false)").unwrap();
        assert_eq!(
            Settings::load(&path),
            Settings {
                sound: false,
                ..Settings::default()
            }
        );
    }

    #[test]
    fn each_profile_has_its_own_and_starts_from_the_shared_ones() {
        let dir = tempfile::tempdir().unwrap();
        let base = Paths {
            data: dir.path().join("data"),
            config: dir.path().join("config"),
        };
        let ann = base.clone().for_profile(Some("ann"));
        let bob = base.clone().for_profile(Some("bob"));
        assert_eq!(Settings::for_profile(&ann), Settings::default());
        let shared = Settings {
            sound: false,
            ..Settings::default()
        };
        shared.save(&base.shared_settings()).unwrap();
        assert_eq!(Settings::for_profile(&ann), shared, "the old shared file");
        let voice = Settings {
            voice: true,
            ..Settings::default()
        };
        voice.save(&ann.settings()).unwrap();
        assert_eq!(Settings::for_profile(&ann), voice);
        assert_eq!(Settings::for_profile(&bob), shared, "bob is not ann");
        assert_eq!(Settings::for_profile(&base), shared);
    }
}
