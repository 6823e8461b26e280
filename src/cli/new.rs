//! `upright new FILE [--from PROGRAM] [--force]`: starts a program file that passes
//! `upright check` at once, from the commented template (titled after the file name) or as a
//! copy of a bundled program or another program file. An existing file is never overwritten
//! unless `--force` is given, and then it is replaced atomically.

use std::io::{self, Write};
use std::path::Path;

use super::program_arg::{self, Origin};
use crate::common::files;
use crate::common::text::clean_line;
use crate::program::write::quote;
use crate::program::{Library, check_source};

/// The commented template; `{title}` is replaced by a title made from the file name.
pub const TEMPLATE: &str = include_str!("../../assets/template.ron");

/// The title used when the file name does not make one.
const FALLBACK_TITLE: &str = "New program";

/// The template's text for a file called `path`.
pub fn template_for(path: &Path) -> String {
    TEMPLATE.replacen("\"{title}\"", &quote(&title_from(path)), 1)
}

/// "mrs-smith_knees.ron" -> "Mrs smith knees": a placeholder the author will change, but one
/// that already tells two new files apart.
pub fn title_from(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<String> = stem
        .split(|c: char| c == '-' || c == '_' || c == '.' || c.is_whitespace())
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '\'')
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let title = words.join(" ");
    let mut chars = title.chars();
    match chars.next() {
        Some(first) if title.chars().count() <= crate::program::check::MAX_NAME => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => FALLBACK_TITLE.to_owned(),
    }
}

/// Runs the command and returns its exit status: 0 written, 1 the `--from` program has
/// errors, 2 nothing could be written (the file exists, a folder is missing, ...).
pub fn run(
    file: &Path,
    from: Option<&str>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let shown = clean_line(&file.display().to_string()).into_owned();
    if file.is_dir() {
        let _ = writeln!(
            err,
            "upright: `{shown}` is a folder; give the name of the program file to write, such as `{}`",
            Path::new(&shown).join("my-program.ron").display()
        );
        return 2;
    }
    if !force && std::fs::symlink_metadata(file).is_ok() {
        let _ = writeln!(
            err,
            "upright: `{shown}` already exists; choose another name, or add --force to replace it"
        );
        return 2;
    }
    let (text, origin) = match from {
        None => (template_for(file), "the template".to_owned()),
        Some(arg) => match program_arg::load_safe(arg, "copied", err) {
            Err(status) => return status,
            Ok(loaded) => {
                let Some(text) = loaded.text() else {
                    return 2; // a safe program always has text; nothing sensible to copy
                };
                let origin = match &loaded.origin {
                    Origin::Bundled(name) => format!("the bundled program \"{name}\""),
                    Origin::File(p) => format!(
                        "\"{}\"",
                        p.file_name().map_or_else(
                            || p.display().to_string(),
                            |n| n.to_string_lossy().into_owned()
                        )
                    ),
                };
                let text = format!(
                    "// Started from {} with `upright new --from`.\n{}{}",
                    clean_line(&origin),
                    if text.starts_with("//") { "//\n" } else { "\n" },
                    text
                );
                (text, origin)
            }
        },
    };
    // The promise of `new` is a file that passes the checker; hold it to that before writing.
    let checked = check_source(text.as_bytes(), Library::bundled());
    if checked.has_errors() {
        let _ = writeln!(
            err,
            "upright: the new program would not pass `upright check`; this is a bug in upright, please report it"
        );
        return 2;
    }
    let written = if force {
        files::replace(file, text.as_bytes())
    } else {
        files::create_new(file, text.as_bytes())
    };
    if let Err(e) = written {
        let _ = writeln!(err, "upright: cannot write `{shown}`: {}", why(&e, file));
        return 2;
    }
    let title = checked
        .program
        .as_ref()
        .map_or(String::new(), |p| clean_line(&p.title).into_owned());
    let _ = report(out, &shown, &title, &origin, file);
    0
}

fn report(
    out: &mut dyn Write,
    shown: &str,
    title: &str,
    origin: &str,
    file: &Path,
) -> io::Result<()> {
    writeln!(
        out,
        "wrote {shown}: \"{title}\", from {}; it passes `upright check`",
        clean_line(origin)
    )?;
    if !file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        writeln!(
            out,
            "note: folders are searched for .ron files only; consider naming it `{shown}.ron`"
        )?;
    }
    writeln!(
        out,
        "next: edit it (or `upright author {shown}`), keep `upright check --watch {shown}` open, and print a handout with `upright show {shown}`"
    )
}

fn why(e: &io::Error, file: &Path) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => {
            let dir = file
                .parent()
                .map_or_else(String::new, |d| d.display().to_string());
            format!(
                "the folder `{}` does not exist; create it first",
                clean_line(&dir)
            )
        }
        io::ErrorKind::AlreadyExists => {
            "it already exists; choose another name, or add --force to replace it".into()
        }
        io::ErrorKind::PermissionDenied => {
            "permission denied; choose a folder you can write to".into()
        }
        _ => clean_line(&e.to_string()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Library;

    #[test]
    fn the_template_passes_the_checker_without_warnings() {
        let text = template_for(Path::new("x.ron"));
        let checked = check_source(text.as_bytes(), Library::bundled());
        assert_eq!(checked.diagnostics, vec![]);
    }

    #[test]
    fn titles_come_from_the_file_name() {
        assert_eq!(
            title_from(Path::new("dir/mrs-smith_knees.ron")),
            "Mrs smith knees"
        );
        assert_eq!(title_from(Path::new("class 2.ron")), "Class 2");
        assert_eq!(title_from(Path::new("\"\u{1b}.ron")), FALLBACK_TITLE);
        assert_eq!(title_from(Path::new(&"a".repeat(200))), FALLBACK_TITLE);
        assert_eq!(title_from(Path::new("ólafur.ron")), "Ólafur");
    }
}
