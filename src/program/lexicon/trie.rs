//! The keys of the lexicon's phrases, letter by letter, in one trie: the matcher walks it
//! from every word of a text.

use super::normal::{ANY, letters_for};

/// The keys of every phrase, letter by letter. Tens of thousands of nodes (every spelling of
/// every phrase): each is 16 bytes in one array, its children and the entries ending at it
/// chained through it, rather than two vectors of its own (48 bytes and two allocations a
/// node, 2.4 MB of the lexicon's 3.7 MB before the first frame).
#[derive(Debug, Default)]
pub struct Trie {
    nodes: Vec<Node>,
    ends: Vec<End>,
}

/// Nothing: the end of a chain.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The letter that leads here from the parent.
    letter: char,
    /// The first child, and the next child of the same parent.
    child: u32,
    sibling: u32,
    /// The first entry whose key ends here (an index into `ends`).
    end: u32,
}

impl Node {
    const EMPTY: Node = Node {
        letter: '\0',
        child: NONE,
        sibling: NONE,
        end: NONE,
    };
}

/// An entry whose key ends at a node, and the next one.
#[derive(Debug, Clone, Copy)]
struct End {
    entry: u32,
    next: u32,
}

impl Trie {
    pub fn insert(&mut self, key: &[char], entry: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::EMPTY);
        }
        let mut n = 0u32;
        for &c in key {
            n = match self.child(n, c) {
                Some(next) => next,
                None => {
                    // A new last child, so children keep the order they came in.
                    let next = self.nodes.len() as u32;
                    self.nodes.push(Node {
                        letter: c,
                        ..Node::EMPTY
                    });
                    match self.kids(n).last() {
                        Some(last) => self.nodes[last as usize].sibling = next,
                        None => self.nodes[n as usize].child = next,
                    }
                    next
                }
            };
        }
        let e = self.ends.len() as u32;
        self.ends.push(End {
            entry: entry as u32,
            next: NONE,
        });
        // A new last entry, so entries keep the order they came in.
        match self.nodes[n as usize].end {
            NONE => self.nodes[n as usize].end = e,
            mut i => {
                while self.ends[i as usize].next != NONE {
                    i = self.ends[i as usize].next;
                }
                self.ends[i as usize].next = e;
            }
        }
    }

    /// Gives back the room the vectors grew into.
    pub fn shrink(&mut self) {
        self.nodes.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The children of `n`, in the order they came in.
    fn kids(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.nodes.get(n as usize).map_or(NONE, |node| node.child);
        std::iter::successors((first != NONE).then_some(first), |&k| {
            let s = self.nodes[k as usize].sibling;
            (s != NONE).then_some(s)
        })
    }

    /// The entries whose key ends at `n`, in the order they came in.
    pub fn ends_at(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.nodes.get(n as usize).map_or(NONE, |node| node.end);
        std::iter::successors((first != NONE).then_some(first), |&e| {
            let next = self.ends[e as usize].next;
            (next != NONE).then_some(next)
        })
        .map(|e| self.ends[e as usize].entry)
    }

    /// The nodes after `n` on a letter that may be `c`: itself, the letters a digit or a
    /// symbol stands for, or any letter for a mask.
    pub(super) fn children(&self, n: u32, c: char, literal: bool, out: &mut Vec<u32>) {
        if self.nodes.get(n as usize).is_none() {
            return;
        }
        if c == ANY && !literal {
            out.extend(self.kids(n));
            return;
        }
        match letters_for(c) {
            list if !literal && !list.is_empty() => {
                out.extend(list.iter().filter_map(|&l| self.child(n, l)));
            }
            _ => out.extend(self.child(n, c)),
        }
    }

    pub(super) fn child(&self, n: u32, c: char) -> Option<u32> {
        self.kids(n).find(|&k| self.nodes[k as usize].letter == c)
    }

    /// How many letters of `word` from the start follow a key.
    pub(super) fn prefix(&self, word: &[char]) -> usize {
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
