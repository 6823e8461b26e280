//! Lists and sets of words kept in one string each, with the offsets where each word ends: a
//! compiled lexicon holds a handful of allocations rather than one a word, and one loaded from
//! the binary borrows its text in place.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Words in the order they came in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Words {
    #[serde(deserialize_with = "str_in")]
    text: Cow<'static, str>,
    /// Where each word ends in `text`: little-endian u32s.
    #[serde(serialize_with = "bytes_out", deserialize_with = "bytes_in")]
    ends: Cow<'static, [u8]>,
}

impl Words {
    pub fn len(&self) -> usize {
        self.ends.len() / 4
    }

    /// Word `i`, or "" past the end (or in a list whose offsets are out of order).
    pub fn get(&self, i: usize) -> &str {
        self.span(i)
            .and_then(|(s, e)| self.text.get(s..e))
            .unwrap_or("")
    }

    /// Word `i`'s bytes, for comparing (in the same order as `str`'s), without the check
    /// that they start and end on whole characters.
    fn bytes(&self, i: usize) -> &[u8] {
        self.span(i)
            .and_then(|(s, e)| self.text.as_bytes().get(s..e))
            .unwrap_or(b"")
    }

    fn span(&self, i: usize) -> Option<(usize, usize)> {
        let end = |i: usize| self.ends.get(i * 4..i * 4 + 4).map(|b| le_u32(b) as usize);
        let start = if i == 0 { 0 } else { end(i - 1)? };
        Some((start, end(i)?))
    }

    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The words that start with `c`, in order, in a list sorted by first letter.
    pub fn starting_with(&self, c: char) -> impl Iterator<Item = &str> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid).chars().next() < Some(c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..self.len())
            .map(|i| self.get(i))
            .take_while(move |w| w.starts_with(c))
    }
}

impl<S: AsRef<str>> FromIterator<S> for Words {
    fn from_iter<I: IntoIterator<Item = S>>(words: I) -> Words {
        let mut text = String::new();
        let mut ends = Vec::new();
        for w in words {
            text.push_str(w.as_ref());
            ends.extend_from_slice(&(text.len() as u32).to_le_bytes());
        }
        text.shrink_to_fit();
        ends.shrink_to_fit();
        Words {
            text: Cow::Owned(text),
            ends: Cow::Owned(ends),
        }
    }
}

/// A set of words, sorted, each once: membership by binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct WordSet(Words);

impl WordSet {
    pub fn contains(&self, word: &str) -> bool {
        self.position(word).is_ok()
    }

    /// Where `word` is, or where it would go (as `slice::binary_search`).
    fn position(&self, word: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.0.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.0.bytes(mid).cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter()
    }
}

impl<S: AsRef<str> + Ord> FromIterator<S> for WordSet {
    fn from_iter<I: IntoIterator<Item = S>>(words: I) -> WordSet {
        let mut all: Vec<S> = words.into_iter().collect();
        all.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
        all.dedup_by(|a, b| a.as_ref() == b.as_ref());
        WordSet(all.iter().collect())
    }
}

pub fn le_u32(b: &[u8]) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&b[..4]);
    u32::from_le_bytes(word)
}

/// Borrowed from the bytes it is read from, which live as long as the program.
pub fn str_in<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<Cow<'static, str>, D::Error> {
    <&'de str>::deserialize(d).map(Cow::Borrowed)
}

/// As bytes, so they are read back as one slice (`serde` hands the field as it is: a `Cow`).
#[allow(clippy::ptr_arg)]
pub fn bytes_out<S: Serializer>(bytes: &Cow<'static, [u8]>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(bytes)
}

pub fn bytes_in<'de: 'static, D: Deserializer<'de>>(d: D) -> Result<Cow<'static, [u8]>, D::Error> {
    <&'de [u8]>::deserialize(d).map(Cow::Borrowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_keeps_order_and_repeats_and_a_set_sorts_once() {
        let list: Words = ["b", "", "a", "b"].into_iter().collect();
        assert_eq!(list.iter().collect::<Vec<_>>(), ["b", "", "a", "b"]);
        assert_eq!(list.get(4), "");
        let by_letter: Words = ["ab", "b", "ba", "c"].into_iter().collect();
        assert_eq!(
            by_letter.starting_with('b').collect::<Vec<_>>(),
            ["b", "ba"]
        );
        assert_eq!(by_letter.starting_with('a').collect::<Vec<_>>(), ["ab"]);
        assert_eq!(by_letter.starting_with('d').count(), 0);
        assert_eq!(by_letter.starting_with('0').count(), 0);
        let set: WordSet = ["knee", "back", "knee", "über", ""].into_iter().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), ["", "back", "knee", "über"]);
        for w in ["", "back", "knee", "über"] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["a", "bac", "backs", "z", "uber"] {
            assert!(!set.contains(w), "{w}");
        }
        assert!(!WordSet::default().contains(""));
    }

    #[test]
    fn words_read_back_borrow_the_bytes_they_came_from() {
        let set: WordSet = ["twist", "crunch", "roll"].into_iter().collect();
        let bytes: &'static [u8] = postcard::to_allocvec(&set).unwrap().leak();
        let back: WordSet = postcard::from_bytes(bytes).unwrap();
        assert_eq!(back, set);
        assert!(matches!(back.0.text, Cow::Borrowed(_)));
        assert!(matches!(back.0.ends, Cow::Borrowed(_)));
        assert!(back.contains("roll") && !back.contains("rol"));
    }
}
