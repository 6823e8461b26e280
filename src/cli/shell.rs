//! `upright completions SHELL` and `upright man`: what a shell and `man` learn about upright,
//! made at run time from the same clap definitions as `--help`, so they always match the
//! binary that prints them.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;

use super::args::Cli;
use crate::common::text::clean_line;

/// The completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    // clap_complete writes with `write_all` and panics on an error; a closed pipe
    // (`upright completions bash | head`) must not panic, so it writes to memory first.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "upright", &mut script);
    out.write_all(&script)?;
    out.flush()
}

/// upright(1): the commands, the home screen's options, and where each command's page is.
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    Man::new(Cli::command()).render(out)?;
    out.flush()
}

/// upright.1 and upright-COMMAND.1 for every command, written into `dir` (made if needed).
pub fn man_pages(dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let written =
        std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(Cli::command(), dir));
    match written {
        Ok(()) => {
            let _ = writeln!(
                out,
                "wrote upright.1 and a page for each command into {}",
                clean_line(&dir.display().to_string())
            );
            0
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "upright: cannot write the manual pages into {}: {e}",
                clean_line(&dir.display().to_string())
            );
            2
        }
    }
}
