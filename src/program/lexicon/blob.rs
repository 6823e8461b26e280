//! The compiled lexicon as bytes, shipped in the binary (`assets/lexicon.bin`) so start-up
//! reads it rather than stemming every phrase: a header naming the format and a fingerprint
//! of what it was compiled from, then the lexicon in `postcard`. Its word lists and trie are
//! borrowed from the bytes, not copied.
//!
//! A lexicon is only read back when the fingerprint is that of the texts and code of the
//! running build; otherwise the caller compiles it afresh, so the checker never runs on a
//! stale one.

use super::Lexicon;

/// What the bytes start with: the format, then the fingerprint (8 bytes, little-endian).
const MAGIC: &[u8; 8] = b"uplex\0\0\x01";

/// A fingerprint of `parts` (FNV-1a over each part and its length), worked out while
/// compiling, so start-up only compares two numbers.
pub const fn fingerprint(parts: &[&[u8]]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut p = 0;
    while p < parts.len() {
        let part = parts[p];
        let mut i = 0;
        while i < part.len() {
            h = (h ^ part[i] as u64).wrapping_mul(PRIME);
            i += 1;
        }
        let len = (part.len() as u64).to_le_bytes();
        let mut i = 0;
        while i < len.len() {
            h = (h ^ len[i] as u64).wrapping_mul(PRIME);
            i += 1;
        }
        p += 1;
    }
    h
}

impl Lexicon {
    /// The lexicon as bytes, marked as compiled from what `sources` is the fingerprint of.
    pub fn to_bytes(&self, sources: u64) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(sources.to_le_bytes());
        postcard::to_extend(self, out).expect("a lexicon always serialises")
    }

    /// The lexicon in `bytes`, if they were compiled from what `sources` is the fingerprint of
    /// and read back whole and sound; `None` otherwise, and the caller compiles it afresh.
    pub fn from_bytes(bytes: &'static [u8], sources: u64) -> Option<Lexicon> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (stamp, rest) = rest.split_first_chunk::<8>()?;
        if u64::from_le_bytes(*stamp) != sources {
            return None;
        }
        let (lexicon, left): (Lexicon, _) = postcard::take_from_bytes(rest).ok()?;
        (left.is_empty() && lexicon.is_sound()).then_some(lexicon)
    }

    /// Does every index point inside what it indexes?
    fn is_sound(&self) -> bool {
        let data = &self.data;
        let entries = self.entries.iter().all(|e| match e.kind {
            super::Kind::Refused(g) => g < data.groups.len(),
            super::Kind::Ambiguous(a) => a < data.ambiguous.len(),
            super::Kind::Impact(_) => true,
        });
        entries
            && self.unless_next.len() == data.groups.len()
            && self.unless_after.len() == data.groups.len()
            && self.unless_before.len() == data.groups.len()
            && self.safe_with.len() == data.ambiguous.len()
            && self.trie.is_sound()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_sees_every_byte_and_where_parts_meet() {
        let f = fingerprint(&[b"abc", b"def"]);
        assert_eq!(f, fingerprint(&[b"abc", b"def"]));
        assert_ne!(f, fingerprint(&[b"abcd", b"ef"]));
        assert_ne!(f, fingerprint(&[b"abc", b"deg"]));
        assert_ne!(f, fingerprint(&[b"abcdef"]));
        assert_ne!(fingerprint(&[]), fingerprint(&[b""]));
    }
}
