//! Writing programs as RON text: quoting text so it reads back exactly as it was.

/// `text` as a RON string literal: quotes and backslashes escaped, and every control or
/// invisible direction character written as a `\u{..}` escape, so the file stays plain,
/// printable text (and the checker still sees, and refuses, the character itself).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if super::source::is_forbidden(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_reads_back_unchanged() {
        for text in [
            "plain",
            "a \"quote\" and \\",
            "two\nlines",
            "esc\u{1b}[2J",
            "é ✓ \u{202e}",
        ] {
            let q = quote(text);
            assert!(!q.chars().any(|c| c.is_control()), "{q}");
            let back: String = ron::from_str(&q).unwrap();
            assert_eq!(back, text);
        }
    }
}
