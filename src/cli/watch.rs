//! `upright check --watch PATH...`: checks, then re-checks whenever a program file is saved,
//! showing the result in place. It polls modification times and sizes (every 300 ms) rather
//! than subscribing to file-system events: there is nothing to install, it works the same on
//! every platform and network drive, and a program file is small. A file that is half-typed,
//! or briefly missing while an editor saves it, is reported like any other problem and the
//! watch goes on; Ctrl-C ends it.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use super::check::{check_file, collect, write_text};
use crate::common::text::clean_line;
use crate::program::Library;
use crate::program::diagnostic::Style;

/// How often the files are looked at.
pub const INTERVAL: Duration = Duration::from_millis(300);

/// Clear the screen and move to the top left: plain ANSI, understood by every terminal.
const CLEAR: &str = "\x1b[2J\x1b[H";

pub struct Options {
    pub interval: Duration,
    /// Redraw in place (a terminal) rather than append (a pipe, a log, a test).
    pub clear: bool,
    pub style: Style,
}

impl Options {
    /// In place and in colour on a terminal, appended and plain otherwise.
    pub fn for_stdout() -> Options {
        let terminal = io::stdout().is_terminal();
        Options {
            interval: INTERVAL,
            clear: terminal,
            style: if terminal && std::env::var_os("NO_COLOR").is_none() {
                Style::COLOR
            } else {
                Style::PLAIN
            },
        }
    }
}

/// What the watch compares between two looks: the files found and, for each, its
/// modification time and size (`None` when it cannot be read), or why nothing was found.
type Stamp = Result<Vec<(PathBuf, Option<(SystemTime, u64)>)>, String>;

fn stamp(paths: &[PathBuf]) -> Stamp {
    let files = collect(paths).map_err(|e| e.to_string())?;
    Ok(files
        .into_iter()
        .map(|f| {
            let meta = std::fs::metadata(&f).ok();
            let mark = meta.and_then(|m| Some((m.modified().ok()?, m.len())));
            (f, mark)
        })
        .collect())
}

/// Checks `paths`, then again after every change, for as long as `go_on()` says so (it is
/// asked before each look). Returns how many times the files were checked.
pub fn watch(
    paths: &[PathBuf],
    out: &mut dyn Write,
    options: &Options,
    mut go_on: impl FnMut() -> bool,
) -> io::Result<u32> {
    let library = Library::bundled();
    let mut last: Option<Stamp> = None;
    let mut checks = 0;
    while go_on() {
        let now = stamp(paths);
        if last.as_ref() != Some(&now) {
            let mut screen = Vec::new();
            if options.clear {
                screen.extend_from_slice(CLEAR.as_bytes());
            } else if checks > 0 {
                writeln!(screen, "\n--- a file changed: checking again ---\n")?;
            }
            match &now {
                Err(why) => writeln!(
                    screen,
                    "upright: {}; watching for it to change",
                    clean_line(why)
                )?,
                Ok(files) => {
                    let mut reports = Vec::new();
                    for (file, _) in files {
                        match check_file(file, library) {
                            Ok(r) => reports.push(r),
                            Err(e) => writeln!(screen, "upright: {}", clean_line(&e.to_string()))?,
                        }
                    }
                    write_text(&reports, &mut screen, options.style)?;
                }
            }
            let count = now.as_ref().map_or(0, Vec::len);
            writeln!(
                screen,
                "\nwatching {count} file{} for changes; press Ctrl-C to stop",
                if count == 1 { "" } else { "s" }
            )?;
            // One write per redraw, so the screen never shows half a result.
            out.write_all(&screen)?;
            out.flush()?;
            checks += 1;
            last = Some(now);
        }
        std::thread::sleep(options.interval);
    }
    Ok(checks)
}

/// Runs `check --watch` until interrupted; returns an exit status for the rare case it ends
/// on its own (the output was closed).
pub fn run(paths: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match watch(paths, out, &Options::for_stdout(), || true) {
        Ok(_) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "upright: {}", clean_line(&e.to_string()));
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"Program(
    title: "Tiny",
    level: Beginner,
    per_week: 2,
    sessions: [Session(name: "A", blocks: [Block(name: "Main", items: [
        Item(exercise: "sit-to-stand", dose: Reps(sets: 1, reps: 8, rest: 30)),
        Item(exercise: "tandem-stance", dose: Time(secs: 30)),
        Item(exercise: "chin-tuck", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),
    ])])],
)
"#;

    fn options() -> Options {
        Options {
            interval: Duration::from_millis(1),
            clear: false,
            style: Style::PLAIN,
        }
    }

    /// Runs the watch, doing `edits[i]` before look `i + 1`, and returns what it printed.
    fn run_with(paths: &[PathBuf], edits: Vec<Box<dyn FnOnce()>>) -> (String, u32) {
        let mut out = Vec::new();
        let mut edits = edits.into_iter();
        let mut first = true;
        let checks = watch(paths, &mut out, &options(), || {
            if std::mem::take(&mut first) {
                return true;
            }
            match edits.next() {
                Some(edit) => {
                    edit();
                    true
                }
                None => false,
            }
        })
        .unwrap();
        (String::from_utf8(out).unwrap(), checks)
    }

    #[test]
    fn a_save_is_checked_again_and_a_half_typed_file_is_shown_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.ron");
        std::fs::write(&file, GOOD).unwrap();
        let f1 = file.clone();
        let f2 = file.clone();
        let (out, checks) = run_with(
            std::slice::from_ref(&file),
            vec![
                Box::new(|| {}),
                Box::new(move || std::fs::write(&f1, &GOOD[..25]).unwrap()),
                Box::new(move || std::fs::write(&f2, GOOD.replace("reps: 8", "reps: 0")).unwrap()),
            ],
        );
        assert_eq!(checks, 3, "{out}");
        let parts: Vec<&str> = out
            .split("--- a file changed: checking again ---")
            .collect();
        assert_eq!(parts.len(), 3, "{out}");
        assert!(parts[0].contains("all safe to run"), "{}", parts[0]);
        assert!(parts[1].contains("error[syntax]"), "{}", parts[1]);
        assert!(parts[2].contains("error[dose-range]"), "{}", parts[2]);
        assert!(out.ends_with("watching 1 file for changes; press Ctrl-C to stop\n"));
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn a_file_that_disappears_while_saving_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.ron");
        std::fs::write(&file, GOOD).unwrap();
        let (f1, f2) = (file.clone(), file.clone());
        let (out, checks) = run_with(
            std::slice::from_ref(&file),
            vec![
                Box::new(move || std::fs::remove_file(&f1).unwrap()),
                Box::new(move || std::fs::write(&f2, GOOD).unwrap()),
            ],
        );
        assert_eq!(checks, 3, "{out}");
        assert!(
            out.contains("no such file or folder; watching for it to change"),
            "{out}"
        );
        assert!(
            out.trim_end()
                .rsplit("checking again")
                .next()
                .unwrap()
                .contains("all safe to run")
        );
    }

    #[test]
    fn a_new_file_in_a_watched_folder_is_picked_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), GOOD).unwrap();
        let added = dir.path().join("b.ron");
        let (out, _) = run_with(
            &[dir.path().to_path_buf()],
            vec![Box::new(move || std::fs::write(&added, GOOD).unwrap())],
        );
        assert!(out.contains("checked 1 file: all safe"), "{out}");
        assert!(out.contains("checked 2 files: all safe"), "{out}");
        assert!(out.ends_with("watching 2 files for changes; press Ctrl-C to stop\n"));
    }

    #[test]
    fn in_place_redraws_start_by_clearing_the_screen() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.ron");
        std::fs::write(&file, GOOD).unwrap();
        let mut out = Vec::new();
        let mut looks = 0;
        let options = Options {
            clear: true,
            ..options()
        };
        watch(std::slice::from_ref(&file), &mut out, &options, || {
            looks += 1;
            looks <= 1
        })
        .unwrap();
        assert!(String::from_utf8(out).unwrap().starts_with(CLEAR));
    }
}
