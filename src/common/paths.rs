//! Where upright keeps things: the data folder (journal, settings) and the config folder (the
//! user's own programs). `--data-dir` and `UPRIGHT_DATA_DIR` override the data folder;
//! `--profile NAME` keeps a person's journal and settings in `profiles/NAME/` inside it.

use std::path::PathBuf;

use directories::ProjectDirs;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Paths {
    /// `data_dir` (from `--data-dir`) wins, then `UPRIGHT_DATA_DIR`, then the platform's
    /// data folder (`$XDG_DATA_HOME/upright` on Linux).
    pub fn resolve(data_dir: Option<PathBuf>) -> Paths {
        let dirs = ProjectDirs::from("", "", "upright");
        let data = data_dir
            .or_else(|| {
                std::env::var_os("UPRIGHT_DATA_DIR")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()))
            .unwrap_or_else(|| PathBuf::from(".upright"));
        let config = dirs
            .as_ref()
            .map(|d| d.config_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from(".upright"));
        Paths { data, config }
    }

    /// The paths for profile `name` (already checked by `profile_name`): its own journal in
    /// `<data>/profiles/<name>/`. No profile: the data folder itself, as always.
    pub fn for_profile(mut self, name: Option<&str>) -> Paths {
        if let Some(name) = name {
            self.data = self.data.join("profiles").join(name);
        }
        self
    }

    /// The profile whose journal `data` holds (`<data dir>/profiles/<name>`), if any.
    pub fn profile(&self) -> Option<String> {
        let parent = self.data.parent()?;
        (parent.file_name()? == "profiles")
            .then(|| self.data.file_name()?.to_str())
            .flatten()
            .and_then(|n| profile_name(n).ok())
    }

    /// The person's own programs: `$XDG_CONFIG_HOME/upright/programs`.
    pub fn user_programs(&self) -> PathBuf {
        self.config.join("programs")
    }

    /// The person's settings: beside their journal, so each profile has its own.
    pub fn settings(&self) -> PathBuf {
        self.data.join("settings.ron")
    }

    /// Where settings were kept when every profile shared them: read while a profile has
    /// none of its own yet, so nobody loses what they chose.
    pub fn shared_settings(&self) -> PathBuf {
        self.config.join("settings.ron")
    }
}

/// A profile's name, checked: 1 to 32 lowercase letters, digits and hyphens, starting with a
/// letter or digit (it names a folder, so nothing else is allowed).
pub fn profile_name(name: &str) -> Result<String, String> {
    let ok = (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-');
    if ok {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "\"{name}\" is not a profile name: use 1 to 32 lowercase letters, digits and hyphens, such as \"ann\" or \"bob-2\""
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profiles_data_folder_names_its_profile() {
        let p = Paths::resolve(Some(PathBuf::from("/tmp/x")));
        assert_eq!(p.profile(), None);
        assert_eq!(p.for_profile(Some("ann")).profile().as_deref(), Some("ann"));
    }

    #[test]
    fn the_data_dir_argument_wins() {
        let p = Paths::resolve(Some(PathBuf::from("/tmp/x")));
        assert_eq!(p.data, PathBuf::from("/tmp/x"));
        assert!(p.user_programs().ends_with("programs"));
    }

    #[test]
    fn profiles_get_their_own_journal_folder_and_safe_names() {
        let p = Paths::resolve(Some(PathBuf::from("/tmp/x")));
        assert_eq!(p.clone().for_profile(None).data, PathBuf::from("/tmp/x"));
        assert_eq!(
            p.clone().for_profile(Some("ann")).data,
            PathBuf::from("/tmp/x/profiles/ann")
        );
        assert_eq!(
            p.clone().for_profile(Some("ann")).config,
            Paths::resolve(None).config
        );
        assert_eq!(
            p.for_profile(Some("ann")).settings(),
            PathBuf::from("/tmp/x/profiles/ann/settings.ron")
        );
        for good in ["ann", "bob-2", "3"] {
            assert!(profile_name(good).is_ok(), "{good}");
        }
        for bad in ["", "Ann", "../x", "a b", "-a", "a/b", &"a".repeat(33)] {
            assert!(profile_name(bad).is_err(), "{bad}");
        }
    }
}
