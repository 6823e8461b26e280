//! The person's settings, kept as RON in the config folder and written atomically.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::common::files;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Terminal bell in the last three seconds of a countdown and at every phase change.
    pub sound: bool,
    /// The session's figure glides between its key poses while each part of a rep runs,
    /// instead of changing pose only when the part changes (more drawing: see the README).
    pub smooth_figure: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sound: true,
            smooth_figure: false,
        }
    }
}

impl Settings {
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
            ..Settings::default()
        };
        quiet.save(&path).unwrap();
        assert_eq!(Settings::load(&path), quiet);
        // A file from before a setting existed keeps the default for it.
        std::fs::write(&path, "(sound: false)").unwrap();
        assert_eq!(Settings::load(&path), quiet);
        std::fs::write(&path, "garbage(").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
    }
}
