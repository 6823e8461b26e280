//! Word endings in each language of the lexicon, as places where a word may be cut: a
//! lexicon word is kept as its stem ("crunches" as "crunch", "Rumpfbeugen" as "rumpfbeug",
//! "abdominales" as "abdominal"), and a word of the text may end, or give way to the next
//! word of a phrase, at any of its cut points in any language. The endings are the common
//! plural, verb and noun endings after accents are folded; a stem keeps at least
//! `MIN_STEM` letters, so short words are never cut down to nothing.

use serde::{Deserialize, Serialize};

/// The languages of the lexicon. Sanskrit is yoga's names in their usual Latin spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Lang {
    En,
    De,
    Fr,
    Es,
    It,
    Nl,
    Pt,
    Pl,
    Sv,
    Da,
    Sa,
}

impl Lang {
    pub const ALL: [Lang; 11] = [
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::It,
        Lang::Nl,
        Lang::Pt,
        Lang::Pl,
        Lang::Sv,
        Lang::Da,
        Lang::Sa,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "German",
            Lang::Fr => "French",
            Lang::Es => "Spanish",
            Lang::It => "Italian",
            Lang::Nl => "Dutch",
            Lang::Pt => "Portuguese",
            Lang::Pl => "Polish",
            Lang::Sv => "Swedish",
            Lang::Da => "Danish",
            Lang::Sa => "Sanskrit",
        }
    }

    /// Endings, longest first within each language's list.
    fn endings(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["ings", "ing", "ers", "er", "ies", "es", "ed", "s"],
            Lang::De => &[
                "ungen", "ung", "ten", "en", "em", "er", "es", "st", "te", "e", "n", "s", "t",
            ],
            Lang::Fr => &[
                "ements", "ement", "ations", "ation", "ees", "ee", "es", "er", "ez", "ant", "e",
                "s", "x",
            ],
            Lang::Es => &[
                "aciones", "acion", "iendo", "ando", "arse", "erse", "irse", "ados", "adas", "ado",
                "ada", "ar", "er", "ir", "es", "as", "os", "a", "o", "s",
            ],
            Lang::It => &[
                "azioni", "azione", "ando", "endo", "arsi", "ersi", "irsi", "are", "ere", "ire",
                "ati", "ate", "ato", "ata", "i", "e", "o", "a",
            ],
            Lang::Nl => &["ingen", "ing", "ten", "en", "es", "te", "e", "s", "t"],
            Lang::Pt => &[
                "acoes", "acao", "oes", "ando", "endo", "ados", "adas", "ado", "ada", "ais", "ao",
                "al", "ar", "er", "ir", "es", "as", "os", "a", "o", "s",
            ],
            // Polish inflects by case: the common plural and case endings; other forms are
            // listed as names.
            Lang::Pl => &["ami", "ach", "ow", "om", "em", "ie", "i", "a", "e"],
            Lang::Sv => &[
                "ningarna", "ningar", "ning", "arna", "erna", "orna", "ar", "er", "or", "en", "et",
                "na", "a", "e",
            ],
            Lang::Da => &[
                "ingerne", "inger", "ing", "erne", "ene", "er", "en", "et", "e",
            ],
            Lang::Sa => &["s"],
        }
    }
}

/// The fewest letters a stem keeps; a plural -s may leave two ("ups" is "up").
pub const MIN_STEM: usize = 3;
const MIN_STEM_BEFORE_S: usize = 2;

/// Where `word` may be cut under `lang`'s endings, longest ending first (so the first is the
/// stem), without the whole word.
fn cuts_in(word: &[char], lang: Lang, out: &mut Vec<usize>) {
    for ending in lang.endings() {
        let n = ending.len();
        let min = if *ending == "s" {
            MIN_STEM_BEFORE_S
        } else {
            MIN_STEM
        };
        if word.len() >= min + n && word[word.len() - n..].iter().copied().eq(ending.chars()) {
            let cut = word.len() - n;
            out.push(cut);
            // English doubles a consonant before -ing, -ed, -er: "stopping", "stopped".
            if lang == Lang::En
                && matches!(*ending, "ing" | "ed" | "er" | "ers" | "ings")
                && cut > MIN_STEM
                && word[cut - 1] == word[cut - 2]
                && !matches!(word[cut - 1], 'l' | 's' | 'z' | 'e' | 'o')
            {
                out.push(cut - 1);
            }
        }
    }
}

/// The stem of a lexicon word in its own language, as a length.
pub fn stem(word: &[char], lang: Lang) -> usize {
    let mut cuts = Vec::new();
    cuts_in(word, lang, &mut cuts);
    cuts.into_iter().min().unwrap_or(word.len())
}

/// Every place a word of the text may be cut, in any language, the whole word included.
pub fn cuts(word: &[char]) -> Vec<usize> {
    let mut out = vec![word.len()];
    for lang in Lang::ALL {
        cuts_in(word, lang, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(w: &str, lang: Lang) -> String {
        let c: Vec<char> = w.chars().collect();
        c[..stem(&c, lang)].iter().collect()
    }

    #[test]
    fn stems_in_each_language() {
        assert_eq!(s("crunches", Lang::En), "crunch");
        assert_eq!(s("twisting", Lang::En), "twist");
        assert_eq!(s("stopping", Lang::En), "stop");
        assert_eq!(s("rolled", Lang::En), "roll");
        assert_eq!(s("rumpfbeugen", Lang::De), "rumpfbeug");
        assert_eq!(s("abdominales", Lang::Es), "abdominal");
        assert_eq!(s("enroulement", Lang::Fr), "enroul");
        assert_eq!(s("rotacoes", Lang::Pt), "rot");
        assert_eq!(s("sit", Lang::En), "sit");
    }

    #[test]
    fn text_words_may_be_cut_in_any_language() {
        let w: Vec<char> = "rumpfbeuge".chars().collect();
        assert!(cuts(&w).contains(&9));
        let w: Vec<char> = "situps".chars().collect();
        assert_eq!(cuts(&w), vec![5, 6]);
        let w: Vec<char> = "ups".chars().collect();
        assert_eq!(cuts(&w), vec![2, 3]);
    }
}
