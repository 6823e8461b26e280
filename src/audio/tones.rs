//! The distinct sounds, made here: each tone is a few notes of a sine wave with soft edges,
//! written as a small WAV file (16-bit mono PCM) that any system player can play. Made once
//! and kept in the cache folder, so nothing is shipped and nothing is made during a session.

use std::f32::consts::TAU;
use std::path::{Path, PathBuf};

use crate::common::files;
use crate::training::cues::Tone;

/// Samples a second: plenty for tones under 2 kHz, and small files.
pub const RATE: u32 = 22_050;
/// Fade in and out over this many milliseconds, so a note starts and stops without a click.
const EDGE_MS: u32 = 6;
/// Loud enough to hear across a room, well short of clipping.
const VOLUME: f32 = 0.45;

/// Bumped whenever a tone changes, so a cache of old files is not played.
const VERSION: u32 = 1;

/// A note: its pitch in hertz (0 for a silence) and how long it lasts in milliseconds.
type Note = (f32, u32);

/// The notes of each tone. They differ in pitch, direction and length, so each can be told
/// apart without looking: rising for start, one long low note for hold, falling for relax,
/// a trill for switching sides, a tick for a rep, a short beep for the count, a chime for
/// get ready and a falling three-note chime for a check-in or the end.
fn notes(tone: Tone) -> &'static [Note] {
    match tone {
        Tone::Ready => &[(659.3, 220)],
        Tone::Start => &[(523.3, 90), (659.3, 90), (784.0, 180)],
        Tone::Hold => &[(392.0, 450)],
        Tone::Relax => &[(784.0, 160), (0.0, 20), (523.3, 260)],
        Tone::Switch => &[(659.3, 80), (880.0, 80), (659.3, 80), (880.0, 80)],
        Tone::Rep => &[(1318.5, 45)],
        Tone::Count => &[(880.0, 110)],
        Tone::Done => &[(784.0, 150), (659.3, 150), (523.3, 320)],
    }
}

/// The samples of `tone`, between -1 and 1.
fn samples(tone: Tone) -> Vec<f32> {
    let mut out = Vec::new();
    for &(freq, ms) in notes(tone) {
        let n = RATE * ms / 1000;
        let edge = (RATE * EDGE_MS / 1000).min(n / 2).max(1);
        for i in 0..n {
            let fade = (i.min(n - 1 - i) as f32 / edge as f32).min(1.0);
            let t = i as f32 / RATE as f32;
            out.push(VOLUME * fade * (TAU * freq * t).sin());
        }
    }
    out
}

/// `tone` as the bytes of a WAV file.
pub fn wav(tone: Tone) -> Vec<u8> {
    let pcm: Vec<i16> = samples(tone)
        .iter()
        .map(|s| (s * f32::from(i16::MAX)) as i16)
        .collect();
    let data_len = (pcm.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + data_len as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes()); // the format chunk's size
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes()); // bytes a second
    out.extend_from_slice(&2u16.to_le_bytes()); // bytes a frame
    out.extend_from_slice(&16u16.to_le_bytes()); // bits a sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in pcm {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// The file of `tone` in `dir`.
pub fn path(dir: &Path, tone: Tone) -> PathBuf {
    dir.join(format!("{}-v{VERSION}.wav", tone.name()))
}

/// Writes every tone's file into `dir` once: a file already there with the right size is
/// kept (they are written whole, by rename, so a right size is a whole file).
pub fn write_all(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for tone in Tone::ALL {
        let bytes = wav(tone);
        let file = path(dir, tone);
        let fine = std::fs::metadata(&file).is_ok_and(|m| m.len() == bytes.len() as u64);
        if !fine {
            files::replace(&file, &bytes)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn le32(b: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
    }

    #[test]
    fn each_tone_is_a_whole_pcm_wav_file() {
        for tone in Tone::ALL {
            let b = wav(tone);
            assert_eq!(&b[0..4], b"RIFF");
            assert_eq!(le32(&b, 4) as usize, b.len() - 8, "{tone:?}");
            assert_eq!(&b[8..16], b"WAVEfmt ");
            assert_eq!(le32(&b, 24), RATE);
            assert_eq!(&b[36..40], b"data");
            assert_eq!(le32(&b, 40) as usize, b.len() - 44);
            let frames: u32 = notes(tone).iter().map(|n| RATE * n.1 / 1000).sum();
            assert_eq!(le32(&b, 40), frames * 2, "{tone:?}");
        }
    }

    #[test]
    fn tones_start_and_end_softly_and_never_clip() {
        for tone in Tone::ALL {
            let s = samples(tone);
            assert!(s.first().unwrap().abs() < 0.01, "{tone:?} clicks in");
            assert!(s.last().unwrap().abs() < 0.05, "{tone:?} clicks out");
            let peak = s.iter().fold(0f32, |m, x| m.max(x.abs()));
            assert!(peak > 0.3 && peak <= VOLUME, "{tone:?}: peak {peak}");
        }
    }

    #[test]
    fn every_tone_is_different_from_every_other() {
        for (i, a) in Tone::ALL.iter().enumerate() {
            for b in &Tone::ALL[i + 1..] {
                assert_ne!(notes(*a), notes(*b), "{a:?} and {b:?}");
            }
        }
        // Short enough never to run into the next second's cue.
        for tone in Tone::ALL {
            let ms: u32 = notes(tone).iter().map(|n| n.1).sum();
            assert!(ms <= 650, "{tone:?} lasts {ms} ms");
        }
    }

    #[test]
    fn files_are_written_once_and_mended_when_cut_short() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path()).unwrap();
        let file = path(dir.path(), Tone::Hold);
        assert_eq!(std::fs::read(&file).unwrap(), wav(Tone::Hold));
        let written = std::fs::metadata(&file).unwrap().modified().unwrap();
        write_all(dir.path()).unwrap();
        assert_eq!(
            std::fs::metadata(&file).unwrap().modified().unwrap(),
            written,
            "kept"
        );
        std::fs::write(&file, b"RIFF").unwrap();
        write_all(dir.path()).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), wav(Tone::Hold), "mended");
    }
}
