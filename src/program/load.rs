//! Loading a program file: bytes to text (`source`), text to a `Program` (RON with
//! `implicit_some`), then the checker; every failure becomes a `Diagnostic` with a line and
//! column, never a panic.

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

use super::check::check;
use super::diagnostic::{Code, Diagnostic};
use super::locate::Locator;
use super::ron_tree::parse;
use super::{Library, Program, source};
use crate::common::text::closest;

/// The result of checking one file.
#[derive(Debug)]
pub struct Checked {
    /// The text as loaded (for showing source lines), when the bytes were text.
    pub text: Option<String>,
    /// The program, when the file parsed (it may still have errors).
    pub program: Option<Program>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The program, only if it passed the checker: the one way a session gets a program.
    pub fn safe_program(&self) -> Option<&Program> {
        if self.has_errors() {
            None
        } else {
            self.program.as_ref()
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// RON as the format page promises it: optional fields written bare.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Loads and checks one program file's bytes.
pub fn check_source(bytes: &[u8], library: &Library) -> Checked {
    let text = match source::decode(bytes) {
        Ok(t) => t,
        Err(diagnostics) => {
            return Checked {
                text: std::str::from_utf8(bytes).ok().map(str::to_owned),
                program: None,
                diagnostics,
            };
        }
    };
    let program: Program = match ron_options().from_str(&text) {
        Ok(p) => p,
        Err(e) => {
            return Checked {
                diagnostics: vec![parse_diagnostic(&e, &text)],
                text: Some(text),
                program: None,
            };
        }
    };
    let locator = Locator::new(&text);
    let mut diagnostics: Vec<Diagnostic> = check(&program, library)
        .into_iter()
        .map(|f| {
            let pos = locator.find(&f.path);
            Diagnostic {
                severity: f.code.severity(),
                code: f.code,
                line: pos.line,
                column: pos.column,
                message: f.message,
                help: f.help,
            }
        })
        .collect();
    diagnostics.extend(super::pose_check::check(&program, library, &locator));
    diagnostics.sort_by_key(|d| (d.line, d.column, d.severity));
    Checked {
        text: Some(text),
        program: Some(program),
        diagnostics,
    }
}

/// Turns RON's error into a sentence an author can act on.
fn parse_diagnostic(e: &SpannedError, text: &str) -> Diagnostic {
    let (line, column) = skip_blanks(text, e.span.start.line.max(1), e.span.start.col.max(1));
    let d = |code, msg: String| Diagnostic::error(code, line, column, msg);
    let at_start = (line, column) == first_value(text);
    match &e.code {
        RonError::ExpectedComma | RonError::ExpectedStructLikeEnd
            if char_at(text, line, column) == Some('.') =>
        {
            d(
                Code::WrongType,
                "doses are whole numbers: a decimal point is not allowed here".into(),
            )
            .help("round it to a whole number, such as 8")
        }
        RonError::ExpectedComma | RonError::ExpectedArrayEnd | RonError::ExpectedStructLikeEnd
            if starts_line(text, line, column) && line > 1 =>
        {
            // The comma belongs at the end of the line before: point there, as rustc does.
            let (line, column) = end_of_previous_line(text, line);
            Diagnostic::error(
                Code::Syntax,
                line,
                column,
                "a comma is missing at the end of this line",
            )
            .help("put a `,` after each value, or close the bracket opened before it")
        }
        RonError::ExpectedStructLike
        | RonError::ExpectedNamedStructLike(_)
        | RonError::ExpectedIdentifier
        | RonError::UnexpectedChar(_)
        | RonError::InvalidValueForType { .. }
            if at_start =>
        {
            d(
                Code::NotAProgram,
                "this file does not hold an upright program".into(),
            )
            .help("a program file starts with `Program(`; see docs/program-format.md")
        }
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let within = outer
                .as_deref()
                .map_or(String::new(), |o| format!(" of `{o}`"));
            let help = match closest(found, expected.iter().copied()) {
                Some(g) => format!("did you mean `{g}`?"),
                None => format!("the fields{within} are: {}", list(expected)),
            };
            d(
                Code::UnknownField,
                format!("`{found}` is not a field{within}"),
            )
            .help(help)
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let help = match closest(found, expected.iter().copied()) {
                Some(g) => format!("did you mean `{g}`?"),
                None => format!("choose one of: {}", list(expected)),
            };
            let within = outer
                .as_deref()
                .map_or(String::new(), |o| format!(" for `{o}`"));
            d(
                Code::UnknownVariant,
                format!("`{found}` is not a known choice{within}"),
            )
            .help(help)
        }
        RonError::MissingStructField { field, outer } => {
            let within = outer
                .as_deref()
                .map_or(String::new(), |o| format!("`{o}` "));
            d(
                Code::MissingField,
                format!("{within}needs the field `{field}`, which is missing"),
            )
            .help(format!("add `{field}: ...` (see docs/program-format.md)"))
        }
        RonError::DuplicateStructField { field, .. } => {
            d(Code::DuplicateField, format!("`{field}` is written twice")).help("keep one of them")
        }
        RonError::ExpectedDifferentStructName { expected, found } if *expected == "Program" => {
            let holds = if text.contains(&format!("{found}(")) {
                format!("this file holds `{found}(...)`, not an upright program")
            } else {
                "this file does not hold an upright program".to_owned()
            };
            d(Code::NotAProgram, holds)
                .help("a program file starts with `Program(`; see docs/program-format.md")
        }
        RonError::ExpectedDifferentStructName { expected, found } => d(
            Code::WrongType,
            format!("expected `{expected}(...)` here, found `{found}(...)`"),
        )
        .help(format!("write `{expected}(...)`")),
        RonError::InvalidValueForType { expected, found } => d(
            Code::WrongType,
            format!("expected {}, found {found}", plain_type(expected)),
        )
        .help(format!("write {} here", plain_type(expected))),
        RonError::IntegerOutOfBounds => d(
            Code::WrongType,
            "this number is out of bounds: doses are whole numbers from 0 up".into(),
        ),
        RonError::ExpectedInteger => d(Code::WrongType, "expected a whole number here".into()),
        RonError::ExpectedFloat => d(Code::WrongType, "expected a number here".into()),
        RonError::ExpectedString => d(
            Code::WrongType,
            "expected text in double quotes here".into(),
        ),
        RonError::ExpectedBoolean => d(Code::WrongType, "expected `true` or `false` here".into()),
        RonError::ExpectedArray => d(
            Code::WrongType,
            "expected a list in square brackets `[...]` here".into(),
        ),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => d(
            Code::WrongType,
            "expected a value in the form `Name(field: value, ...)` here".into(),
        ),
        RonError::Message(m) => d(Code::WrongType, m.clone()),
        RonError::Eof => d(
            Code::Syntax,
            "the file ends before the program is complete".into(),
        )
        .help("a closing `)` or `]` is probably missing"),
        RonError::ExpectedComma | RonError::ExpectedArrayEnd | RonError::ExpectedStructLikeEnd => {
            d(
                Code::Syntax,
                "expected a comma or a closing bracket here".into(),
            )
            .help("separate values with commas, and check each `(` and `[` is closed")
        }
        RonError::ExpectedStringEnd => d(
            Code::Syntax,
            "this text is never closed with a double quote".into(),
        )
        .help("add the closing `\"`"),
        RonError::TrailingCharacters => d(
            Code::Syntax,
            "there is more after the end of the program".into(),
        )
        .help("a file holds one `Program(...)`; remove what follows it"),
        RonError::UnexpectedChar(c) => d(
            Code::Syntax,
            format!("`{}` is not expected here", c.escape_default()),
        ),
        RonError::ExceededRecursionLimit => d(
            Code::Syntax,
            "the values are nested too deeply to be a program".into(),
        ),
        RonError::ExpectedMapColon => d(Code::Syntax, "expected a `:` after the field name".into()),
        other => d(Code::Syntax, format!("{other}")),
    }
}

/// The line and column of the first thing in the file that is not blank or a comment.
fn first_value(text: &str) -> (usize, usize) {
    parse(text).0.first().map_or((1, 1), |t| (t.line, t.column))
}

/// The character at a 1-based line and column.
fn char_at(text: &str, line: usize, column: usize) -> Option<char> {
    text.split('\n').nth(line - 1)?.chars().nth(column - 1)
}

/// RON reports some errors at the blank before a value: move on to the value itself.
fn skip_blanks(text: &str, line: usize, column: usize) -> (usize, usize) {
    let Some(l) = text.split('\n').nth(line - 1) else {
        return (line, column);
    };
    let blanks = l
        .chars()
        .skip(column - 1)
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    if column - 1 + blanks < l.chars().count() {
        (line, column + blanks)
    } else {
        (line, column)
    }
}

fn starts_line(text: &str, line: usize, column: usize) -> bool {
    text.split('\n')
        .nth(line - 1)
        .is_some_and(|l| l.chars().take(column - 1).all(char::is_whitespace))
}

/// Just after the last value on the nearest line above `line` that has one (comments do not
/// count: a `//` inside quotes, as in a web address in a cue, is text, not a comment).
fn end_of_previous_line(text: &str, line: usize) -> (usize, usize) {
    parse(text)
        .0
        .iter()
        .rev()
        .map(|t| t.end)
        .find(|&(l, _)| l < line)
        .unwrap_or((line, 1))
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plain_type(t: &str) -> String {
    match t {
        "u32" | "u64" | "u8" | "usize" | "i32" => "a whole number".into(),
        "a boolean" => "`true` or `false`".into(),
        "a string" => "text in double quotes".into(),
        "a sequence" => "a list in square brackets `[...]`".into(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Library;

    #[test]
    fn a_missing_comma_after_a_web_address_points_at_the_end_of_its_line() {
        let src =
            "Program(\n    title: \"See https://example.org\" // note\n    level: Beginner,\n)";
        let d = &check_source(src.as_bytes(), Library::bundled()).diagnostics[0];
        assert_eq!((d.code, d.line, d.column), (Code::Syntax, 2, 37));
    }

    #[test]
    fn the_first_value_skips_comments_of_both_kinds() {
        assert_eq!(first_value("// a\n/* b\n c */ Program("), (3, 7));
        assert_eq!(first_value("   "), (1, 1));
    }
}
