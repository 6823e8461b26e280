//! Turning a file's bytes into program text: the size limit, encodings editors really save
//! (UTF-8 with or without a byte-order mark, UTF-16 with one, CRLF or CR line ends), and the
//! ban on control characters, so no escape sequence in a file can ever reach a terminal.

use super::diagnostic::{Code, Diagnostic};
// The rule itself lives with the other terminal-safety rules in `common::text`.
pub use crate::common::text::is_forbidden;

/// Program files are small; anything bigger is a mistake (or an attack), not a program.
pub const MAX_BYTES: usize = 1024 * 1024;

/// At most this many control-character diagnostics per file: one is enough to act on.
const MAX_CONTROL_REPORTS: usize = 5;

/// Decodes a file into text with `\n` line ends, or says why it cannot be a program.
pub fn decode(bytes: &[u8]) -> Result<String, Vec<Diagnostic>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![Diagnostic::error(
            Code::TooLarge,
            1,
            1,
            format!(
                "this file is {} KiB; a program file can be at most 1024 KiB (1 MiB)",
                bytes.len().div_ceil(1024)
            ),
        )
        .help("check that this is the program you meant; split a very large program into several files")]);
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(e) => {
                let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let (line, column) = end_position(good);
                return Err(vec![
                    Diagnostic::error(
                        Code::NotUtf8,
                        line,
                        column,
                        "this file is not UTF-8 text (it may be a word-processor document or use an old encoding)",
                    )
                    .help("save it from a plain-text editor as UTF-8"),
                ]);
            }
        }
    };
    if text.contains('\0') {
        return Err(vec![
            Diagnostic::error(
                Code::NotUtf8,
                1,
                1,
                "this file is not plain text: it holds zero bytes (it may be UTF-16 without a byte-order mark, or not text at all)",
            )
            .help("save it from a plain-text editor as UTF-8"),
        ]);
    }
    let text = normalize_line_ends(text);
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(Code::EmptyFile, 1, 1, "this file is empty").help(
                "start from a template with `upright new FILE`, or see docs/program-format.md",
            ),
        ]);
    }
    let controls = control_characters(&text);
    if controls.is_empty() {
        Ok(text)
    } else {
        Err(controls)
    }
}

/// UTF-16 as Windows editors save it ("Unicode"). A program is mostly ASCII, so bytes that
/// merely start like a UTF-16 mark but decode to mostly non-ASCII are not text at all.
fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, Vec<Diagnostic>> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| word([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    let ascii = units.iter().filter(|&&u| u < 0x80).count();
    let text = char::decode_utf16(units.iter().copied()).collect::<Result<String, _>>();
    match text {
        Ok(t) if bytes.len().is_multiple_of(2) && ascii * 2 >= units.len() => Ok(t),
        _ => Err(vec![
            Diagnostic::error(
                Code::NotUtf8,
                1,
                1,
                "this file is not UTF-8 text (it may be a word-processor document or use an old encoding)",
            )
            .help("save it from a plain-text editor as UTF-8"),
        ]),
    }
}

fn normalize_line_ends(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// The 1-based line and column just after `text`, counting columns in characters as RON does.
pub fn end_position(text: &str) -> (usize, usize) {
    let line = 1 + text.matches('\n').count();
    let column = 1 + text.rsplit('\n').next().unwrap_or("").chars().count();
    (line, column)
}

fn control_characters(text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (line_no, line) in text.split('\n').enumerate() {
        for (col, c) in line.chars().enumerate() {
            if c != '\t' && is_forbidden(c) {
                found.push(control_diagnostic(line_no + 1, col + 1, c));
                if found.len() == MAX_CONTROL_REPORTS {
                    return found;
                }
            }
        }
    }
    found
}

pub fn control_diagnostic(line: usize, column: usize, c: char) -> Diagnostic {
    Diagnostic::error(
        Code::ControlCharacter,
        line,
        column,
        format!(
            "the invisible control character U+{:04X} is not allowed: it could garble the screen",
            c as u32
        ),
    )
    .help("delete it and retype the text around it")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<String, Vec<Diagnostic>>) -> Code {
        r.unwrap_err()[0].code
    }

    #[test]
    fn plain_utf8_passes_unchanged() {
        assert_eq!(decode(b"Program()").unwrap(), "Program()");
    }

    #[test]
    fn byte_order_mark_and_windows_line_ends_load() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
    }

    #[test]
    fn utf16_with_bom_loads() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Prog\u{e9}".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap(), "Prog\u{e9}");
        let mut be = vec![0xFE, 0xFF];
        for u in "ok".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap(), "ok");
    }

    #[test]
    fn binary_that_starts_like_utf16_is_not_text() {
        assert_eq!(code(decode(b"\xff\xfe\x00garbage")), Code::NotUtf8);
    }

    #[test]
    fn utf16_without_a_mark_is_reported_as_an_encoding_problem() {
        let bytes: Vec<u8> = "Program()"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = decode(&bytes).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, Code::NotUtf8);
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        assert_eq!(code(decode(b"")), Code::EmptyFile);
        assert_eq!(code(decode(b" \n\t\n")), Code::EmptyFile);
    }

    #[test]
    fn oversized_file_is_an_error() {
        assert_eq!(code(decode(&vec![b' '; MAX_BYTES + 1])), Code::TooLarge);
        assert!(decode(&[b'x'; MAX_BYTES]).is_ok());
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let d = &decode(b"ab\ncd\xFFe").unwrap_err()[0];
        assert_eq!((d.code, d.line, d.column), (Code::NotUtf8, 2, 3));
    }

    #[test]
    fn control_characters_are_errors_but_tabs_and_newlines_are_not() {
        assert!(decode(b"a\tb\nc").is_ok());
        let d = &decode(b"ok\nname: \"\x1b[31m\"").unwrap_err()[0];
        assert_eq!((d.code, d.line, d.column), (Code::ControlCharacter, 2, 8));
        assert_eq!(
            code(decode("x\u{202E}y".as_bytes())),
            Code::ControlCharacter
        );
    }
}
