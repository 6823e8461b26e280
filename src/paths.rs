//! Where upright keeps things: the data folder (journal) and the config folder (settings,
//! the user's own programs). `--data-dir` and `UPRIGHT_DATA_DIR` override the data folder.

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

    /// The person's own programs: `$XDG_CONFIG_HOME/upright/programs`.
    pub fn user_programs(&self) -> PathBuf {
        self.config.join("programs")
    }

    pub fn settings(&self) -> PathBuf {
        self.config.join("settings.ron")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_dir_argument_wins() {
        let p = Paths::resolve(Some(PathBuf::from("/tmp/x")));
        assert_eq!(p.data, PathBuf::from("/tmp/x"));
        assert!(p.user_programs().ends_with("programs"));
    }
}
