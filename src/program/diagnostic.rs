//! Diagnostics: what the checker says about a program file, with a stable code, the line and
//! column of the offending value, one sentence of why and one of how to fix it; and the one
//! place they are rendered, as text for a person or JSON for tools.

use std::fmt::Write as _;

use serde::Serialize;

use crate::common::text::clean_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident, $title:literal;)*) => {
        /// Every diagnostic the checker can give. The names are stable: tools and
        /// `upright explain` use them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// A few words on what the code is about, for lists.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title),* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(name))
            }
        }
    };
}

codes! {
    TooLarge => "too-large", Error, "the file is over 1 MiB";
    NotUtf8 => "not-utf8", Error, "the file is not UTF-8 text";
    Unreadable => "unreadable", Error, "the file could not be read";
    EmptyFile => "empty-file", Error, "the file is empty";
    ControlCharacter => "control-character", Error, "an invisible control character in the text";
    InvisibleCharacter => "invisible-character", Error, "a zero-width, joining, tag or direction character in the text";
    Syntax => "syntax", Error, "the file is not well-formed RON";
    NotAProgram => "not-a-program", Error, "the file does not hold a Program(...)";
    UnknownField => "unknown-field", Error, "a field name the format does not have";
    UnknownVariant => "unknown-variant", Error, "a choice the format does not have";
    MissingField => "missing-field", Error, "a required field is missing";
    DuplicateField => "duplicate-field", Error, "a field is written twice";
    WrongType => "wrong-type", Error, "a value of the wrong type";
    TextLength => "text-length", Error, "a title, name or cue is empty or too long";
    OutOfRange => "out-of-range", Error, "a program setting outside its range";
    NoSessions => "no-sessions", Error, "a program without sessions";
    DuplicateSession => "duplicate-session", Error, "two sessions with the same name";
    EmptySession => "empty-session", Error, "a session without blocks";
    EmptyBlock => "empty-block", Error, "a block without items";
    PickRange => "pick-range", Error, "a block picks more items than it has, or none";
    UnknownExercise => "unknown-exercise", Error, "an item names an exercise that does not exist";
    DoseRange => "dose-range", Error, "a dose outside its safe range";
    ProgressStep => "progress-step", Error, "a progress step that adds nothing";
    ProgressCap => "progress-cap", Error, "a progress cap below the start dose or above the limit";
    ProgressMismatch => "progress-mismatch", Error, "a progress step that does not fit the dose";
    ProgressHarder => "progress-harder", Error, "Harder on an exercise without a harder variant";
    IdFormat => "id-format", Error, "an exercise id that is not lowercase kebab-case";
    DuplicateId => "duplicate-id", Error, "two exercises with the same id";
    NoKinds => "no-kinds", Error, "an exercise without a kind";
    NoCues => "no-cues", Error, "an exercise without cues";
    UnknownLink => "unknown-link", Error, "easier or harder names an exercise that does not exist";
    LinkCycle => "link-cycle", Error, "easier or harder links that go round in a circle";
    Flexion => "flexion", Error, "an exercise that bends the spine forward";
    Twisting => "twisting", Error, "an exercise that twists the spine";
    SideBend => "side-bend", Error, "an exercise that bends the spine sideways";
    DisguisedFlexion => "disguised-flexion", Error, "a name or cue that describes forward bending";
    DisguisedTwisting => "disguised-twisting", Error, "a name or cue that describes twisting";
    DisguisedSideBend => "disguised-side-bend", Error, "a name or cue that describes side bending";
    ImpactUnderstated => "impact-understated", Error, "a name that implies more impact than the exercise declares";
    ImpactLevel => "impact-level", Error, "impact beyond what a beginner or after-fracture program allows";
    EasierNotEasier => "easier-not-easier", Error, "an easier variant of higher impact, or a harder rung";
    ResistanceDose => "resistance-dose", Error, "resistance sets, reps or rests far outside the guidance";
    ResistanceFrequency => "resistance-frequency", Error, "resistance work on far more days a week than the guidance";
    SustainedHold => "sustained-hold", Error, "an end-range extension hold far longer than the guidance";
    SessionTooLong => "session-too-long", Error, "a session longer than is plausible";
    PoseSpine => "pose-spine", Error, "a figure whose pose bends or twists the spine";
    Figure => "figure", Error, "a figure that cannot be drawn";
    HighImpact => "high-impact", Warning, "high-impact work";
    ModerateImpactBeginner => "moderate-impact-beginner", Warning, "moderate impact in a beginner program";
    LongSession => "long-session", Warning, "a session estimated at over 60 minutes";
    NoBalance => "no-balance", Warning, "a program without balance work";
    NoExtension => "no-extension", Warning, "a program without back-extension work";
    AmbiguousMovement => "ambiguous-movement", Warning, "a word that often means bending or twisting the back";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// 1-based line and column (in characters) of the offending value.
    pub line: usize,
    pub column: usize,
    /// Why, in one sentence a physiotherapist understands.
    pub message: String,
    /// How to fix it, when there is something to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Colours for text output; all empty when the output is not a terminal or `NO_COLOR` is set.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub error: &'static str,
    pub warning: &'static str,
    pub dim: &'static str,
    pub bold: &'static str,
    pub reset: &'static str,
}

impl Style {
    /// Colour for a terminal, unless `NO_COLOR` is set; plain for files and pipes.
    pub fn for_stream(is_terminal: bool) -> Style {
        if is_terminal && std::env::var_os("NO_COLOR").is_none() {
            Style::COLOR
        } else {
            Style::PLAIN
        }
    }

    pub fn stdout() -> Style {
        Style::for_stream(std::io::IsTerminal::is_terminal(&std::io::stdout()))
    }

    pub fn stderr() -> Style {
        Style::for_stream(std::io::IsTerminal::is_terminal(&std::io::stderr()))
    }

    pub const PLAIN: Style = Style {
        error: "",
        warning: "",
        dim: "",
        bold: "",
        reset: "",
    };
    pub const COLOR: Style = Style {
        error: "\x1b[1;31m",
        warning: "\x1b[1;33m",
        dim: "\x1b[34m",
        bold: "\x1b[1m",
        reset: "\x1b[0m",
    };
}

/// Renders one diagnostic the way rustc does: the code and reason, `file:line:column`, the
/// source line with a marker under the offending value, and the fix.
pub fn render(file: &str, source: Option<&str>, d: &Diagnostic, style: Style) -> String {
    let Style {
        error,
        warning,
        dim,
        bold,
        reset,
    } = style;
    let colour = if d.is_error() { error } else { warning };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{colour}{}[{}]{reset}{bold}: {}{reset}",
        d.severity.label(),
        d.code,
        clean_line(&d.message)
    );
    let _ = writeln!(
        out,
        "  {dim}-->{reset} {}:{}:{}",
        clean_line(file),
        d.line,
        d.column
    );
    if let Some(line) = source.and_then(|s| s.split('\n').nth(d.line.saturating_sub(1))) {
        let shown = clean_line(line);
        let number = d.line.to_string();
        let pad = " ".repeat(number.len());
        let lead = d.column.saturating_sub(1);
        let width = marker_width(&shown, lead);
        let _ = writeln!(out, "{pad} {dim}|{reset}");
        let _ = writeln!(out, "{dim}{number} |{reset} {shown}");
        let _ = writeln!(
            out,
            "{pad} {dim}|{reset} {}{colour}{}{reset}",
            " ".repeat(lead),
            "^".repeat(width)
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "  {dim}={reset} {bold}help{reset}: {}",
            clean_line(help)
        );
    }
    out
}

/// How many characters the value starting at `column` spans: a whole string, word or number.
fn marker_width(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column).collect();
    match rest.first() {
        None => 1,
        Some('"') => {
            let mut escaped = false;
            for (i, &c) in rest.iter().enumerate().skip(1) {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => return i + 1,
                    _ => escaped = false,
                }
            }
            rest.len()
        }
        Some(c) if c.is_alphanumeric() || *c == '_' || *c == '-' => rest
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_' || **c == '-' || **c == '.')
            .count(),
        Some(_) => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_unique_kebab_case_name() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        for n in &names {
            assert!(
                n.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{n}"
            );
            assert_eq!(Code::from_name(n).map(|c| c.as_str()), Some(*n));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn render_marks_the_whole_value_under_the_source_line() {
        let src = "Program(\n    name: \"Seated crunch\",\n)";
        let d = Diagnostic::error(Code::DisguisedFlexion, 2, 11, "it names a crunch")
            .help("use a bridge");
        let text = render("p.ron", Some(src), &d, Style::PLAIN);
        assert_eq!(
            text,
            "error[disguised-flexion]: it names a crunch\n  --> p.ron:2:11\n  |\n2 |     name: \"Seated crunch\",\n  |           ^^^^^^^^^^^^^^^\n  = help: use a bridge\n"
        );
    }

    #[test]
    fn render_never_prints_control_characters_from_the_file() {
        let src = "name: \"\x1b[2J\"";
        let d = Diagnostic::error(Code::ControlCharacter, 1, 8, "bad");
        let text = render("a\x1bb.ron", Some(src), &d, Style::PLAIN);
        assert!(!text.contains('\x1b'));
    }
}
