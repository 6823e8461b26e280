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
//! Before the walk a word with digits for letters ("s1t") is read as the letters that make it a
//! lexicon word, and a long word one typo away from a long lexicon word is read as that word.
//! Catalogue order ("curl, abdominal") is tried as well.
//!
//! A finding is excused when a negation governs it ("do not round your back", "avoid
//! twisting", "without crunches or sit-ups": only filler and helper words may stand between,
//! never a content word or the end of a clause), when "anti-" turns a movement into resisting
//! it (only for the groups that allow it), when the next word shows another meaning ("sit up
//! tall", "rolled-up towel", "touch your toe on the step"), or, for an ambiguous word, when a
//! limb or an object near it shows a safe use ("biceps curl", "reach the counter").

use super::normal::{self, Gap, Word, letters_for};
use super::{Kind, Lexicon, Screen, TYPO_MIN_LETTERS, stem};
use crate::program::Impact;

/// Where a text comes from. A name (title, session, block or exercise name, id, equipment)
/// may never mention a refused movement; prose (summary, cue, caution) may warn against one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Prose,
}

/// The keys of every phrase, letter by letter.
#[derive(Debug, Default)]
pub struct Trie {
    nodes: Vec<Node>,
}

#[derive(Debug, Default)]
struct Node {
    next: Vec<(char, u32)>,
    ends: Vec<u32>,
}

impl Trie {
    pub fn insert(&mut self, key: &[char], entry: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut n = 0u32;
        for &c in key {
            n = match self.child(n, c) {
                Some(next) => next,
                None => {
                    let next = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    self.nodes[n as usize].next.push((c, next));
                    next
                }
            };
        }
        self.nodes[n as usize].ends.push(entry as u32);
    }

    fn child(&self, n: u32, c: char) -> Option<u32> {
        self.nodes
            .get(n as usize)?
            .next
            .iter()
            .find(|(k, _)| *k == c)
            .map(|&(_, next)| next)
    }

    /// How many letters of `word` from the start follow a key.
    fn prefix(&self, word: &[char]) -> usize {
        let mut n = 0;
        for (i, &c) in word.iter().enumerate() {
            match self.child(n, c) {
                Some(next) => n = next,
                None => return i,
            }
        }
        word.len()
    }
}

/// A word ready for matching.
#[derive(Debug, Clone)]
struct Tok {
    chars: Vec<char>,
    text: String,
    gap: Gap,
    cuts: Vec<usize>,
    filler: bool,
}

/// One phrase found: its entry, and where it starts and ends (word, letter offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    entry: usize,
    start: usize,
    start_off: usize,
    end: usize,
}

/// Words a crossing may pass: a space or a joiner.
fn crossable(g: Gap) -> bool {
    g <= Gap::Space
}

impl Lexicon {
    /// Screens one text: the first refused phrase and the first ambiguous word that stand.
    pub fn screen(&self, text: &str, field: Field) -> Screen {
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
        let refused = |h: &Hit| matches!(self.entries[h.entry].kind, Kind::Refused(_));
        if let Some(h) = hits.iter().chain(&inverted).find(|h| refused(h)) {
            if let Kind::Refused(g) = self.entries[h.entry].kind {
                out.refused = Some((g, self.entries[h.entry].phrase.clone()));
            }
            return out;
        }
        // An ambiguous word inside a refused phrase (excused or not) is decided by that phrase.
        let hard: Vec<(usize, usize)> = found
            .iter()
            .filter(|h| refused(h))
            .map(|h| (h.start, h.end))
            .collect();
        for h in &hits {
            let Kind::Ambiguous(a) = self.entries[h.entry].kind else {
                continue;
            };
            let inside = hard.iter().any(|&(s, e)| h.start <= e && s <= h.end);
            if !inside && !self.safe_use(&toks, h, a) {
                out.warned = Some((a, self.entries[h.entry].phrase.clone()));
                break;
            }
        }
        out
    }

    /// The highest impact a name implies ("Tuck jumps": High), with the phrase that implies it.
    pub fn implied_impact(&self, text: &str) -> Option<(Impact, String)> {
        let toks = self.prepare(text);
        let hits = self.find(&toks);
        let covered = self.covered(&toks, &hits);
        hits.iter()
            .filter(|h| !self.excused(&toks, h, Field::Prose, &covered))
            .filter_map(|h| match self.entries[h.entry].kind {
                Kind::Impact(i) => Some((i, self.entries[h.entry].phrase.clone())),
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
                Tok {
                    cuts: stem::cuts(&w.chars),
                    filler: self.fillers.contains(&text),
                    chars: w.chars,
                    gap: w.gap,
                    text,
                }
            })
            .collect()
    }

    /// Digits for letters, and one typo in a long word.
    fn resolve(&self, mut w: Word) -> Word {
        let letters = w.chars.iter().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && w.chars.iter().any(|c| c.is_ascii_digit()) {
            let mut variants: Vec<Vec<char>> = vec![Vec::new()];
            for &c in &w.chars {
                let options: Vec<char> = match letters_for(c) {
                    [] => vec![c],
                    list => list.to_vec(),
                };
                if variants.len() * options.len() > 16 {
                    break;
                }
                variants = variants
                    .into_iter()
                    .flat_map(|v| {
                        options.iter().map(move |&o| {
                            let mut v = v.clone();
                            v.push(o);
                            v
                        })
                    })
                    .collect();
            }
            if let Some(best) = variants
                .into_iter()
                .filter(|v| v.len() == w.chars.len())
                .max_by_key(|v| self.trie.prefix(v))
                .filter(|v| self.trie.prefix(v) >= 3)
            {
                w.chars = best;
            }
            return w;
        }
        let n = w.chars.len();
        // A word of the lexicon, or one of its inflections, is no typo ("stooping" is not
        // "stomping").
        let known = || {
            stem::cuts(&w.chars).iter().any(|&c| {
                let s: String = w.chars[..c].iter().collect();
                self.words.contains(&s) || self.safe.contains(&s)
            })
        };
        if n >= TYPO_MIN_LETTERS && self.trie.prefix(&w.chars) < n && !known() {
            let typo = self.long_words.get(&w.chars[0]).and_then(|list| {
                list.iter().find(|k| {
                    k.len().abs_diff(n) <= 1 && {
                        let a: String = k.iter().collect();
                        strsim::osa_distance(&a, &w.text()) == 1
                    }
                })
            });
            if let Some(k) = typo {
                w.chars = k.clone();
            }
        }
        w
    }

    /// Every phrase that starts at a word, or inside a long word.
    fn find(&self, toks: &[Tok]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            self.walk(toks, i, 0, &mut hits);
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
        if self.trie.nodes.is_empty() {
            return;
        }
        let mut stack = vec![(0u32, start, start_off)];
        while let Some((n, j, off)) = stack.pop() {
            let t = &toks[j];
            let node = &self.trie.nodes[n as usize];
            let at_cut = off > 0 && t.cuts.contains(&off);
            if at_cut {
                for &e in &node.ends {
                    hits.push(Hit {
                        entry: e as usize,
                        start,
                        start_off,
                        end: j,
                    });
                }
                // On into the next word, past any fillers.
                let mut k = j + 1;
                while k < toks.len() && crossable(toks[k].gap) {
                    stack.push((n, k, 0));
                    if !toks[k].filler {
                        break;
                    }
                    k += 1;
                }
            }
            if let Some(&c) = t.chars.get(off)
                && let Some(next) = self.trie.child(n, c)
            {
                stack.push((next, j, off + 1));
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
        // Inside a word: only long phrases, in words not known to be safe ("scrunch").
        if h.start_off > 0 && (h.start_off < 3 || entry.len < 5 || self.safe.contains(&first.text))
        {
            return true;
        }
        if let Kind::Refused(g) = entry.kind
            && let Some(next) = self.next_word(toks, h.end)
            && prefixes(next).any(|p| self.unless_next[g].contains(&p))
        {
            return true;
        }
        let negatable = field == Field::Prose || matches!(entry.kind, Kind::Impact(_));
        negatable && h.start_off == 0 && self.negated(toks, h.start, covered)
    }

    /// The first word after word `end` in the same clause that is not a filler.
    fn next_word<'t>(&self, toks: &'t [Tok], end: usize) -> Option<&'t Tok> {
        toks[end + 1..]
            .iter()
            .take_while(|t| crossable(t.gap))
            .find(|t| !t.filler)
    }

    /// Is the phrase starting at word `start` governed by a negation: a negation before it
    /// with only fillers, helper words or other phrases of the lexicon in between, in the
    /// same clause ("do not let your back round", "no twisting or crunches")?
    fn negated(&self, toks: &[Tok], start: usize, covered: &[bool]) -> bool {
        let mut j = start;
        for _ in 0..8 {
            if j == 0 {
                return false;
            }
            match toks[j].gap {
                Gap::Stop => return false,
                Gap::Comma if !covered[j - 1] => return false,
                _ => {}
            }
            j -= 1;
            let t = &toks[j];
            if self.negations.contains(&t.text) {
                return true;
            }
            if !(t.filler || covered[j] || self.transparent.contains(&t.text)) {
                return false;
            }
        }
        false
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
        let near = |j: usize| prefixes(&toks[j]).any(|p| safe.contains(&p));
        // Back, within the sentence.
        let mut j = h.start;
        let mut seen = 0;
        while j > 0 && toks[j].gap != Gap::Stop && seen < WINDOW {
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
            .take_while(|(_, t)| t.gap != Gap::Stop)
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
            out.extend(hits.into_iter().filter(|h| {
                h.start < end - c && h.end >= end - c && !self.excused(&swapped, h, field, &covered)
            }));
        }
        out
    }
}

/// A word and its stems: the forms to look up in a list of words.
fn prefixes(t: &Tok) -> impl Iterator<Item = String> + '_ {
    t.cuts.iter().map(|&c| t.chars[..c].iter().collect())
}
