//! Text as the matcher sees it: Unicode NFKC, letters that only look Latin (UTS #39
//! confusables: Cyrillic "с", Greek "ο", small capitals) mapped to their Latin skeleton,
//! accents folded, lower case, apostrophes dropped, and words split at spaces, hyphens,
//! underscores, line breaks and punctuation, each word remembering what separated it from
//! the one before. Disguises are undone here too: letters spelled out one by one
//! ("S-i-t-u-p-s", "c r u n c h") are joined into one word, a run of three or more of one
//! letter ("cruuunch") may be read as one or two, and a symbol inside a word stands for a
//! letter: a masking character ("cr*nch", "tw#st") for any letter, "!" and "|" for "i" or
//! "l", "€" for "e". Digits written for letters ("s1t-ups") are resolved later, against the
//! lexicon (`letters_for`). Also: which characters are invisible, so the checker can refuse
//! them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// What stands between a word and the one before it, weakest first. Words separated by a
/// space or a joiner can belong to one phrase ("sit up", "sit-up", "sit_\nup"); a comma or a
/// stop ends a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// A hyphen, an underscore, a slash or a line break, or any punctuation squeezed between
    /// two letters with no space ("C.r.unch", "sit,ups").
    Joiner,
    Space,
    Comma,
    /// `.`, `;`, `:`, `!`, `?`, brackets, or the start of the text.
    Stop,
}

/// A letter-for-anything in a word: a masking character ("cr*nch").
pub const ANY: char = '*';

/// One word: its folded letters and what came before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Folded letters, digits, and symbols standing for letters (`letters_for`, `ANY`).
    pub chars: Vec<char>,
    /// Positions of letters that may be left out: the extra copy a run of three or more of
    /// one letter was cut down to ("cruuunch" is "cruunch", its second "u" optional).
    pub optional: Vec<usize>,
    pub gap: Gap,
    /// A clause ends before this word: a full stop, colon, semicolon, question or
    /// exclamation mark, a dash with a space beside it, or the start of the text. A negation
    /// never reaches across one.
    pub clause: bool,
}

impl Word {
    pub fn text(&self) -> String {
        self.chars
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.optional.contains(i))
            .map(|(_, c)| c)
            .collect()
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

/// Characters that hide a letter when written inside a word ("cr*nch", "tw#st", "s?t-ups").
fn is_mask(c: char) -> bool {
    matches!(
        c,
        '*' | '#'
            | '?'
            | '%'
            | '~'
            | '^'
            | '\u{B7}'
            | '\u{2022}'
            | '\u{2217}'
            | '\u{204E}'
            | '\u{2731}'
            | '\u{25CF}'
            | '\u{25A0}'
            | '\u{2588}'
            | '\u{FFFD}'
    )
}

/// Symbols written for a letter inside a word (leetspeak beyond digits): "tw!st", "s|t-ups",
/// "cr€unch". "!" stays as itself and stands for "i" or "l" (`letters_for`).
fn leet(c: char) -> Option<char> {
    match c {
        '$' => Some('s'),
        '@' => Some('a'),
        '!' | '|' | '\u{A1}' | '\u{A6}' => Some('!'),
        '\u{20AC}' => Some('e'),
        '\u{A3}' => Some('l'),
        '\u{A2}' | '\u{A9}' => Some('c'),
        '\u{A5}' => Some('y'),
        '\u{A7}' => Some('s'),
        '\u{AE}' => Some('r'),
        _ => None,
    }
}

/// A word as read, before single letters are joined.
struct Read {
    word: Word,
    /// Characters of the text it was read from (a single letter is 1).
    source: usize,
    /// What stands between it and the word before.
    sep: String,
}

/// The words of `text`, folded.
pub fn words(text: &str) -> Vec<Word> {
    // NFKC leaves ASCII as it is, and most texts are ASCII: normalising is the costliest step
    // of building the lexicon before the first frame. A trade mark sign is a mark after a
    // word, not the letters NFKC spells it with ("crunch™" is "crunch", not "crunchtm").
    let chars: Vec<char> = if text.is_ascii() {
        text.chars().collect()
    } else {
        text.chars()
            .map(|c| {
                if matches!(c, '\u{2122}' | '\u{2120}') {
                    ' '
                } else {
                    c
                }
            })
            .nfkc()
            .collect()
    };
    let alnum = |i: usize| chars.get(i).is_some_and(|&c| is_letter(c));
    let mut out: Vec<Read> = Vec::new();
    let mut word: Vec<char> = Vec::new();
    let mut source = 0;
    // The strongest separator since the last word (the start of the text is a stop), whether
    // a clause ended there, and how many characters it took; and the same for the word
    // being read.
    let (mut pending, mut pending_clause, mut pending_sep) = (Gap::Stop, true, String::new());
    let (mut gap, mut clause, mut sep) = (Gap::Stop, true, String::new());
    let mut i = 0;
    // The next character that is not a mask, found once for a whole run of masks.
    let mut after_masks = 0;
    while i < chars.len() {
        let c = chars[i];
        if after_masks <= i {
            after_masks = (i..chars.len())
                .find(|&k| !is_mask(chars[k]))
                .unwrap_or(chars.len());
        }
        // An invisible letter (a Hangul filler) is no letter: "t\u{3164}wist" is "twist".
        if is_invisible(c) && is_letter(c) {
            i += 1;
            continue;
        }
        let in_word = if is_letter(c) {
            Some(None)
        } else if is_mask(c)
            && alnum(after_masks)
            && (!word.is_empty() || !emphasis(&chars, after_masks))
        {
            Some(Some(ANY))
        } else if let Some(l) = leet(c)
            && spells(&chars, i, &word)
            // An exclamation mark at the end of a word ends a sentence ("Twist!"); a registered
            // or copyright sign there is a mark, not a letter ("Crunch®").
            && (!matches!(c, '!' | '\u{AE}' | '\u{A9}')
                || chars.get(i + 1).is_some_and(|&n| is_letter(n) || leet(n).is_some()))
            && !(c == '!' && sentence_break(&chars, i))
        {
            Some(Some(l))
        } else {
            None
        };
        if let Some(letter) = in_word {
            if word.is_empty() {
                (gap, clause) = (pending, pending_clause);
                sep = std::mem::take(&mut pending_sep);
            }
            match letter {
                Some(l) => word.push(l),
                None => fold(c, &mut word),
            }
            source += 1;
            i += 1;
            continue;
        }
        let flush = |word: &mut Vec<char>, source: &mut usize, out: &mut Vec<Read>| {
            if !word.is_empty() {
                out.push(Read {
                    word: Word {
                        chars: std::mem::take(word),
                        optional: Vec::new(),
                        gap,
                        clause,
                    },
                    source: std::mem::take(source),
                    sep: sep.clone(),
                });
            }
        };
        // A "+" against a word on one side only stands for a "t" ("+wist", "twis+").
        let beside = |k: Option<usize>| {
            k.and_then(|k| chars.get(k))
                .is_some_and(|&n| is_letter(n) || leet(n).is_some())
        };
        if c == '+' && beside(i.checked_sub(1)) != beside(Some(i + 1)) {
            if word.is_empty() {
                (gap, clause) = (pending, pending_clause);
                sep = std::mem::take(&mut pending_sep);
            }
            word.push('t');
            source += 1;
            i += 1;
            continue;
        }
        if matches!(c, '&' | '+') {
            // "sit & reach" is "sit and reach".
            let first = out.is_empty() && word.is_empty();
            flush(&mut word, &mut source, &mut out);
            out.push(Read {
                word: Word {
                    chars: vec!['a', 'n', 'd'],
                    optional: Vec::new(),
                    gap: if first { Gap::Stop } else { Gap::Space },
                    clause: first,
                },
                source: 0,
                sep: c.to_string(),
            });
            (pending, pending_clause, pending_sep) = (Gap::Space, false, String::new());
            i += 1;
            continue;
        }
        // Punctuation squeezed between two letters hides a word break ("C.r.unch").
        let tight = !word.is_empty() && !c.is_whitespace() && alnum(i + 1);
        let spaced = |i: usize| {
            chars
                .get(i.wrapping_sub(1))
                .is_some_and(|c| c.is_whitespace())
                || chars.get(i + 1).is_some_and(|c| c.is_whitespace())
        };
        let (kind, ends_clause) = match c {
            // French and Italian elision ("l'enfant", "dell'anca") separates two words; an
            // English apostrophe ("child's", "don't") joins its word.
            '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{B4}' => {
                if ELIDED.iter().any(|e| e.chars().eq(word.iter().copied())) && alnum(i + 1) {
                    (Gap::Space, false)
                } else {
                    i += 1;
                    continue;
                }
            }
            c if is_invisible(c) || is_combining_mark(c) => {
                i += 1;
                continue;
            }
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2E3A}' | '\u{2E3B}' => {
                (Gap::Joiner, spaced(i))
            }
            '_' | '/' | '\n' => (Gap::Joiner, false),
            ',' | '\u{FF0C}' | '\u{3001}' => (Gap::Comma, false),
            '.' | ';' | ':' | '!' | '?' | '\u{A1}' | '\u{BF}' | '\u{2026}' | '\u{3002}' => {
                (Gap::Stop, true)
            }
            '(' | ')' | '[' | ']' | '{' | '}' => (Gap::Stop, false),
            // Quotation marks set a name apart without ending it: 'the "hundred"'.
            '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{AB}' | '\u{BB}' => (Gap::Space, false),
            _ => (Gap::Space, false),
        };
        let kind = if tight { Gap::Joiner } else { kind };
        if word.is_empty() {
            pending = pending.max(kind);
            pending_clause |= ends_clause;
            pending_sep.push(c);
        } else {
            flush(&mut word, &mut source, &mut out);
            (pending, pending_clause, pending_sep) = (kind, ends_clause, c.to_string());
        }
        i += 1;
    }
    if !word.is_empty() {
        out.push(Read {
            word: Word {
                chars: word,
                optional: Vec::new(),
                gap,
                clause,
            },
            source,
            sep,
        });
    }
    join_single_letters(out)
        .into_iter()
        .map(|mut w| {
            collapse_runs(&mut w);
            w
        })
        .collect()
}

/// Does the symbol at `i` stand inside a run of letters and symbols with a letter or another
/// symbol in it ("$!7-up$", "Kn€€", "|umb€rj@ck"), rather than beside a space ("Sets | reps")
/// or a number ("$5")?
fn spells(chars: &[char], i: usize, word: &[char]) -> bool {
    let symbol = |c: char| leet(c).is_some();
    let next_in_run = chars.get(i + 1).is_some_and(|&n| is_letter(n) || symbol(n));
    if !word.is_empty() {
        return true;
    }
    let run = || {
        chars[i..]
            .iter()
            .take_while(|&&c| is_letter(c) || symbol(c))
    };
    next_in_run && (run().any(|c| c.is_alphabetic()) || run().filter(|&&c| symbol(c)).count() >= 2)
}

/// A letter or digit, or a Latin letter in a box or circle.
fn is_letter(c: char) -> bool {
    // At once for ASCII (no ASCII character is enclosed but "x", a letter anyway): this runs
    // for every character of every phrase of the lexicon as it is built.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || enclosed(c).is_some()
}

/// Is the masked run starting at `from` (its first letter) wrapped in the same mask on both
/// sides, as emphasis ("*not*"), rather than hiding a letter?
fn emphasis(chars: &[char], from: usize) -> bool {
    let end = (from..chars.len())
        .find(|&k| !(is_letter(chars[k]) || is_mask(chars[k])))
        .unwrap_or(chars.len());
    end > from && is_mask(chars[end - 1]) && from > 0 && chars[end - 1] == chars[from - 1]
}

/// Is the "!" at `i` ending a sentence squeezed against the next ("Twist!Now"), rather than
/// a letter ("tw!st")?
fn sentence_break(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|k| chars.get(k));
    let after = chars.get(i + 1);
    matches!((before, after), (Some(b), Some(a)) if b.is_lowercase() && a.is_uppercase())
}

/// Three or more one-letter words in a row, each apart from the next by the same few
/// characters, are one word spelled out: "S-i-t-u-p-s", "C.r.u.n.c.h", "c r u n c h" (but
/// not "s, e.g.").
fn join_single_letters(read: Vec<Read>) -> Vec<Word> {
    const MIN_RUN: usize = 3;
    const MAX_SEP: usize = 3;
    let single = |r: &Read| r.source == 1;
    let mut out: Vec<Word> = Vec::new();
    let mut i = 0;
    while i < read.len() {
        let mut end = i + 1;
        if single(&read[i]) && i + 1 < read.len() {
            let sep = &read[i + 1].sep;
            while end < read.len()
                && single(&read[end])
                && read[end].sep == *sep
                && sep.chars().count() <= MAX_SEP
            {
                end += 1;
            }
        }
        if end - i >= MIN_RUN {
            let mut w = read[i].word.clone();
            for r in &read[i + 1..end] {
                w.chars.extend(&r.word.chars);
            }
            out.push(w);
            i = end;
        } else {
            out.push(read[i].word.clone());
            i += 1;
        }
    }
    out
}

/// A run of three or more of one letter is cut to two, the second optional: "cruuunch"
/// reads as "crunch" and "rolllling" as "rolling".
fn collapse_runs(w: &mut Word) {
    let mut chars: Vec<char> = Vec::with_capacity(w.chars.len());
    let mut optional = Vec::new();
    let mut i = 0;
    while i < w.chars.len() {
        let c = w.chars[i];
        let run = w.chars[i..].iter().take_while(|&&x| x == c).count();
        if run >= 3 && c.is_alphabetic() {
            chars.push(c);
            optional.push(chars.len());
            chars.push(c);
        } else {
            chars.extend(std::iter::repeat_n(c, run));
        }
        i += run;
    }
    if !optional.is_empty() {
        w.chars = chars;
        w.optional = optional;
    }
}

/// Appends the Latin letters `c` stands for: lower case, without accents, confusables mapped
/// to their Latin skeleton.
fn fold(c: char, out: &mut Vec<char>) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(l) = enclosed(c) {
        return out.push(l);
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

/// Latin letters drawn in boxes, circles or as flag letters, which neither NFKC nor the
/// confusable skeleton maps: squared, negative circled and negative squared capitals, and
/// regional indicators ("🅲🆁🆄🅽🅲🅷", "🇹🇼🇮🇸🇹").
/// Also the small capitals UTS #39 leaves out ("ᴀ", "ʜ", "ɴ").
fn enclosed(c: char) -> Option<char> {
    const BLOCKS: [u32; 4] = [0x1F130, 0x1F150, 0x1F170, 0x1F1E6];
    // No small capital x: "x" holds its place.
    const SMALL_CAPITALS: &str = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡxʏᴢ";
    let n = c as u32;
    if let Some(i) = SMALL_CAPITALS.chars().position(|s| s == c) {
        return char::from_u32('a' as u32 + i as u32);
    }
    BLOCKS
        .iter()
        .find(|&&b| (b..b + 26).contains(&n))
        .and_then(|&b| char::from_u32('a' as u32 + n - b))
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

/// Digits and symbols written for letters: the letters one can stand for (none for a
/// letter; `ANY` stands for every letter).
pub fn letters_for(d: char) -> &'static [char] {
    match d {
        '!' => &['i', 'l'],
        // A round "0" is also read as a "u" ("cr0nch").
        '0' => &['o', 'u'],
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
    fn spelled_out_masked_and_stretched_words_are_undone() {
        assert_eq!(texts("S-i-t-u-p-s"), ["situps"]);
        assert_eq!(texts("C.r.u.n.c.h"), ["crunch"]);
        assert_eq!(texts("c r u n c h e s"), ["crunches"]);
        assert_eq!(texts("Sit-u-p-s"), ["sit", "ups"]);
        // Two single letters are left alone: "a V sit".
        assert_eq!(texts("a V sit"), ["a", "v", "sit"]);
        assert_eq!(texts("Cr*nches"), ["cr*nches"]);
        assert_eq!(texts("cr**ch"), ["cr**ch"]);
        assert_eq!(
            texts("*runch, do *not* stop"),
            ["*runch", "do", "not", "stop"]
        );
        assert_eq!(texts("Crunch*"), ["crunch"]);
        assert_eq!(texts("tw!st TW|ST"), ["tw!st", "tw!st"]);
        assert_eq!(texts("Twist!Now cr\u{20AC}nch"), ["twist", "now", "crench"]);
        assert_eq!(texts("Cruuunch Twiiiist"), ["crunch", "twist"]);
        let w = words("Cruuunch");
        assert_eq!(w[0].chars.iter().collect::<String>(), "cruunch");
        assert_eq!(w[0].optional, [3]);
        // Punctuation between letters joins; it still ends a clause.
        let w = words("Cr.unch sit,ups no - twist");
        assert_eq!(w[1].gap, Gap::Joiner);
        assert!(w[1].clause);
        assert_eq!(w[3].gap, Gap::Joiner);
        assert!(!w[3].clause);
        assert_eq!(w[5].gap, Gap::Space);
        assert!(w[5].clause);
    }

    #[test]
    fn look_alike_letters_of_other_scripts_fold() {
        // Greek, Armenian, mathematical alphanumerics, enclosed letters, small capitals.
        assert_eq!(texts("\u{3c4}wist cr\u{3c5}nch"), ["twist", "crunch"]);
        assert_eq!(texts("cr\u{57d}nch \u{570}ug"), ["crunch", "hug"]);
        assert_eq!(
            texts("\u{1d42c}\u{1d422}\u{1d42d} \u{1d4c8}\u{1d4be}\u{1d4c9}"),
            ["sit", "sit"]
        );
        assert_eq!(
            texts("\u{24b8}\u{24c7}\u{24ca}\u{24c3}\u{24b8}\u{24bd} \u{1f172}"),
            ["crunch", "c"]
        );
        assert_eq!(
            texts("\u{1f1f9}\u{1f1fc}\u{1f1ee}\u{1f1f8}\u{1f1f9}"),
            ["twist"]
        );
        assert_eq!(
            texts("\u{1d04}\u{280}\u{1d1c}\u{274}\u{1d04}\u{29c}"),
            ["crunch"]
        );
        assert_eq!(texts("\u{1d1b}\u{1d21}\u{26a}s\u{1d1b}"), ["twist"]);
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
