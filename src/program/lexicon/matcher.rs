//! Finding the lexicon's phrases in a text, and deciding which findings stand.
//!
//! Every phrase is kept as one key: the stems of its words run together ("sit-ups" is
//! "situp", "knees to your chest" is "kneetochest"). A text is read as words (see `normal`);
//! the matcher walks the keys from the start of every word, letter by letter, and may
//! - go on into the next word when only a space, hyphen, underscore or line break stands
//!   between ("sit up", "sit-\nups", "wood chop" for "woodchop", and "woodchop" for
//!   "wood chop");
//! - leave a word at any of its cut points (`stem::cuts`), so inflections match in every
//!   language ("knees to chest", "Rumpfbeugen", "abdominales");
//! - skip small filler words ("your", "the", "den", "le");
//! - start inside a long word, for compounds ("bicyclecrunches", "Bauchcrunch") and for
//!   "anti-" written together ("antirotation").
//!
//! - skip words of manner or direction inside a phrase ("stretch *down* to your toes");
//! - read a digit or a symbol as the letters it stands for ("s1t", "tw!st", "cr*nch": a mask
//!   is any letter), and leave out the extra copy of a stretched letter ("cruuunch") or of a
//!   doubled one in a phrase of `UNDOUBLED_MIN` letters or more ("twisst", "crunnches"; but
//!   a "hoop" is no "hop").
//!
//! Before the walk a long word one typo away from a long lexicon word is read as that word.
//! Catalogue order ("curl, abdominal") is tried as well.
//!
//! A finding is excused when a negation governs it ("do not round your back", "avoid
//! twisting", "without crunches or sit-ups": only filler and helper words may stand between,
//! never a content word or the end of a clause; past a comma only in a list, "no twisting,
//! crunches or sit-ups") and no word after it turns the negation into a limit ("do not
//! twist *until* week two", "don't round your back *too* much"), when "anti-" turns a movement into resisting it (only for the
//! groups that allow it), when the word before or after shows another meaning ("sit up
//! tall", "rolled-up towel", "touch your toe on the step", "side-lying leg raise"), or, for an
//! ambiguous word, when a limb or an object near it shows a safe use ("biceps curl", "reach
//! the counter").

use super::normal::{self, ANY, Gap, Word, letters_for};
use super::words::WordSet;
use super::{Context, Kind, Lexicon, Screen, TYPO_MIN_LETTERS, Warning, stem};
use crate::program::Impact;

/// Where a text comes from. A name (title, session, block or exercise name, id, equipment)
/// may never mention a refused movement; prose (summary, cue, caution) may warn against one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Prose,
}

/// A word ready for matching.
#[derive(Debug, Clone)]
struct Tok {
    chars: Vec<char>,
    /// Letters that may be left out (`Word::optional`).
    optional: Vec<usize>,
    text: String,
    gap: Gap,
    clause: bool,
    cuts: Vec<usize>,
    filler: bool,
    /// A word of manner or direction a phrase may pass ("slowly", "down").
    modifier: bool,
    /// Digits and symbols are themselves: fewer than two letters ("5", "3x").
    literal: bool,
}

/// One phrase found: its entry, and where it starts and ends (word, letter offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    entry: usize,
    start: usize,
    start_off: usize,
    end: usize,
}

/// Words that name where a limb goes: the word after one may show a safe use ("touch your
/// toe *to* the step", `Group::unless_after`).
const PREPOSITIONS: &[&str] = &["to", "onto", "on", "against", "into"];

/// The most masks ("cr*nch") a word may hold and still be read as a disguise.
const MAX_MASKS: usize = 3;

/// How far after a phrase, in words, the words that condemn it or limit its negation are
/// looked for ("twisting is not safe with osteoporosis", "do not twist until week two"), and
/// how far a list is looked along: a bound, so a long text is read in time linear in its
/// length.
const LOOK_AHEAD: usize = 12;

/// The fewest letters a phrase must have to be found with a doubled letter read as one.
const UNDOUBLED_MIN: usize = 5;

/// Words a crossing may pass: a space or a joiner.
fn crossable(g: Gap) -> bool {
    g <= Gap::Space
}

impl Lexicon {
    /// Screens one text: the first refused phrase and the first warning that stand. Names
    /// refused only in a setting are refused when `context` has it, warned about otherwise.
    pub fn screen(&self, text: &str, field: Field, context: &Context) -> Screen {
        let toks = self.prepare(text);
        let mut out = Screen::default();
        let found = self.find(&toks);
        let covered = self.covered(&toks, &found);
        let hits: Vec<Hit> = found
            .iter()
            .filter(|h| !self.excused(&toks, h, field, &covered))
            .copied()
            .collect();
        let inverted = self.inverted(&toks, field);
        let in_context = |g: usize| {
            self.data.groups[g]
                .context
                .as_ref()
                .is_none_or(|c| context.has(c))
        };
        let refused =
            |h: &Hit| matches!(self.entries[h.entry].kind, Kind::Refused(g) if in_context(g));
        if let Some(h) = hits.iter().chain(&inverted).find(|h| refused(h)) {
            if let Kind::Refused(g) = self.entries[h.entry].kind {
                out.refused = Some((g, self.entries[h.entry].phrase.to_string()));
            }
            return out;
        }
        // An ambiguous word inside a refused phrase (excused or not) is decided by that phrase.
        let hard: Vec<(usize, usize)> = found
            .iter()
            .filter(|h| matches!(self.entries[h.entry].kind, Kind::Refused(_)))
            .map(|h| (h.start, h.end))
            .collect();
        for h in &hits {
            let warning = match self.entries[h.entry].kind {
                Kind::Refused(g) => Warning::OutOfContext(g),
                Kind::Ambiguous(a) => {
                    let inside = hard.iter().any(|&(s, e)| h.start <= e && s <= h.end);
                    if inside || self.safe_use(&toks, h, a) {
                        continue;
                    }
                    Warning::Ambiguous(a)
                }
                Kind::Impact(_) => continue,
            };
            out.warned = Some((warning, self.entries[h.entry].phrase.to_string()));
            break;
        }
        out
    }

    /// The highest impact a name implies ("Tuck jumps": High), with the phrase that implies it.
    pub fn implied_impact(&self, text: &str) -> Option<(Impact, String)> {
        self.implied(text, false)
    }

    /// The highest impact a cue implies ("Jump up onto the step": High), from the names that
    /// imply impact in a cue too (not "skip" or "run").
    pub fn implied_impact_in_cue(&self, text: &str) -> Option<(Impact, String)> {
        self.implied(text, true)
    }

    fn implied(&self, text: &str, cue: bool) -> Option<(Impact, String)> {
        let toks = self.prepare(text);
        let hits = self.find(&toks);
        // A negation reaches along a list of impact names too: "do not jump or hop".
        let mut covered = vec![false; toks.len()];
        for h in &hits {
            covered[h.start..=h.end].iter_mut().for_each(|c| *c = true);
        }
        hits.iter()
            .filter(|h| !self.excused(&toks, h, Field::Prose, &covered))
            .filter(|h| !cue || self.entries[h.entry].in_cues)
            .filter_map(|h| match self.entries[h.entry].kind {
                Kind::Impact(i) => Some((i, self.entries[h.entry].phrase.to_string())),
                _ => None,
            })
            .reduce(|a, b| if b.0 > a.0 { b } else { a })
    }

    fn prepare(&self, text: &str) -> Vec<Tok> {
        normal::words(text)
            .into_iter()
            .map(|w| self.resolve(w))
            .map(|w| {
                let text = w.text();
                // Digits are read as letters in a word of three characters or more with a
                // letter or symbol in it ("s1t", "70€"), or beside two ("$!7"), but not in a
                // number ("30", "3x").
                let letters = w.chars.iter().filter(|c| !c.is_ascii_digit()).count();
                // A word of more than `MAX_MASKS` masks hides no name: its masks are themselves
                // (each would stand for any letter, and a long run of them for every phrase).
                let masks = w.chars.iter().filter(|&&c| c == ANY).count();
                let literal =
                    letters == 0 || (letters < 2 && w.chars.len() <= 2) || masks > MAX_MASKS;
                // A word may end before symbols at its end ("twist!" read as "twisti", "ups!!!"),
                // and its endings are found with digits and symbols read as the letter they
                // most often stand for ("tw1st1ng" ends like "twisting", "up5" like "ups").
                let plain = head(&w.chars, char::is_alphanumeric);
                let read: Vec<char> = w.chars[..plain]
                    .iter()
                    .map(|&c| letters_for(c).first().copied().unwrap_or(c))
                    .collect();
                let mut cuts = stem::cuts(&read);
                if plain == 0 || literal {
                    cuts = stem::cuts(&w.chars);
                } else if plain < w.chars.len() {
                    cuts.push(w.chars.len());
                }
                // Digits after a word of letters are a number or a version, not letters
                // ("crunches2", "sit-ups_v2").
                let word = head(&w.chars, char::is_alphabetic);
                if word >= 3 && word < plain && !literal {
                    cuts.extend(stem::cuts(&w.chars[..word]));
                    cuts.sort_unstable();
                    cuts.dedup();
                }
                Tok {
                    cuts,
                    filler: self.fillers.contains(&text),
                    modifier: self.modifiers.contains(&text),
                    literal,
                    chars: w.chars,
                    optional: w.optional,
                    gap: w.gap,
                    clause: w.clause,
                    text,
                }
            })
            .collect()
    }

    /// One typo in a long word of letters.
    fn resolve(&self, mut w: Word) -> Word {
        if !w.chars.iter().all(|c| c.is_alphabetic()) || !w.optional.is_empty() {
            return w;
        }
        let n = w.chars.len();
        // A word of the lexicon, or one of its inflections, is no typo ("stooping" is not
        // "stomping", "bouncing" is not "bounding": an English "-e" drops before "-ing").
        let known = || {
            stem::cuts(&w.chars).iter().any(|&c| {
                let s: String = w.chars[..c].iter().collect();
                let e = format!("{s}e");
                [&s, &e]
                    .iter()
                    .any(|s| self.words.contains(s) || self.safe.contains(s))
            })
        };
        if n >= TYPO_MIN_LETTERS && self.trie.prefix(&w.chars) < n && !known() {
            let typo = self.long_words.starting_with(w.chars[0]).find(|k| {
                k.chars().count().abs_diff(n) <= 1 && strsim::osa_distance(k, &w.text()) == 1
            });
            if let Some(k) = typo {
                w.chars = k.chars().collect();
            }
        }
        w
    }

    /// Every phrase that starts at a word, or inside a long word.
    fn find(&self, toks: &[Tok]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            self.walk(toks, i, 0, &mut hits);
            // A mark before a word ("#twist", "*crunch*") may be no letter at all.
            let lead = t.chars.iter().take_while(|&&c| c == ANY).count();
            if lead > 0 && lead < t.chars.len() && !t.literal {
                self.walk(toks, i, lead, &mut hits);
            }
            if t.chars.len() >= TYPO_MIN_LETTERS && !self.safe.contains(&t.text) {
                for off in 2..t.chars.len() - 2 {
                    self.walk(toks, i, off, &mut hits);
                }
            }
        }
        hits.sort_by_key(|h| (h.start, h.start_off, std::cmp::Reverse(h.end)));
        hits.dedup();
        hits
    }

    fn walk(&self, toks: &[Tok], start: usize, start_off: usize, hits: &mut Vec<Hit>) {
        if self.trie.is_empty() {
            return;
        }
        // (node, word, letter, whether a doubled letter was read as one)
        let mut stack = vec![(0u32, start, start_off, false)];
        let mut next = Vec::new();
        while let Some((n, j, off, undoubled)) = stack.pop() {
            let t = &toks[j];
            let at_cut = off > 0 && t.cuts.contains(&off);
            if at_cut {
                for e in self.trie.ends_at(n) {
                    let entry = &self.entries[e as usize];
                    if undoubled
                        && (entry.len < UNDOUBLED_MIN || matches!(entry.kind, Kind::Impact(_)))
                    {
                        continue;
                    }
                    hits.push(Hit {
                        entry: e as usize,
                        start,
                        start_off,
                        end: j,
                    });
                }
                // On into the next word, past any fillers and, once the phrase has begun,
                // words of manner.
                let mut k = j + 1;
                while k < toks.len() && crossable(toks[k].gap) {
                    stack.push((n, k, 0, undoubled));
                    if !(toks[k].filler || toks[k].modifier) {
                        break;
                    }
                    k += 1;
                }
            }
            if let Some(&c) = t.chars.get(off) {
                next.clear();
                self.trie.children(n, c, t.literal, &mut next);
                stack.extend(next.iter().map(|&m| (m, j, off + 1, undoubled)));
                if t.optional.contains(&off) {
                    stack.push((n, j, off + 1, undoubled));
                } else if off > 0 && c.is_alphabetic() && t.chars[off - 1] == c {
                    stack.push((n, j, off + 1, true));
                }
            }
        }
    }

    /// Which words belong to a phrase of the lexicon (found, excused or not).
    fn covered(&self, toks: &[Tok], hits: &[Hit]) -> Vec<bool> {
        let mut covered = vec![false; toks.len()];
        for h in hits {
            if !matches!(self.entries[h.entry].kind, Kind::Impact(_)) {
                covered[h.start..=h.end].iter_mut().for_each(|c| *c = true);
            }
        }
        covered
    }

    fn excused(&self, toks: &[Tok], h: &Hit, field: Field, covered: &[bool]) -> bool {
        let entry = &self.entries[h.entry];
        let first = &toks[h.start];
        // Only a name that starts with a small word may start at one ("the hundred", but not
        // "a long" for "alongar").
        if first.filler && h.start_off == 0 && !entry.leading_filler {
            return true;
        }
        let prefix: Option<&[char]> = if h.start_off > 0 {
            Some(&first.chars[..h.start_off])
        } else if h.start > 0 && crossable(first.gap) {
            Some(&toks[h.start - 1].chars)
        } else {
            None
        };
        let anti = prefix.is_some_and(|p| {
            let p: String = p.iter().collect();
            p.ends_with("anti") || p.ends_with("antir")
        });
        if anti {
            return match entry.kind {
                Kind::Refused(g) => self.data.groups[g].anti_ok,
                Kind::Ambiguous(_) => true,
                Kind::Impact(_) => false,
            };
        }
        // Inside a word: only long phrases, in words not known to be safe ("scrunch"); a
        // word after leading marks ("#twist") is not inside one.
        let marked = first.chars[..h.start_off].iter().all(|&c| c == ANY);
        if h.start_off > 0
            && !marked
            && (h.start_off < 3 || entry.len < 5 || self.safe.contains(&first.text))
        {
            return true;
        }
        if let Kind::Refused(g) = entry.kind {
            let shows = |t: &Tok, list: &WordSet| prefixes(t).iter().any(|p| list.contains(p));
            if let Some(next) = self.next_word(toks, h.end) {
                if shows(next, &self.unless_next[g]) {
                    return true;
                }
                if PREPOSITIONS.contains(&next.text.as_str())
                    && let Some(after) = self.word_after(toks, next)
                    && shows(after, &self.unless_after[g])
                {
                    return true;
                }
            }
            if h.start_off == 0
                && let Some(before) = self.word_before(toks, h.start)
                && prefixes(before)
                    .iter()
                    .any(|p| self.unless_before[g].contains(p))
            {
                return true;
            }
        }
        let negatable = field == Field::Prose || matches!(entry.kind, Kind::Impact(_));
        negatable
            && h.start_off == 0
            && ((self.negated(toks, h.start, covered) && !self.limited(toks, h.end))
                || self.condemned(toks, h.end, covered))
    }

    /// Do the words after the phrase ending at word `end` say, in its clause, that it must not
    /// be done: a verdict ("twisting is *unsafe*", "sit-ups should be *avoided*"), a negated
    /// approval ("crunches are *not safe*", "twisting is *never a good idea*"), or a negation
    /// that follows what it governs ("draai je romp *niet*")? Only helper
    /// words, listed movements and words of a list may stand between.
    fn condemned(&self, toks: &[Tok], end: usize, covered: &[bool]) -> bool {
        let passable = |j: usize| {
            let t = &toks[j];
            t.filler
                || t.modifier
                || covered[j]
                || self.transparent.contains(&t.text)
                || self.conjunctions.contains(&t.text)
        };
        let mut negated = false;
        for j in end + 1..toks.len().min(end + 1 + LOOK_AHEAD) {
            let t = &toks[j];
            if t.clause || t.gap == Gap::Stop || (t.gap == Gap::Comma && !covered[j]) {
                return false;
            }
            if self.verdicts.contains(&t.text) && !negated {
                return true;
            }
            if self.negations_after.contains(&t.text) {
                // "nicht zu weit", "niet te ver": a limit, not a refusal.
                return !self.limited(toks, j);
            }
            if self.approvals.contains(&t.text) && negated {
                return true;
            }
            if self.negations.contains(&t.text) {
                negated = true;
            } else if !passable(j) {
                return false;
            }
        }
        false
    }

    /// Does a word after the phrase ending at word `end`, in the same clause and before a
    /// comma, turn its negation into a limit ("do not twist *past* 45 degrees")?
    fn limited(&self, toks: &[Tok], end: usize) -> bool {
        toks[end + 1..]
            .iter()
            .take(LOOK_AHEAD)
            .take_while(|t| !t.clause && t.gap < Gap::Comma)
            .any(|t| self.limits.contains(&t.text))
    }

    /// The first word after word `end` in the same phrase that is not a filler or a word of
    /// manner.
    fn next_word<'t>(&self, toks: &'t [Tok], end: usize) -> Option<&'t Tok> {
        toks[end + 1..]
            .iter()
            .take_while(|t| crossable(t.gap))
            .find(|t| !(t.filler || t.modifier))
    }

    /// The next word after `t` (a word of `toks`) that is not a filler or a word of manner.
    fn word_after<'t>(&self, toks: &'t [Tok], t: &Tok) -> Option<&'t Tok> {
        let at = toks.iter().position(|x| std::ptr::eq(x, t))?;
        self.next_word(toks, at)
    }

    /// The word right before word `start`, in the same phrase, that is not a filler.
    fn word_before<'t>(&self, toks: &'t [Tok], start: usize) -> Option<&'t Tok> {
        let mut j = start;
        while j > 0 && crossable(toks[j].gap) {
            j -= 1;
            if !toks[j].filler {
                return Some(&toks[j]);
            }
        }
        None
    }

    /// Is the phrase starting at word `start` governed by a negation: a negation before it
    /// with only fillers, helper words or other phrases of the lexicon in between, in the
    /// same clause ("do not let your back round", "no twisting or crunches")? Past a comma
    /// only in a list: "no twisting, crunches or sit-ups", but not "do not twist, rotate".
    fn negated(&self, toks: &[Tok], start: usize, covered: &[bool]) -> bool {
        // Up to 8 helper words, and any number of listed movements along a list ("avoid
        // sit-ups, crunches, toe touches, forward bends, twists and side bends"), within a
        // bound.
        let mut j = start;
        let mut helpers = 0;
        for _ in 0..4 * LOOK_AHEAD {
            if helpers == 8 {
                return false;
            }
            if j == 0 || toks[j].clause || toks[j].gap == Gap::Stop {
                return false;
            }
            if toks[j].gap == Gap::Comma && !(covered[j - 1] && self.listed(toks, j)) {
                return false;
            }
            j -= 1;
            let t = &toks[j];
            if self.negations.contains(&t.text) || self.negation_ends(toks, j) {
                return true;
            }
            if !covered[j] {
                if !(t.filler || t.modifier || self.transparent.contains(&t.text)) {
                    return false;
                }
                helpers += 1;
            }
        }
        false
    }

    /// Does a negation of several words ("instead of") end at word `j`?
    fn negation_ends(&self, toks: &[Tok], j: usize) -> bool {
        self.negation_phrases.iter().any(|p| {
            p.len() <= j + 1
                && p.iter()
                    .rev()
                    .zip(toks[..=j].iter().rev())
                    .all(|(w, t)| *w == t.text)
        })
    }

    /// Does the comma before word `from` part items of a list: a conjunction follows in the
    /// clause?
    fn listed(&self, toks: &[Tok], from: usize) -> bool {
        toks[from..]
            .iter()
            .take(LOOK_AHEAD)
            .enumerate()
            .take_while(|(i, t)| *i == 0 || !(t.clause || t.gap == Gap::Stop))
            .map(|(_, t)| t)
            .any(|t| self.conjunctions.contains(&t.text))
    }

    /// Does a limb or an object near an ambiguous word show a safe use?
    fn safe_use(&self, toks: &[Tok], h: &Hit, a: usize) -> bool {
        let safe = &self.safe_with[a];
        if h.start_off > 0 {
            let p: String = toks[h.start].chars[..h.start_off].iter().collect();
            if safe.contains(&p) {
                return true;
            }
        }
        const WINDOW: usize = 3;
        let near = |j: usize| prefixes(&toks[j]).iter().any(|p| safe.contains(p));
        // Back, within the sentence.
        let mut j = h.start;
        let mut seen = 0;
        while j > 0 && !toks[j].clause && toks[j].gap != Gap::Stop && seen < WINDOW {
            j -= 1;
            if toks[j].filler {
                continue;
            }
            seen += 1;
            if near(j) {
                return true;
            }
        }
        // The phrase's own words, then forward.
        if (h.start + 1..=h.end).any(near) {
            return true;
        }
        toks.iter()
            .enumerate()
            .skip(h.end + 1)
            .take_while(|(_, t)| !t.clause && t.gap != Gap::Stop)
            .filter(|(_, t)| !t.filler)
            .take(WINDOW)
            .any(|(j, _)| near(j))
    }

    /// Catalogue order: "curl, abdominal" is read as "abdominal curl" too. Only phrases that
    /// span the comma count.
    fn inverted(&self, toks: &[Tok], field: Field) -> Vec<Hit> {
        let commas: Vec<usize> = (1..toks.len())
            .filter(|&i| toks[i].gap == Gap::Comma)
            .collect();
        let mut out = Vec::new();
        for &c in &commas {
            let begin = (0..c)
                .rev()
                .find(|&i| toks[i].gap >= Gap::Comma)
                .unwrap_or(0);
            let end = (c + 1..toks.len())
                .find(|&i| toks[i].gap >= Gap::Comma)
                .unwrap_or(toks.len());
            if c - begin > 3 || end - c > 3 {
                continue;
            }
            let mut swapped: Vec<Tok> = toks[c..end].to_vec();
            swapped.extend(toks[begin..c].iter().cloned());
            swapped[0].gap = Gap::Stop;
            swapped[end - c].gap = Gap::Space;
            let hits = self.find(&swapped);
            let covered = self.covered(&swapped, &hits);
            // Only a phrase that starts where the swapped text does: "abdominal curl" from
            // "curl, abdominal", never one starting inside a word of a list.
            out.extend(hits.into_iter().filter(|h| {
                h.start == 0
                    && h.start_off == 0
                    && h.end >= end - c
                    && !self.excused(&swapped, h, field, &covered)
            }));
        }
        out
    }
}

/// How many characters of `word` come before the characters at its end that are not `kind`
/// ("ups" of "ups!!!" for alphanumerics, "crunches" of "crunches2" for letters).
fn head(word: &[char], kind: fn(char) -> bool) -> usize {
    word.len() - word.iter().rev().take_while(|&&c| !kind(c)).count()
}

/// A word and its stems: the forms to look up in a list of words (a stretched word as its
/// plain spelling: "biiiiceps" is "biceps").
fn prefixes(t: &Tok) -> Vec<String> {
    if t.optional.is_empty() {
        return t
            .cuts
            .iter()
            .map(|&c| t.chars[..c].iter().collect())
            .collect();
    }
    let plain: Vec<char> = t.text.chars().collect();
    stem::cuts(&plain)
        .into_iter()
        .map(|c| plain[..c].iter().collect())
        .collect()
}
