//! The movement lexicon: the names of movements that never go into a program (flexion,
//! twisting, side bending, spinal rolling, rounded-back holds, end-range stretches), words
//! that usually but not always signal one, and names that imply impact, in several languages,
//! as data (`assets/movements.ron`), and the matching of any text a person sees against them.
//!
//! - `normal`: Unicode folding and words;
//! - `stem`: word endings in each language;
//! - `trie`: the keys of every phrase, letter by letter;
//! - `matcher`: finding phrases, and deciding whether a negation, an "anti-" or the words
//!   around a phrase excuse it.
//!
//! A name may hold a class of words ("curl @spine" is "curl your spine", "curl your back",
//! ...), and a Sanskrit name ending in "-asana" is also known by its shorter spellings
//! ("balasan", "uttana").

mod blob;
mod matcher;
mod normal;
mod stem;
mod trie;
mod words;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Impact, Spine};
pub use blob::fingerprint;
pub use matcher::Field;
pub use normal::is_invisible;
pub use stem::Lang;
use trie::Trie;
use words::{WordSet, Words};

/// The lexicon file as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// Named word lists that `unless_next` and `safe_with` refer to as "@name".
    pub classes: BTreeMap<String, Vec<String>>,
    /// Words that never change what a phrase is ("your", "the", "den", "le").
    pub fillers: Vec<String>,
    /// Words that excuse a phrase they govern ("not", "avoid", "without", "instead of",
    /// "nicht", "sans").
    pub negations: Vec<String>,
    /// Words which, after a negated phrase in the same clause, turn the negation into a limit
    /// that allows the movement ("do not twist *until* week two", "don't round your back
    /// *too* much", "never twist *without* warming up").
    #[serde(default)]
    pub limits: Vec<String>,
    /// Negations that follow the phrase they govern ("dreh den Oberkörper *nicht*").
    #[serde(default)]
    pub negations_after: Vec<String>,
    /// Words which, after a phrase in its clause, say it must not be done ("twisting is
    /// *unsafe*", "sit-ups should be *avoided*").
    #[serde(default)]
    pub verdicts: Vec<String>,
    /// Words which, negated after a phrase in its clause, say it must not be done ("twisting
    /// is not *safe*", "crunches are never *recommended*").
    #[serde(default)]
    pub approvals: Vec<String>,
    /// Words that join a list, so a negation before a comma may govern what follows it
    /// ("no twisting, crunches or sit-ups").
    pub conjunctions: Vec<String>,
    /// Words of manner or direction that may stand inside a name as written in a text
    /// ("stretch *down* to your toes", "roll *slowly* up").
    pub modifiers: Vec<String>,
    /// Named settings ("pilates") and the words that show a program is in one; a group with
    /// that `context` is refused only there, and is a warning elsewhere.
    pub contexts: BTreeMap<String, Vec<String>>,
    /// Words that may stand between a negation and the phrase it governs ("do", "let", "ever").
    pub transparent: Vec<String>,
    /// Ordinary words a typo must never be taken for ("crutches" is not "crunches").
    pub safe_words: Vec<String>,
    pub groups: Vec<Group>,
    pub ambiguous: Vec<Ambiguous>,
    pub impacts: Vec<ImpactNames>,
}

/// Movements of one kind that never go into a program.
#[derive(Debug, Clone, Deserialize, Serialize)]
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
    /// Words which, after a preposition right after a name, show it means something else
    /// ("touch your toe to the *step*").
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// Words which, right before a name, show it means something else ("*side*-lying leg
    /// raise").
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// Names refused only in this setting (a key of `Data::contexts`): Pilates' "Saw".
    #[serde(default)]
    pub context: Option<String>,
    pub names: BTreeMap<Lang, Vec<String>>,
}

/// Words that usually signal a refused movement, but not always: a warning.
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactNames {
    pub impact: Impact,
    /// Whether the names also imply impact in an exercise's cues ("jump up onto the step"),
    /// or only in its name and id: "skip" and "run" are also everyday verbs of a cue ("skip
    /// this one if...", "run your hand along the rail").
    #[serde(default = "yes")]
    pub cues: bool,
    pub names: BTreeMap<Lang, Vec<String>>,
}

fn yes() -> bool {
    true
}

/// What a phrase of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Kind {
    /// Index into `Data::groups`.
    Refused(usize),
    /// Index into `Data::ambiguous`.
    Ambiguous(usize),
    Impact(Impact),
}

/// One phrase, compiled.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Entry {
    pub kind: Kind,
    /// As written in the lexicon (read from `lexicon.bin`, borrowed from it).
    #[serde(deserialize_with = "words::str_in")]
    pub phrase: Cow<'static, str>,
    pub lang: Lang,
    /// Letters in its key.
    pub len: usize,
    /// It starts with a filler word ("the hundred"), so it may start at one.
    pub leading_filler: bool,
    /// An impact name that also implies impact in a cue (`ImpactNames::cues`).
    pub in_cues: bool,
}

/// Why a text is warned about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// An ambiguous word: index into `Data::ambiguous`.
    Ambiguous(usize),
    /// A name refused only in a setting the program is not in: index into `Data::groups`.
    OutOfContext(usize),
}

/// The verdict on one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screen {
    /// The first refused phrase: (index into groups, the phrase as written in the lexicon).
    pub refused: Option<(usize, String)>,
    /// The first warning: why, and the word or phrase as written in the lexicon.
    pub warned: Option<(Warning, String)>,
}

/// The settings a program is in (keys of `Data::contexts`), found in its own texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context(HashSet<String>);

impl Context {
    pub fn has(&self, name: &str) -> bool {
        self.0.contains(name)
    }
}

/// The compiled lexicon. Its word lists are `WordSet`s (one string each) and its trie two
/// byte arrays, so one read from the binary (`blob`) borrows them where they lie.
#[derive(Debug, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Lexicon {
    pub data: Data,
    entries: Vec<Entry>,
    trie: Trie,
    fillers: WordSet,
    negations: WordSet,
    /// Negations of several words ("instead of", "au lieu de").
    negation_phrases: Vec<Vec<String>>,
    conjunctions: WordSet,
    limits: WordSet,
    verdicts: WordSet,
    approvals: WordSet,
    negations_after: WordSet,
    modifiers: WordSet,
    transparent: WordSet,
    /// Words never corrected as typos nor cut into compounds.
    safe: WordSet,
    /// Every word of the lexicon, as written (folded): never taken for a typo of another.
    words: WordSet,
    /// Long lexicon words by first letter, each letter's in the order they came in, for
    /// one-typo matching.
    long_words: Words,
    /// Per group: stems of `unless_next`, `unless_after` and `unless_before`.
    unless_next: Vec<WordSet>,
    unless_after: Vec<WordSet>,
    unless_before: Vec<WordSet>,
    /// Per context: its phrases, folded, as " word word ".
    contexts: Vec<(String, Vec<String>)>,
    /// Per ambiguous entry: stems of `safe_with`.
    safe_with: Vec<WordSet>,
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
        let mut long_words: Vec<String> = Vec::new();
        let mut lexicon_words: HashSet<String> = HashSet::new();
        let mut add =
            |kind: Kind, lang: Lang, phrase: &str, in_cues: bool, entries: &mut Vec<Entry>| {
                // "=word": matched as written, its ending not cut.
                let (exact, phrase) = match phrase.strip_prefix('=') {
                    Some(p) => (true, p),
                    None => (false, phrase),
                };
                let words = normal::words(phrase);
                // The stems run together, and also each word as written ("Oberkörperrotation"
                // as well as its stem "oberkorperrotatio", so "Oberkörperrotationen" is found),
                // for up to `MAX_FORMS` keys a phrase.
                const MAX_FORMS: usize = 8;
                let mut keys: Vec<Vec<char>> = vec![Vec::new()];
                let mut key: Vec<char> = Vec::new();
                for (i, w) in words.iter().enumerate() {
                    // Small words are left out, except where a name starts or ends with one ("the
                    // hundred", "enrouler le dos": "dos" is also Portuguese for "of the").
                    let text = w.text();
                    if i > 0 && i + 1 < words.len() && fillers.contains(&text) {
                        continue;
                    }
                    let stem = if exact {
                        w.chars.len()
                    } else {
                        stem::stem(&w.chars, lang)
                    };
                    key.extend(&w.chars[..stem]);
                    let forms: &[usize] = if stem < w.chars.len() && keys.len() * 2 <= MAX_FORMS {
                        &[stem, w.chars.len()]
                    } else {
                        &[stem]
                    };
                    keys = keys
                        .iter()
                        .flat_map(|k| {
                            forms.iter().map(move |&n| {
                                let mut k = k.clone();
                                k.extend(&w.chars[..n]);
                                k
                            })
                        })
                        .collect();
                    if w.chars.len() >= TYPO_MIN_LETTERS && !safe.contains(&text) {
                        let spelled: String = w.chars.iter().collect();
                        if !long_words.contains(&spelled) {
                            long_words.push(spelled);
                        }
                    }
                    lexicon_words.insert(text);
                }
                if key.is_empty() {
                    return;
                }
                for k in &keys {
                    trie.insert(k, entries.len());
                }
                entries.push(Entry {
                    kind,
                    phrase: Cow::Owned(phrase.to_owned()),
                    lang,
                    len: key.len(),
                    leading_filler: words.first().is_some_and(|w| fillers.contains(&w.text())),
                    in_cues,
                });
            };
        let spelled = |lang: Lang, name: &str| -> Vec<String> {
            expand_classes(name, &data.classes)
                .into_iter()
                .flat_map(|n| spellings(lang, n))
                .collect()
        };
        for (g, group) in data.groups.iter().enumerate() {
            for (lang, names) in &group.names {
                for n in names.iter().flat_map(|n| spelled(*lang, n)) {
                    add(Kind::Refused(g), *lang, &n, false, &mut entries);
                }
            }
        }
        for (a, amb) in data.ambiguous.iter().enumerate() {
            for (lang, words) in &amb.words {
                for w in words.iter().flat_map(|n| spelled(*lang, n)) {
                    add(Kind::Ambiguous(a), *lang, &w, false, &mut entries);
                }
            }
        }
        for imp in &data.impacts {
            for (lang, names) in &imp.names {
                for n in names.iter().flat_map(|n| spelled(*lang, n)) {
                    add(Kind::Impact(imp.impact), *lang, &n, imp.cues, &mut entries);
                }
            }
        }
        // Each word's forms, worked out once: the word lists name the same classes of limbs
        // and objects over and over, and stemming each word in every language is the
        // costliest part of building the lexicon (it is built before the first frame).
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        let mut expand = |list: &[String]| -> HashSet<String> {
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
                    let known = match forms.get(w.as_str()) {
                        Some(known) => known,
                        None => forms.entry(w.clone()).or_insert_with(|| word_forms(w)),
                    };
                    out.extend(known.iter().cloned());
                }
            }
            out
        };
        let unless_next = data
            .groups
            .iter()
            .map(|g| expand(&g.unless_next).into_iter().collect())
            .collect();
        let unless_after = data
            .groups
            .iter()
            .map(|g| expand(&g.unless_after).into_iter().collect())
            .collect();
        let unless_before = data
            .groups
            .iter()
            .map(|g| expand(&g.unless_before).into_iter().collect())
            .collect();
        let joined = |p: &str| -> String {
            let words: Vec<String> = normal::words(p).iter().map(|w| w.text()).collect();
            format!(" {} ", words.join(" "))
        };
        let contexts = data
            .contexts
            .iter()
            .map(|(name, words)| (name.clone(), words.iter().map(|w| joined(w)).collect()))
            .collect();
        let (single, phrases): (Vec<&String>, Vec<&String>) =
            data.negations.iter().partition(|n| !n.trim().contains(' '));
        let negation_phrases = phrases
            .into_iter()
            .map(|p| folded(p))
            .filter(|w| w.len() > 1)
            .collect();
        let safe_with = data
            .ambiguous
            .iter()
            .map(|a| expand(&a.safe_with).into_iter().collect())
            .collect();
        trie.shrink();
        drop(forms);
        // A stable sort: the first candidate for a typo stays the first that came in.
        long_words.sort_by_key(|w| w.chars().next());
        let set = |list: &[String]| set(list).into_iter().collect();
        entries.shrink_to_fit();
        Lexicon {
            negations: single.into_iter().flat_map(|w| folded(w)).collect(),
            negation_phrases,
            conjunctions: set(&data.conjunctions),
            limits: set(&data.limits),
            verdicts: set(&data.verdicts),
            negations_after: set(&data.negations_after),
            approvals: set(&data.approvals),
            modifiers: set(&data.modifiers),
            transparent: set(&data.transparent),
            fillers: fillers.into_iter().collect(),
            safe: safe.into_iter().collect(),
            words: lexicon_words.into_iter().collect(),
            entries,
            trie,
            long_words: long_words.into_iter().collect(),
            unless_next,
            unless_after,
            unless_before,
            contexts,
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

    /// The settings (`Data::contexts`) that any of `texts` names: a program whose title says
    /// "Pilates" is in the "pilates" setting.
    pub fn context<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Context {
        let mut found = HashSet::new();
        for t in texts {
            let words: Vec<String> = normal::words(t).iter().map(|w| w.text()).collect();
            let text = format!(" {} ", words.join(" "));
            for (name, phrases) in &self.contexts {
                if phrases.iter().any(|p| text.contains(p.as_str())) {
                    found.insert(name.clone());
                }
            }
        }
        Context(found)
    }
}

/// A name with classes in it ("curl @spine") as every name it stands for ("curl spine",
/// "curl back", ...).
fn expand_classes(name: &str, classes: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut out = vec![String::new()];
    for part in name.split(' ') {
        let options: Vec<&str> = match part.strip_prefix('@') {
            Some(class) => classes
                .get(class)
                .unwrap_or_else(|| panic!("the lexicon has no class @{class}"))
                .iter()
                .map(String::as_str)
                .collect(),
            None => vec![part],
        };
        out = out
            .iter()
            .flat_map(|o| {
                options.iter().map(move |p| {
                    if o.is_empty() {
                        (*p).to_owned()
                    } else {
                        format!("{o} {p}")
                    }
                })
            })
            .collect();
    }
    out
}

/// The usual spellings of a name: a Sanskrit pose name ending in "-asana" is also written
/// "-asan" ("balasan") and, when what is left is long enough not to be another word, without
/// it ("uttana", "paschimottana", "paschimottan").
fn spellings(lang: Lang, name: String) -> Vec<String> {
    let Some(root) = name.strip_suffix("asana").filter(|_| lang == Lang::Sa) else {
        return vec![name];
    };
    let mut out = vec![format!("{root}asan"), name.clone()];
    let n = root.chars().count();
    if n >= 5 {
        out.push(format!("{root}a"));
    }
    if n >= 6 {
        out.push(root.to_owned());
    }
    out
}

/// The forms of a word of `unless_next` or `safe_with` that excuse a phrase: each folded word
/// as written, and its shortest stem in any language when that is 4 letters or more.
fn word_forms(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    for f in normal::words(w) {
        let stem = Lang::ALL
            .iter()
            .map(|&l| stem::stem(&f.chars, l))
            .min()
            .unwrap_or(f.chars.len());
        // A short stem could be another word ("andar" cut to "and").
        if stem >= 4 {
            out.push(f.chars[..stem].iter().collect());
        }
        out.push(f.text());
    }
    out
}

#[cfg(test)]
mod tests;
