//! Small text helpers shared by the checker and the screens: making any text safe to put on a
//! terminal, and finding the closest known name for a "did you mean" suggestion.

use std::borrow::Cow;

/// Text that is safe to print on one terminal line: control characters (and the invisible
/// bidirectional overrides) become U+FFFD, tabs and newlines become spaces.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if text.chars().any(needs_cleaning) {
        Cow::Owned(
            text.chars()
                .map(|c| match c {
                    '\t' | '\n' => ' ',
                    c if needs_cleaning(c) => '\u{FFFD}',
                    c => c,
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` wrapped at `width` columns (display width), every line starting with `indent`;
/// paragraphs are separated by a blank line in `text` and keep one line break between them in
/// the result. Runs of spaces and line breaks within a paragraph become one space.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let room = width.saturating_sub(super::wrap::width(indent)).max(1);
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        let words = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        for row in super::wrap::wrap_text(&words, room, 0) {
            out.push_str(indent);
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

fn needs_cleaning(c: char) -> bool {
    is_forbidden(c)
}

/// Is this character banned from program text? Control characters (tab and newline are
/// whitespace in a file; inside text they are caught after parsing) and the invisible
/// bidirectional overrides that can make text read differently from what it is.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The closest of `known` to `word`, when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1) + 1;
    known
        .into_iter()
        .map(|k| (edit_distance(&word, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, counting an adjacent swap as one edit (optimal string alignment).
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_line_replaces_controls_and_keeps_ordinary_text() {
        assert_eq!(clean_line("a\x1b[2Jb\tc"), "a\u{FFFD}[2Jb c");
        assert!(matches!(clean_line("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn closest_finds_typos_but_not_strangers() {
        let known = ["sets", "reps", "rest", "tempo", "per_side"];
        assert_eq!(closest("stes", known), Some("sets"));
        assert_eq!(closest("tempp", known), Some("tempo"));
        assert_eq!(closest("perside", known), Some("per_side"));
        assert_eq!(closest("banana", known), None);
    }
}
