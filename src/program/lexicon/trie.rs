//! The keys of every phrase, letter by letter. Tens of thousands of nodes (every spelling of
//! every phrase): each is 16 bytes in one array, its children and the entries ending at it
//! chained through it, rather than two vectors of its own (48 bytes and two allocations a
//! node). The arrays are little-endian bytes, so a trie read from the binary is used where
//! it lies, never copied.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::normal::{ANY, letters_for};
use super::words::{bytes_in, bytes_out, le_u32};

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Trie {
    /// Per node: the letter that leads here from the parent, its first child, the next
    /// child of the same parent, and the first entry whose key ends here (an index into
    /// `ends`); four u32s.
    #[serde(serialize_with = "bytes_out", deserialize_with = "bytes_in")]
    nodes: Cow<'static, [u8]>,
    /// Per entry ending at a node: the entry, and the next one ending there; two u32s.
    #[serde(serialize_with = "bytes_out", deserialize_with = "bytes_in")]
    ends: Cow<'static, [u8]>,
}

/// Nothing: the end of a chain.
const NONE: u32 = u32::MAX;

const NODE: usize = 16;
const LETTER: usize = 0;
const CHILD: usize = 4;
const SIBLING: usize = 8;
const END: usize = 12;

const ENDING: usize = 8;
const ENTRY: usize = 0;
const NEXT: usize = 4;

/// Field `at` of record `i` of `size` bytes, or `NONE` past the end.
fn field(bytes: &[u8], i: u32, size: usize, at: usize) -> u32 {
    let start = i as usize * size + at;
    bytes.get(start..start + 4).map_or(NONE, le_u32)
}

fn set_field(bytes: &mut [u8], i: u32, size: usize, at: usize, value: u32) {
    let start = i as usize * size + at;
    bytes[start..start + 4].copy_from_slice(&value.to_le_bytes());
}

fn record(fields: &[u32]) -> impl Iterator<Item = u8> + '_ {
    fields.iter().flat_map(|f| f.to_le_bytes())
}

impl Trie {
    pub fn insert(&mut self, key: &[char], entry: usize) {
        if self.nodes.is_empty() {
            self.nodes
                .to_mut()
                .extend(record(&['\0' as u32, NONE, NONE, NONE]));
        }
        let mut n = 0u32;
        for &c in key {
            n = match self.child(n, c) {
                Some(next) => next,
                None => {
                    // A new last child, so children keep the order they came in.
                    let next = (self.nodes.len() / NODE) as u32;
                    self.nodes
                        .to_mut()
                        .extend(record(&[c as u32, NONE, NONE, NONE]));
                    match self.kids(n).last() {
                        Some(last) => set_field(self.nodes.to_mut(), last, NODE, SIBLING, next),
                        None => set_field(self.nodes.to_mut(), n, NODE, CHILD, next),
                    }
                    next
                }
            };
        }
        let e = (self.ends.len() / ENDING) as u32;
        self.ends.to_mut().extend(record(&[entry as u32, NONE]));
        // A new last entry, so entries keep the order they came in.
        match self.ends_at_node(n).last() {
            Some(last) => set_field(self.ends.to_mut(), last, ENDING, NEXT, e),
            None => set_field(self.nodes.to_mut(), n, NODE, END, e),
        }
    }

    /// Gives back the room the arrays grew into.
    pub fn shrink(&mut self) {
        self.nodes.to_mut().shrink_to_fit();
        self.ends.to_mut().shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Follows a chain from `first` through field `at` of records of `size` bytes. Records
    /// only ever link forward (a node is added after its elder siblings, an ending after
    /// those before it), so a link that does not ends the chain: no chain can loop, even
    /// through bytes that were not made by `insert`, and a link past the end reads as
    /// `NONE`.
    fn chain<'a>(
        bytes: &'a [u8],
        first: u32,
        size: usize,
        at: usize,
    ) -> impl Iterator<Item = u32> + 'a {
        std::iter::successors((first != NONE).then_some(first), move |&k| {
            let s = field(bytes, k, size, at);
            (s != NONE && s > k).then_some(s)
        })
    }

    /// The children of `n`, in the order they came in.
    fn kids(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        Self::chain(
            &self.nodes,
            field(&self.nodes, n, NODE, CHILD),
            NODE,
            SIBLING,
        )
    }

    /// The records in `ends` of the entries whose key ends at `n`.
    fn ends_at_node(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        Self::chain(&self.ends, field(&self.nodes, n, NODE, END), ENDING, NEXT)
    }

    /// The entries whose key ends at `n`, in the order they came in.
    pub fn ends_at(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        self.ends_at_node(n)
            .map(|e| field(&self.ends, e, ENDING, ENTRY))
    }

    /// The nodes after `n` on a letter that may be `c`: itself, the letters a digit or a
    /// symbol stands for, or any letter for a mask.
    pub fn children(&self, n: u32, c: char, literal: bool, out: &mut Vec<u32>) {
        if n as usize >= self.nodes.len() / NODE {
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

    /// The child of `n` on `c`: the walk's innermost loop, so each sibling is read whole, at
    /// one bounds check, and the chain followed as `chain` does.
    fn child(&self, n: u32, c: char) -> Option<u32> {
        let mut k = field(&self.nodes, n, NODE, CHILD);
        while let Some(node) = self.node(k) {
            if node[LETTER / 4] == c as u32 {
                return Some(k);
            }
            let next = node[SIBLING / 4];
            if next == NONE || next <= k {
                return None;
            }
            k = next;
        }
        None
    }

    /// Node `n`'s four fields, or `None` past the end.
    fn node(&self, n: u32) -> Option<[u32; 4]> {
        let start = n as usize * NODE;
        let b: &[u8; NODE] = self.nodes.get(start..start + NODE)?.try_into().ok()?;
        Some([0, 4, 8, 12].map(|i| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])))
    }

    /// How many letters of `word` from the start follow a key.
    pub fn prefix(&self, word: &[char]) -> usize {
        let mut n = 0;
        for (i, &c) in word.iter().enumerate() {
            match self.child(n, c) {
                Some(next) => n = next,
                None => return i,
            }
        }
        word.len()
    }

    /// Are the arrays whole records? (Links need no check: see `chain`.) Checking no more
    /// leaves the pages of a trie read from the binary untouched until a walk needs them.
    pub fn is_sound(&self) -> bool {
        self.nodes.len().is_multiple_of(NODE) && self.ends.len().is_multiple_of(ENDING)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_and_entries_keep_the_order_they_came_in() {
        let mut t = Trie::default();
        let key = |s: &str| s.chars().collect::<Vec<_>>();
        t.insert(&key("tw"), 0);
        t.insert(&key("ta"), 1);
        t.insert(&key("tw"), 2);
        assert_eq!(t.prefix(&key("twist")), 2);
        assert_eq!(t.prefix(&key("x")), 0);
        let mut next = Vec::new();
        t.children(0, 't', false, &mut next);
        let n = next[0];
        next.clear();
        t.children(n, ANY, false, &mut next);
        assert_eq!(next.len(), 2);
        assert_eq!(t.ends_at(next[0]).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(t.ends_at(next[1]).collect::<Vec<_>>(), [1]);
        assert!(t.is_sound());
    }

    #[test]
    fn a_link_backwards_or_past_the_end_ends_its_chain() {
        let nodes: Vec<u8> = record(&[0, 1, NONE, NONE])
            // Its own next sibling, and an ending that is its own next.
            .chain(record(&['a' as u32, 99, 1, 0]))
            .collect();
        let t = Trie {
            nodes: Cow::Owned(nodes),
            ends: Cow::Owned(record(&[7, 0]).collect()),
        };
        assert_eq!(t.kids(0).collect::<Vec<_>>(), [1]);
        assert_eq!(t.ends_at(1).collect::<Vec<_>>(), [7]);
        assert_eq!(t.child(0, 'b'), None);
        assert_eq!(t.prefix(&['a', 'a']), 1);
        let mut next = Vec::new();
        t.children(1, ANY, false, &mut next);
        t.children(5, 'a', false, &mut next);
        assert_eq!(next, [99]);
        assert!(
            !Trie {
                nodes: Cow::Owned(vec![0; 17]),
                ends: Cow::Owned(Vec::new())
            }
            .is_sound()
        );
    }
}
