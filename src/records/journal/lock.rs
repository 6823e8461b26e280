//! One writer per data folder: an advisory lock on `upright.lock` beside the journal (the data
//! folder, or a profile's folder inside it: one journal, one writer; two people's profiles do
//! not block each other), held for as long as an upright that writes is running and let go by
//! the system when it ends, however it ends. The file also says who holds it (the process id,
//! the profile, since when), so a second upright can say so in plain words and offer only what
//! reads. Where the folder cannot take a lock file (a read-only folder with a writable journal
//! in it), the journal file itself is locked instead.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;
use serde::{Deserialize, Serialize};

use super::read::{no_block, open_regular, regular};
use crate::common::calendar::{parse_stamp, stamp};

/// The lock, held while it lives.
#[derive(Debug)]
pub struct Lock {
    /// Kept open: closing it lets the lock go.
    _file: File,
    path: PathBuf,
}

impl Lock {
    pub const FILE_NAME: &'static str = "upright.lock";

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Who holds the lock, as its file says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: Option<u32>,
    pub profile: Option<String>,
    /// When it started (RFC 3339, UTC).
    pub since: Option<String>,
}

impl Holder {
    /// "Another upright is running on this data folder (process 4242, profile ann, since
    /// 2026-11-20 09:00 UTC)."
    pub fn sentence(&self) -> String {
        let mut about = Vec::new();
        if let Some(pid) = self.pid {
            about.push(format!("process {pid}"));
        }
        match &self.profile {
            Some(p) => about.push(format!("profile {}", crate::common::text::clean_line(p))),
            None if self.pid.is_some() => about.push("no profile".to_owned()),
            None => {}
        }
        if let Some(since) = self.since.as_deref().and_then(parse_stamp) {
            let t = stamp(since);
            about.push(format!("since {} {} UTC", &t[..10], &t[11..16]));
        }
        if about.is_empty() {
            "Another upright is running on this data folder.".to_owned()
        } else {
            format!(
                "Another upright is running on this data folder ({}).",
                about.join(", ")
            )
        }
    }
}

/// Why the lock is not ours.
#[derive(Debug)]
pub enum Busy {
    /// Another upright holds it.
    Held(Holder),
    /// No lock can be taken here at all (nothing can be written either): the error.
    Unavailable(io::Error),
}

/// Takes the lock of the journal's folder `dir` for an upright running as `profile`, at
/// `now_secs`. Never waits.
pub fn acquire(dir: &Path, profile: Option<&str>, now_secs: u64) -> Result<Lock, Busy> {
    let path = dir.join(Lock::FILE_NAME);
    let journal = dir.join(super::Journal::FILE_NAME);
    let (file, path, own_file) = match open_lock_file(dir, &path) {
        Ok(f) => (f, path, true),
        // A read-only folder: lock the journal itself, when it is there to be locked.
        Err(e) => match open_regular(&journal) {
            Ok(Some(f)) => (f, journal.clone(), false),
            Ok(None) => return Err(Busy::Unavailable(e)),
            Err(e) => return Err(Busy::Unavailable(e)),
        },
    };
    match FileExt::try_lock_exclusive(&file) {
        Ok(true) => {}
        Ok(false) => {
            return Err(Busy::Held(if own_file {
                holder(&path)
            } else {
                Holder::default()
            }));
        }
        Err(e) => return Err(Busy::Unavailable(e)),
    }
    if own_file {
        let me = Holder {
            pid: Some(std::process::id()),
            profile: profile.map(str::to_owned),
            since: Some(stamp(now_secs)),
        };
        // Who holds it is only for the message a second upright shows: best effort.
        if let Ok(text) = serde_json::to_vec(&me) {
            let _ = file
                .set_len(0)
                .and_then(|()| (&file).write_all(&text))
                .and_then(|()| (&file).write_all(b"\n"));
        }
    }
    Ok(Lock { _file: file, path })
}

/// Who holds the lock of the journal's folder `dir`, when someone does (read without taking
/// it).
pub fn holder_of(dir: &Path) -> Option<Holder> {
    let path = dir.join(Lock::FILE_NAME);
    let file = open_regular(&path).ok()??;
    match FileExt::try_lock_shared(&file) {
        Ok(false) => Some(holder(&path)),
        Ok(true) | Err(_) => None,
    }
}

fn open_lock_file(dir: &Path, path: &Path) -> io::Result<File> {
    std::fs::create_dir_all(dir)?;
    let mut options = OpenOptions::new();
    // Not truncated on opening: the holder's details stay readable to a second upright.
    options.read(true).write(true).create(true).truncate(false);
    no_block(&mut options);
    regular(options.open(path)?, path)
}

fn holder(path: &Path) -> Holder {
    let Ok(Some(file)) = open_regular(path) else {
        return Holder::default();
    };
    let mut text = Vec::new();
    if file.take(4096).read_to_end(&mut text).is_err() {
        return Holder::default();
    }
    serde_json::from_slice(text.trim_ascii()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_told_who_holds_the_lock_until_it_is_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path(), Some("ann"), 1_795_190_400).unwrap();
        assert_eq!(first.path(), dir.path().join(Lock::FILE_NAME));
        let Err(Busy::Held(h)) = acquire(dir.path(), None, 1_795_190_460) else {
            panic!("a second lock was granted");
        };
        assert_eq!(h.pid, Some(std::process::id()));
        assert_eq!(h.profile.as_deref(), Some("ann"));
        assert_eq!(
            h.sentence(),
            format!(
                "Another upright is running on this data folder (process {}, profile ann, since 2026-11-20 16:00 UTC).",
                std::process::id()
            )
        );
        assert_eq!(holder_of(dir.path()), Some(h));
        drop(first);
        assert_eq!(holder_of(dir.path()), None);
        assert!(acquire(dir.path(), None, 0).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_as_the_lock_file_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(Lock::FILE_NAME);
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("NOTE: no mkfifo here; the FIFO lock test did not run");
            return;
        }
        assert!(matches!(
            acquire(dir.path(), None, 0),
            Err(Busy::Unavailable(_))
        ));
    }

    #[test]
    fn a_holder_without_details_is_still_said_plainly() {
        assert_eq!(
            Holder::default().sentence(),
            "Another upright is running on this data folder."
        );
    }
}
