//! One word-wrapper, by display width (a wide character takes two columns, a combining mark
//! none): text breaks at spaces, a word longer than a line is broken, continuation rows are
//! indented, and pieces of text keep their tag (a screen's style). The handouts and
//! explanations wrap plain text with it; every screen wraps styled lines with it, so the rows
//! a text takes are known exactly before it is drawn.

use unicode_width::UnicodeWidthStr;

/// Columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Wraps `pieces` (text with a tag each, a word may run across pieces) to `width` columns.
/// Continuation rows start with `indent` columns of spaces, tagged like the piece they start
/// in. Spaces between words stay within a row and go at a break; a word wider than a row is
/// broken. There is always at least one row.
pub fn wrap_pieces<T: Clone + PartialEq>(
    pieces: &[(&str, T)],
    width: usize,
    indent: usize,
) -> Vec<Vec<(String, T)>> {
    let width = width.max(1);
    let indent = indent.min(width - 1);
    // Words and runs of spaces, each a list of tagged pieces.
    let mut tokens: Vec<(bool, Vec<(String, T)>)> = Vec::new();
    for (text, tag) in pieces {
        for c in text.chars() {
            let space = c == ' ';
            match tokens.last_mut() {
                Some((s, parts)) if *s == space => match parts.last_mut() {
                    Some((t, g)) if g == tag => t.push(c),
                    _ => parts.push((c.to_string(), tag.clone())),
                },
                _ => tokens.push((space, vec![(c.to_string(), tag.clone())])),
            }
        }
    }
    let mut rows = Rows {
        done: Vec::new(),
        row: Vec::new(),
        used: 0,
        indent,
        fresh: true,
    };
    let mut gap: Vec<(String, T)> = Vec::new();
    // Spaces before the first word are kept (an indented line stays indented).
    let mut leading = true;
    for (space, parts) in tokens {
        if space {
            gap = parts;
            continue;
        }
        let gap_width: usize = gap.iter().map(|(t, _)| t.width()).sum();
        let word_width: usize = parts.iter().map(|(t, _)| t.width()).sum();
        let keep_gap = !rows.fresh || (leading && gap_width + word_width <= width);
        leading = false;
        if !rows.fresh && rows.used + gap_width + word_width > width {
            rows.break_row(&parts[0].1);
        } else if keep_gap {
            for (t, g) in gap.drain(..) {
                let w = t.width();
                rows.push(t, g, w);
            }
        }
        gap.clear();
        for (text, tag) in parts {
            let mut chunk = String::new();
            let mut chunk_width = 0;
            for c in text.chars() {
                let cw = c.to_string().width();
                if rows.used + chunk_width + cw > width && !(rows.fresh && chunk.is_empty()) {
                    rows.push(std::mem::take(&mut chunk), tag.clone(), chunk_width);
                    chunk_width = 0;
                    rows.break_row(&tag);
                }
                chunk.push(c);
                chunk_width += cw;
            }
            rows.push(chunk, tag, chunk_width);
        }
    }
    rows.done.push(rows.row);
    rows.done
}

/// Plain `text` wrapped to `width` columns, continuation rows indented by `indent` spaces.
pub fn wrap_text(text: &str, width: usize, indent: usize) -> Vec<String> {
    wrap_pieces(&[(text, ())], width, indent)
        .into_iter()
        .map(|row| row.into_iter().map(|(t, ())| t).collect())
        .collect()
}

/// How many rows `text` takes wrapped to `width` columns.
pub fn rows(text: &str, width: usize) -> usize {
    wrap_pieces(&[(text, ())], width, 0).len()
}

/// The rows of `wrap_pieces` as they fill.
struct Rows<T> {
    done: Vec<Vec<(String, T)>>,
    row: Vec<(String, T)>,
    used: usize,
    indent: usize,
    /// Nothing but the indent on this row yet.
    fresh: bool,
}

impl<T: Clone> Rows<T> {
    fn push(&mut self, text: String, tag: T, width: usize) {
        if !text.is_empty() {
            self.row.push((text, tag));
            self.used += width;
            self.fresh = false;
        }
    }

    fn break_row(&mut self, tag: &T) {
        self.done.push(std::mem::take(&mut self.row));
        if self.indent > 0 {
            self.row.push((" ".repeat(self.indent), tag.clone()));
        }
        self.used = self.indent;
        self.fresh = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces_indents_and_never_loses_a_character() {
        let pieces = [
            ("• ", 1),
            (
                "Sit tall, feet flat, and stand up slowly without using your hands",
                0,
            ),
        ];
        let rows = wrap_pieces(&pieces, 24, 2);
        let text: Vec<String> = rows
            .iter()
            .map(|r| r.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert!(text.iter().all(|l| width(l) <= 24), "{text:?}");
        assert!(text[1].starts_with("  ") && !text[1].starts_with("   "));
        assert_eq!(rows[0][0], ("•".to_owned(), 1), "tags are kept");
        let joined = text
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            joined,
            "• Sit tall, feet flat, and stand up slowly without using your hands"
        );
        assert_eq!(wrap_text("abcdefghij", 4, 0), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_text("short", 80, 0), ["short"]);
        assert_eq!(wrap_text("", 80, 0), [""]);
        assert_eq!(wrap_text("  indented text", 10, 0), ["  indented", "text"]);
    }

    #[test]
    fn wide_characters_take_two_columns_and_combining_marks_none() {
        // Six wide characters are twelve columns: two rows of ten columns.
        assert_eq!(width("骨密度の運動"), 12);
        assert_eq!(wrap_text("骨密度の運動", 10, 0), ["骨密度の運", "動"]);
        // "e" and a combining acute accent are one column.
        assert_eq!(width("cafe\u{301}"), 4);
        assert_eq!(rows("cafe\u{301} cafe\u{301}", 9), 1);
        // Counting characters would say one row here; it takes two.
        assert_eq!(rows("体操 体操 体操", 10), 2);
    }
}
