use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(upright::cli::run(upright::cli::parse()))
}
