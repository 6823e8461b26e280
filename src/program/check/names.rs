//! Rules about the words a person sees: no control or invisible characters, lengths that fit
//! the screen, and no refused movement in any name, id, cue, caution or piece of equipment,
//! in any spelling or language (the lexicon, `program::lexicon`); ambiguous words get a warning.
//! Also the `spine` field itself, and the safe exercise to suggest instead.

use super::{Checker, MAX_NAME};
use crate::common::text::{clean_line, is_forbidden};
use crate::program::diagnostic::Code;
use crate::program::lexicon::{Field, Warning, is_invisible};
use crate::program::locate::Path;
use crate::program::{Exercise, Spine};

/// What screening one text found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Words {
    Clean,
    Warned,
    Refused,
}

impl Checker<'_> {
    /// Characters that may not appear in any text: control characters and invisible ones.
    pub(super) fn text(&mut self, path: &Path, text: Option<&str>) {
        let Some(text) = text else { return };
        if let Some(c) = text.chars().find(|&c| c != '\n' && is_forbidden(c)) {
            let (message, help) = if c == '\t' {
                (
                    "this text holds a tab, which would break the layout on screen".to_owned(),
                    "replace the tab with a space",
                )
            } else {
                (
                    format!(
                        "this text holds the invisible control character U+{:04X}, which could garble the screen",
                        c as u32
                    ),
                    "remove the escape (such as \\u{1b}) from the text",
                )
            };
            self.add(
                Code::ControlCharacter,
                path.clone(),
                message,
                Some(help.into()),
            );
        } else if let Some((at, c)) = text.chars().enumerate().find(|&(_, c)| is_invisible(c)) {
            self.add(
                Code::InvisibleCharacter,
                path.clone(),
                format!(
                    "this text holds an invisible character, {} (U+{:04X}), as its character {}: it can hide what the text really says",
                    invisible_name(c),
                    c as u32,
                    at + 1
                ),
                Some("delete it and retype the text around it; in a RON escape, remove the \\u{...}".into()),
            );
        }
    }

    /// A name: 1 to `MAX_NAME` characters, no refused movement.
    pub(super) fn name(&mut self, path: &Path, what: &str, text: &str) {
        self.bounded(path, what, text, MAX_NAME);
    }

    pub(super) fn bounded(&mut self, path: &Path, what: &str, text: &str, max: usize) {
        self.text(path, Some(text));
        let n = text.trim().chars().count();
        if n == 0 {
            self.add(
                Code::TextLength,
                path.clone(),
                format!("{what} is empty"),
                Some("write a short, plain name".into()),
            );
        } else if text.chars().count() > max {
            self.add(
                Code::TextLength,
                path.clone(),
                format!(
                    "{what} is {} characters long; at most {max} fit on the session screen",
                    text.chars().count()
                ),
                Some(if max == MAX_NAME {
                    "shorten it; longer explanations belong in `summary` or the cues".into()
                } else {
                    "shorten it, or split it into two cues".into()
                }),
            );
        }
    }

    /// Screens one text against the lexicon: an error for a refused movement, and (with
    /// `warn`) a warning for an ambiguous word.
    pub(super) fn words(&mut self, path: &Path, text: &str, field: Field, warn: bool) -> Words {
        let lexicon = self.library.lexicon();
        let screen = lexicon.screen(text, field, &self.context);
        if let Some((g, phrase)) = screen.refused {
            let group = lexicon.group(g);
            let (code, what) = match group.movement {
                Spine::Rotation => (Code::DisguisedTwisting, "twisting"),
                Spine::SideBend => (Code::DisguisedSideBend, "side bending"),
                _ => (Code::DisguisedFlexion, "forward bending (flexion)"),
            };
            let help = self.instead_help(group.movement, Some(&group.instead));
            self.add(
                code,
                path.clone(),
                format!(
                    "\"{}\" describes {what}: \"{phrase}\" is one of the {}, never safe with osteoporosis of the spine ({})",
                    clean_line(text),
                    group.about,
                    group.reason
                ),
                Some(help),
            );
            return Words::Refused;
        }
        if let Some((warning, word)) = screen.warned.filter(|_| warn) {
            let what = |movement: Spine| match movement {
                Spine::Rotation => "twisting",
                Spine::SideBend => "side bending",
                _ => "bending the back forward",
            };
            let (message, help) = match warning {
                Warning::Ambiguous(a) => {
                    let amb = lexicon.ambiguous(a);
                    (
                        format!(
                            "\"{}\": \"{word}\" often means {}; read it as the person will and make sure it cannot",
                            clean_line(text),
                            what(amb.movement)
                        ),
                        format!("reword it: {}", amb.reword),
                    )
                }
                Warning::OutOfContext(g) => {
                    let group = lexicon.group(g);
                    (
                        format!(
                            "\"{}\": \"{word}\" is also the name of one of the {}, which means {} ({})",
                            clean_line(text),
                            group.about,
                            what(group.movement),
                            group.reason
                        ),
                        "if it means something else here, say what the body does in plain words"
                            .to_owned(),
                    )
                }
            };
            self.add(Code::AmbiguousMovement, path.clone(), message, Some(help));
            return Words::Warned;
        }
        Words::Clean
    }

    /// Every text of a local exercise a person sees, screened, and each cue read on into the
    /// next; one refusal is enough, since the exercise has to change either way.
    pub(super) fn exercise_words(&mut self, path: &Path, e: &Exercise) {
        let mut texts: Vec<(Path, &str, Field)> = vec![
            (path.field("id"), e.id.as_str(), Field::Name),
            (path.field("name"), e.name.as_str(), Field::Name),
        ];
        for (j, item) in e.equipment.iter().enumerate() {
            texts.push((path.field("equipment").index(j), item.as_str(), Field::Name));
        }
        for (j, cue) in e.cues.iter().enumerate() {
            texts.push((path.field("cues").index(j), cue.as_str(), Field::Prose));
        }
        if let Some(c) = &e.caution {
            texts.push((path.field("caution"), c.as_str(), Field::Prose));
        }
        // The words the coach says for each part of a paced rep.
        for (j, (word, _)) in e.pace.iter().enumerate() {
            texts.push((path.field("pace").index(j), word.as_str(), Field::Name));
        }
        // One refusal is enough; failing that, one warning for the exercise.
        let mut warned = false;
        for (at, text, field) in texts {
            match self.words(&at, text, field, !warned) {
                Words::Refused => return,
                Words::Warned => warned = true,
                Words::Clean => {}
            }
        }
        // The coach shows the cues one after another, so a movement split between two
        // ("bring your chest" / "towards your knees") is read across them.
        for (j, pair) in e.cues.windows(2).enumerate() {
            let joined = format!("{} {}", pair[0], pair[1]);
            if self.words(
                &path.field("cues").index(j + 1),
                &joined,
                Field::Prose,
                false,
            ) == Words::Refused
            {
                return;
            }
        }
    }

    pub(super) fn spine(&mut self, path: &Path, e: &Exercise) {
        let (code, why) = match e.spine {
            Spine::Neutral | Spine::Extension => return,
            Spine::Flexion => (
                Code::Flexion,
                "bending the spine forward (flexion) loads the front of the vertebrae and raises the risk of a spine fracture",
            ),
            Spine::Rotation => (
                Code::Twisting,
                "twisting the spine, especially with load, raises the risk of a spine fracture",
            ),
            Spine::SideBend => (
                Code::SideBend,
                "bending the spine sideways at end of range raises the risk of a spine fracture",
            ),
        };
        self.add(
            code,
            path.field("spine"),
            format!("\"{}\" is marked `spine: {:?}`: {why}", e.name, e.spine),
            Some(self.instead_help(e.spine, None)),
        );
    }

    fn instead_help(&self, movement: Spine, instead: Option<&str>) -> String {
        let fallback = match movement {
            Spine::Rotation | Spine::SideBend => "band-pull-apart",
            _ => "prone-back-extension",
        };
        let name = instead
            .and_then(|id| self.library.get(id))
            .or_else(|| self.library.get(fallback))
            .map_or("a back extension exercise", |e| e.name.as_str());
        match movement {
            Spine::Rotation | Spine::SideBend => {
                format!("keep the spine still and upright: use an exercise such as {name} instead")
            }
            _ => format!("use an exercise with a long back, such as {name}, instead"),
        }
    }
}

/// A name for an invisible character a physiotherapist can look up.
fn invisible_name(c: char) -> &'static str {
    match c {
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{FEFF}' => "a zero-width no-break space (byte-order mark)",
        '\u{AD}' => "a soft hyphen",
        '\u{200E}' | '\u{200F}' | '\u{61C}' => "a bidirectional mark",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{E0000}'..='\u{E007F}' => "a tag character",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "a variation selector",
        _ => "an invisible formatting character",
    }
}
