//! The cue log (`UPRIGHT_CUE_LOG`): a line for each cue handed to a player, saying how late it
//! was, for measuring cue timing.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use crate::training::cues::Tone;

/// A line for each cue handed to a player, for measuring how late cues are.
pub struct Log {
    file: Mutex<File>,
}

impl Log {
    pub fn open(path: &Path) -> std::io::Result<Log> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Log {
            file: Mutex::new(file),
        })
    }

    /// Notes that a cue due at `at` was handed over just now, `how` (tone, speech, bell).
    pub fn handed(&self, how: &str, at: Instant, tone: Option<Tone>, words: &str) {
        let late = Instant::now().saturating_duration_since(at).as_secs_f64() * 1000.0;
        let tone = tone.map_or("-", Tone::name);
        let line = format!("{how}\t{late:.2}\t{tone}\t{words}\n");
        if let Ok(mut f) = self.file.lock() {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cue_log_says_how_late_each_cue_was_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cues.log");
        let log = Log::open(&path).unwrap();
        let at = Instant::now() - std::time::Duration::from_millis(20);
        log.handed("tone", at, Some(Tone::Hold), "");
        log.handed("speech", at, None, "Hold.");
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[0][0], lines[0][2]), ("tone", "hold"));
        assert_eq!(
            (lines[1][0], lines[1][2], lines[1][3]),
            ("speech", "-", "Hold.")
        );
        for l in &lines {
            let late: f64 = l[1].parse().unwrap();
            assert!(late >= 20.0, "{late}");
        }
    }
}
