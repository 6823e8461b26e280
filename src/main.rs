use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    ExitCode::from(upright::cli::run(upright::cli::Cli::parse()))
}
