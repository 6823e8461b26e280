//! The options in force for a command, wherever on the command line they were written
//! (`args` folds them together); what the commands that open the coach read.

use std::path::PathBuf;

use crate::common::paths::Paths;

/// The options in force for the command: those written before it and after it together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub programs: Vec<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub profile: Option<String>,
    pub quiet: bool,
    pub voice: bool,
    pub seed: Option<u64>,
}

impl Options {
    /// Where this command line keeps things: `--data-dir`, then `--profile`.
    pub fn paths(&self) -> Paths {
        Paths::resolve(self.data_dir.clone()).for_profile(self.profile.as_deref())
    }
}
