//! The movement lexicon: the names of movements that never go into a program (flexion,
//! twisting, side bending, spinal rolling, rounded-back holds, end-range stretches), words
//! that usually but not always signal one, and names that imply impact, in several languages,
//! as data (`assets/movements.ron`), and the matching of any text a person sees against them.
//!
//! - `normal`: Unicode folding and words;
//! - `stem`: word endings in each language;
//! - `matcher`: finding phrases, and deciding whether a negation, an "anti-" or the words
//!   around a phrase excuse it.

mod matcher;
mod normal;
mod stem;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::{Impact, Spine};
pub use matcher::Field;
use matcher::Trie;
pub use normal::is_invisible;
pub use stem::Lang;

/// The lexicon file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// Named word lists that `unless_next` and `safe_with` refer to as "@name".
    pub classes: BTreeMap<String, Vec<String>>,
    /// Words that never change what a phrase is ("your", "the", "den", "le").
    pub fillers: Vec<String>,
    /// Words that excuse a phrase they govern ("not", "avoid", "without", "nicht", "sans").
    pub negations: Vec<String>,
    /// Words that may stand between a negation and the phrase it governs ("do", "let", "ever").
    pub transparent: Vec<String>,
    /// Ordinary words a typo must never be taken for ("crutches" is not "crunches").
    pub safe_words: Vec<String>,
    pub groups: Vec<Group>,
    pub ambiguous: Vec<Ambiguous>,
    pub impacts: Vec<ImpactNames>,
}

/// Movements of one kind that never go into a program.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub movement: Spine,
    /// What the group is, in a few words: "sit-ups and crunches".
    pub about: String,
    /// Why it is refused, one sentence.
    pub reason: String,
    /// The id of a safe library exercise to suggest instead.
    pub instead: String,
    /// "Anti-" in front ("anti-rotation") names resisting the movement, which is allowed.
    #[serde(default)]
    pub anti_ok: bool,
    /// Words which, right after a name, show it means something else ("sit up *tall*",
    /// "rolled-up *towel*").
    #[serde(default)]
    pub unless_next: Vec<String>,
    pub names: BTreeMap<Lang, Vec<String>>,
}

/// Words that usually signal a refused movement, but not always: a warning.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ambiguous {
    pub movement: Spine,
    /// How to reword it so the text says what the body does.
    pub reword: String,
    /// Words near it (three words either side, same sentence) that show a safe use:
    /// "*biceps* curl", "turn *around*".
    pub safe_with: Vec<String>,
    pub words: BTreeMap<Lang, Vec<String>>,
}

/// Names that imply at least this impact.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactNames {
    pub impact: Impact,
    pub names: BTreeMap<Lang, Vec<String>>,
}

/// What a phrase of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Index into `Data::groups`.
    Refused(usize),
    /// Index into `Data::ambiguous`.
    Ambiguous(usize),
    Impact(Impact),
}

/// One phrase, compiled.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    /// As written in the lexicon.
    pub phrase: String,
    pub lang: Lang,
    /// Letters in its key.
    pub len: usize,
    /// It starts with a filler word ("the hundred"), so it may start at one.
    pub leading_filler: bool,
}

/// The verdict on one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screen {
    /// The first refused phrase: (index into groups, the phrase as written in the lexicon).
    pub refused: Option<(usize, String)>,
    /// The first ambiguous word: (index into ambiguous, the word as written in the text).
    pub warned: Option<(usize, String)>,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub data: Data,
    entries: Vec<Entry>,
    trie: Trie,
    fillers: HashSet<String>,
    negations: HashSet<String>,
    transparent: HashSet<String>,
    /// Words never corrected as typos nor cut into compounds.
    safe: HashSet<String>,
    /// Every word of the lexicon, as written (folded): never taken for a typo of another.
    words: HashSet<String>,
    /// Long lexicon words by first letter, for one-typo matching.
    long_words: HashMap<char, Vec<Vec<char>>>,
    /// Per group: stems of `unless_next`.
    unless_next: Vec<HashSet<String>>,
    /// Per ambiguous entry: stems of `safe_with`.
    safe_with: Vec<HashSet<String>>,
}

/// Lexicon words this long or longer match with one typo.
pub const TYPO_MIN_LETTERS: usize = 7;

impl Lexicon {
    /// Compiles the data; `known` are words of texts known to be safe (the bundled library's),
    /// which are never taken for typos or split as compounds.
    pub fn new<'a>(data: Data, known: impl IntoIterator<Item = &'a str>) -> Lexicon {
        let folded =
            |w: &str| -> Vec<String> { normal::words(w).into_iter().map(|w| w.text()).collect() };
        let set =
            |list: &[String]| -> HashSet<String> { list.iter().flat_map(|w| folded(w)).collect() };
        let fillers = set(&data.fillers);
        let mut safe = set(&data.safe_words);
        safe.extend(known.into_iter().flat_map(folded));
        let mut trie = Trie::default();
        let mut entries = Vec::new();
        let mut long_words: HashMap<char, Vec<Vec<char>>> = HashMap::new();
        let mut lexicon_words: HashSet<String> = HashSet::new();
        let mut add = |kind: Kind, lang: Lang, phrase: &str, entries: &mut Vec<Entry>| {
            // "=word": matched as written, its ending not cut.
            let (exact, phrase) = match phrase.strip_prefix('=') {
                Some(p) => (true, p),
                None => (false, phrase),
            };
            let words = normal::words(phrase);
            let mut key: Vec<char> = Vec::new();
            for (i, w) in words.iter().enumerate() {
                // Small words are left out, except where a name starts with one ("the hundred").
                if i > 0 && fillers.contains(&w.text()) {
                    continue;
                }
                lexicon_words.insert(w.text());
                let stem = if exact {
                    w.chars.len()
                } else {
                    stem::stem(&w.chars, lang)
                };
                key.extend(&w.chars[..stem]);
                if w.chars.len() >= TYPO_MIN_LETTERS && !safe.contains(&w.text()) {
                    let list = long_words.entry(w.chars[0]).or_default();
                    if !list.contains(&w.chars) {
                        list.push(w.chars.clone());
                    }
                }
            }
            if key.is_empty() {
                return;
            }
            trie.insert(&key, entries.len());
            entries.push(Entry {
                kind,
                phrase: phrase.to_owned(),
                lang,
                len: key.len(),
                leading_filler: words.first().is_some_and(|w| fillers.contains(&w.text())),
            });
        };
        for (g, group) in data.groups.iter().enumerate() {
            for (lang, names) in &group.names {
                for n in names {
                    add(Kind::Refused(g), *lang, n, &mut entries);
                }
            }
        }
        for (a, amb) in data.ambiguous.iter().enumerate() {
            for (lang, words) in &amb.words {
                for w in words {
                    add(Kind::Ambiguous(a), *lang, w, &mut entries);
                }
            }
        }
        for imp in &data.impacts {
            for (lang, names) in &imp.names {
                for n in names {
                    add(Kind::Impact(imp.impact), *lang, n, &mut entries);
                }
            }
        }
        let expand = |list: &[String]| -> HashSet<String> {
            let mut out = HashSet::new();
            for w in list {
                let words: Vec<&String> = match w.strip_prefix('@') {
                    Some(class) => data
                        .classes
                        .get(class)
                        .unwrap_or_else(|| panic!("the lexicon has no class @{class}"))
                        .iter()
                        .collect(),
                    None => vec![w],
                };
                for w in words {
                    for f in normal::words(w) {
                        let stem = Lang::ALL
                            .iter()
                            .map(|&l| stem::stem(&f.chars, l))
                            .min()
                            .unwrap_or(f.chars.len());
                        // A short stem could be another word ("andar" cut to "and").
                        if stem >= 4 {
                            out.insert(f.chars[..stem].iter().collect());
                        }
                        out.insert(f.text());
                    }
                }
            }
            out
        };
        let unless_next = data.groups.iter().map(|g| expand(&g.unless_next)).collect();
        let safe_with = data
            .ambiguous
            .iter()
            .map(|a| expand(&a.safe_with))
            .collect();
        Lexicon {
            negations: set(&data.negations),
            transparent: set(&data.transparent),
            fillers,
            safe,
            words: lexicon_words,
            entries,
            trie,
            long_words,
            unless_next,
            safe_with,
            data,
        }
    }

    /// How many phrases the lexicon holds (names, ambiguous words and impact names).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn group(&self, i: usize) -> &Group {
        &self.data.groups[i]
    }

    pub fn ambiguous(&self, i: usize) -> &Ambiguous {
        &self.data.ambiguous[i]
    }
}

#[cfg(test)]
mod tests;
