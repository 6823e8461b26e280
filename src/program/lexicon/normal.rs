//! Text as the matcher sees it: Unicode NFKC, letters that only look Latin (UTS #39
//! confusables: Cyrillic "с", Greek "ο", small capitals) mapped to their Latin skeleton,
//! accents folded, lower case, apostrophes dropped, and words split at spaces, hyphens,
//! underscores, line breaks and punctuation, each word remembering what separated it from
//! the one before. Digits written for letters ("s1t-ups") are resolved later, against the
//! lexicon. Also: which characters are invisible, so the checker can refuse them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// What stands between a word and the one before it, weakest first. Words separated by a
/// space or a joiner can belong to one phrase ("sit up", "sit-up", "sit_\nup"); a comma or a
/// stop ends a phrase, and a stop also ends the reach of a negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// A hyphen, an underscore, a slash or a line break.
    Joiner,
    Space,
    Comma,
    /// `.`, `;`, `:`, `!`, `?`, brackets and quotes, or the start of the text.
    Stop,
}

/// One word: its folded letters and what came before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub chars: Vec<char>,
    pub gap: Gap,
}

impl Word {
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

/// Is `c` invisible on screen: a default-ignorable code point (zero-width space and joiners,
/// soft hyphen, word joiner, variation selectors, tag characters, bidirectional marks), any
/// other format character, or a line or paragraph separator (U+2028, U+2029)?
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(
        c.general_category(),
        GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    ) || default_ignorable(c)
}

/// UTS #39's skeleton drops exactly the default-ignorable code points (and maps every other
/// character to at least one), so an empty skeleton means the character is one of them.
fn default_ignorable(c: char) -> bool {
    let mut buf = [0u8; 4];
    unicode_security::skeleton(c.encode_utf8(&mut buf))
        .next()
        .is_none()
}

/// Words that elide their last vowel before an apostrophe in French and Italian.
const ELIDED: &[&str] = &[
    "l", "d", "n", "j", "s", "t", "c", "m", "qu", "jusqu", "lorsqu", "dell", "all", "sull", "nell",
    "dall", "un", "quest", "coll",
];

/// The words of `text`, folded.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut word: Vec<char> = Vec::new();
    // The strongest separator since the last word (the start of the text is a stop), and
    // the gap before the word being read.
    let mut pending = Gap::Stop;
    let mut gap = Gap::Stop;
    let chars: Vec<char> = text.nfkc().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_alnum = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
        let letters =
            c.is_alphanumeric() || (matches!(c, '$' | '@') && (!word.is_empty() || next_alnum));
        if letters {
            if word.is_empty() {
                gap = pending;
            }
            match c {
                // Symbols written for letters inside a word: "$it-up$", "cr@nch".
                '$' => word.push('s'),
                '@' => word.push('a'),
                c => fold(c, &mut word),
            }
            continue;
        }
        if matches!(c, '&' | '+') {
            // "sit & reach" is "sit and reach".
            if !word.is_empty() {
                out.push(Word {
                    chars: std::mem::take(&mut word),
                    gap,
                });
            }
            out.push(Word {
                chars: vec!['a', 'n', 'd'],
                gap: if out.is_empty() {
                    Gap::Stop
                } else {
                    Gap::Space
                },
            });
            pending = Gap::Space;
            continue;
        }
        let sep = match c {
            // French and Italian elision ("l'enfant", "dell'anca") separates two words; an
            // English apostrophe ("child's", "don't") joins its word.
            '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{B4}' => {
                if ELIDED.iter().any(|e| e.chars().eq(word.iter().copied())) && next_alnum {
                    Gap::Space
                } else {
                    continue;
                }
            }
            c if is_invisible(c) || is_combining_mark(c) => continue,
            '-'
            | '_'
            | '/'
            | '\n'
            | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
            | '\u{2E3A}'
            | '\u{2E3B}' => Gap::Joiner,
            ',' | '\u{FF0C}' | '\u{3001}' => Gap::Comma,
            '.' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '\u{201C}'
            | '\u{201D}' | '\u{AB}' | '\u{BB}' | '\u{BF}' | '\u{A1}' | '\u{2026}' => Gap::Stop,
            _ => Gap::Space,
        };
        if word.is_empty() {
            pending = pending.max(sep);
        } else {
            out.push(Word {
                chars: std::mem::take(&mut word),
                gap,
            });
            pending = sep;
        }
    }
    if !word.is_empty() {
        out.push(Word { chars: word, gap });
    }
    out
}

/// Appends the Latin letters `c` stands for: lower case, without accents, confusables mapped
/// to their Latin skeleton.
fn fold(c: char, out: &mut Vec<char>) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'ß' | 'ẞ' => return out.extend(['s', 's']),
        'æ' | 'Æ' => return out.extend(['a', 'e']),
        'œ' | 'Œ' => return out.extend(['o', 'e']),
        _ => {}
    }
    for lower in c.to_lowercase() {
        if let Some(latin) = skeleton(lower).or_else(|| lower.to_uppercase().find_map(skeleton)) {
            out.extend(latin.chars());
        } else {
            out.extend(
                lower
                    .to_string()
                    .nfd()
                    .filter(|c| !is_combining_mark(*c))
                    .flat_map(char::to_lowercase),
            );
        }
    }
}

/// The Latin letters a character's UTS #39 skeleton spells, accents dropped, if it spells
/// only ASCII letters.
fn skeleton(c: char) -> Option<String> {
    let mut buf = [0u8; 4];
    let s: String = unicode_security::skeleton(c.encode_utf8(&mut buf))
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let ok = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
    // The skeleton spells "m" as "rn"; a single character that looks like "rn" is an "m".
    ok.then(|| if s == "rn" { "m".to_owned() } else { s })
}

/// Digits written for letters: the letters a digit can stand for.
pub fn letters_for(d: char) -> &'static [char] {
    match d {
        '0' => &['o'],
        '1' => &['i', 'l'],
        '2' => &['z'],
        '3' => &['e'],
        '4' => &['a'],
        '5' => &['s'],
        '6' => &['g'],
        '7' => &['t'],
        '8' => &['b'],
        '9' => &['g'],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s).iter().map(Word::text).collect()
    }

    #[test]
    fn folds_case_accents_confusables_and_width() {
        assert_eq!(texts("Étirement ROTATION"), ["etirement", "rotation"]);
        // Cyrillic с and у, Greek ο, fullwidth letters, a combining accent.
        assert_eq!(texts("\u{441}url \u{3bf}k \u{443}"), ["curl", "ok", "y"]);
        assert_eq!(texts("\u{FF53}\u{FF49}\u{FF54}"), ["sit"]);
        assert_eq!(texts("cru\u{301}nch"), ["crunch"]);
        assert_eq!(texts("Rückenstraße Übung"), ["ruckenstrasse", "ubung"]);
        assert_eq!(texts("\u{442}wist"), ["twist"]);
        assert_eq!(texts("𝐬𝐢𝐭"), ["sit"]);
    }

    #[test]
    fn invisible_characters_join_and_apostrophes_vanish() {
        assert_eq!(texts("sit\u{200D}ups"), ["situps"]);
        assert_eq!(texts("child\u{2019}s pose"), ["childs", "pose"]);
        assert_eq!(
            texts("posture de l'enfant"),
            ["posture", "de", "l", "enfant"]
        );
        assert_eq!(texts("don't"), ["dont"]);
        assert_eq!(texts("$it-up$"), ["sit", "ups"]);
    }

    #[test]
    fn words_remember_their_gaps() {
        let w = words("Sit-up, then: twist now\nslowly");
        let gaps: Vec<Gap> = w.iter().map(|w| w.gap).collect();
        assert_eq!(
            gaps,
            [
                Gap::Stop,
                Gap::Joiner,
                Gap::Comma,
                Gap::Stop,
                Gap::Space,
                Gap::Joiner
            ]
        );
        assert_eq!(words("  , a")[0].gap, Gap::Stop);
    }

    #[test]
    fn invisible_characters_are_known() {
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{200E}',
            '\u{200F}',
            '\u{61C}',
            '\u{2028}',
            '\u{2029}',
            '\u{E0041}',
            '\u{FE0F}',
            '\u{180E}',
        ] {
            assert!(is_invisible(c), "U+{:04X}", c as u32);
        }
        for c in ['a', 'é', ' ', '\u{A0}', 'с', '–', '’'] {
            assert!(!is_invisible(c), "U+{:04X}", c as u32);
        }
    }
}
