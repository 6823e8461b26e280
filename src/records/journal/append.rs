//! Appending to the journal, so that nothing shown as saved is lost and nothing is written
//! twice. Each event is one line, written whole at the end and synced to disk; before it, the
//! file's last byte is read, and a line cut off by a crash or a full disk gets its newline
//! first, so a new event never starts glued to the end of a torn one. A write that fails is cut
//! back, the event is kept in memory (`pending`), and it is written again, in order, before
//! the next event and whenever `retry` is called; an attempt that landed after all is found
//! at the end of the file and not written a second time. The start-up repair of a torn last
//! line (`repair`) says when it could not be done.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::Record;
use super::read::{Bounds, MAX_LINE, TornTail, no_block, regular};
use crate::common::calendar::stamp;

/// Where the journal's bytes go: the file, or a stand-in that fails on cue (tests).
pub trait Store: Send {
    /// The length in bytes.
    fn size(&mut self) -> io::Result<u64>;
    /// Fills `buf` from `offset` on.
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()>;
    /// Writes all of `bytes` at the end and syncs them to disk.
    fn append(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Cuts the file back to `len` bytes and syncs that.
    fn truncate(&mut self, len: u64) -> io::Result<()>;
}

impl Store for File {
    fn size(&mut self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        self.seek(SeekFrom::Start(offset))?;
        self.read_exact(buf)
    }

    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        // Opened in append mode: every write goes to the end, whatever was read before.
        self.write_all(bytes)?;
        self.sync_data()
    }

    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.set_len(len)?;
        self.sync_data()
    }
}

/// An event that could not be written yet, and the line it is written as.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub record: Record,
    line: Vec<u8>,
}

impl Pending {
    /// The line, as it would go in the journal (without its newline), to print at the end
    /// so a person can keep it.
    pub fn line(&self) -> &str {
        std::str::from_utf8(&self.line[..self.line.len() - 1]).unwrap_or("")
    }
}

/// The journal file, opened for appending.
pub struct Journal {
    path: PathBuf,
    store: Result<Box<dyn Store>, String>,
    pending: Vec<Pending>,
    /// Why the last write failed, while anything is pending.
    last_error: Option<String>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("path", &self.path)
            .field("pending", &self.pending.len())
            .finish()
    }
}

impl Journal {
    pub const FILE_NAME: &'static str = "journal.jsonl";

    /// Opens (creating if needed) the journal in `dir`. A journal that cannot be opened is
    /// still returned, so a session can run; every append then reports the error and keeps
    /// the event.
    pub fn open(dir: &Path) -> (Journal, Option<io::Error>) {
        let path = dir.join(Self::FILE_NAME);
        match open_for_append(dir, &path) {
            Ok(file) => (Journal::with_store(path, Box::new(file)), None),
            Err(e) => (
                Journal {
                    path,
                    store: Err(e.to_string()),
                    pending: Vec::new(),
                    last_error: None,
                },
                Some(e),
            ),
        }
    }

    /// A journal at `path` that this upright must not write (another one holds the lock):
    /// every append says `why` and keeps the event.
    pub fn closed(path: PathBuf, why: String) -> Journal {
        Journal {
            path,
            store: Err(why),
            pending: Vec::new(),
            last_error: None,
        }
    }

    /// A journal at `path` written through `store` (a stand-in in tests).
    pub fn with_store(path: PathBuf, store: Box<dyn Store>) -> Journal {
        Journal {
            path,
            store: Ok(store),
            pending: Vec::new(),
            last_error: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The journal's length now (what a snapshot taken now covers); `None` when unknown.
    pub fn size(&mut self) -> Option<u64> {
        self.store.as_mut().ok()?.size().ok()
    }

    /// Appends one record and syncs it to disk; only when this returns `Ok` is it saved.
    /// Events still waiting from earlier failures go first, so the journal keeps the order
    /// things happened in; when they cannot, this one waits behind them.
    pub fn append(&mut self, record: &Record) -> io::Result<()> {
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        self.retry();
        let pending = Pending {
            record: record.clone(),
            line,
        };
        if !self.pending.is_empty() {
            self.pending.push(pending);
            // Kept behind the earlier ones, so the journal keeps the order things happened in.
            return Err(io::Error::other(
                self.last_error
                    .as_deref()
                    .unwrap_or("unknown error")
                    .to_owned(),
            ));
        }
        match self.write(&pending.line, false) {
            Ok(()) => Ok(()),
            Err(e) => {
                self.last_error = Some(e.to_string());
                self.pending.push(pending);
                Err(e)
            }
        }
    }

    /// Writes what is still waiting, in order, as far as the disk allows; returns how many
    /// made it this time.
    pub fn retry(&mut self) -> usize {
        let mut saved = 0;
        while let Some(first) = self.pending.first() {
            let line = first.line.clone();
            match self.write(&line, true) {
                Ok(()) => {
                    self.pending.remove(0);
                    saved += 1;
                }
                Err(e) => {
                    self.last_error = Some(e.to_string());
                    break;
                }
            }
        }
        if self.pending.is_empty() {
            self.last_error = None;
        }
        saved
    }

    /// The events not written yet, oldest first.
    pub fn pending(&self) -> &[Pending] {
        &self.pending
    }

    /// Why the last write failed, while anything is pending.
    pub fn last_error(&self) -> Option<&str> {
        self.last_error.as_deref()
    }

    /// Writes `line` (with its newline) at the end, on a line of its own. A retried line
    /// that landed after all (the disk took it but said it had not) is not written again.
    fn write(&mut self, line: &[u8], retried: bool) -> io::Result<()> {
        let store = match &mut self.store {
            Ok(s) => s,
            Err(why) => {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("the journal could not be opened: {why}"),
                ));
            }
        };
        if line.len() > MAX_LINE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "this event is {} bytes, over the journal's limit of {MAX_LINE}",
                    line.len()
                ),
            ));
        }
        let len = store.size()?;
        let rest: &[u8] = match retried.then(|| landed(store.as_mut(), len, line)) {
            Some(Ok(Landed::Whole)) => return Ok(()),
            Some(Ok(Landed::ButItsNewline)) => b"\n",
            Some(Err(e)) => return Err(e),
            _ => line,
        };
        let glued = rest.len() > 1 && len > 0 && {
            let mut last = [0u8];
            store.read_at(len - 1, &mut last)?;
            last[0] != b'\n'
        };
        let mut bytes = Vec::with_capacity(rest.len() + 1);
        if glued {
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(rest);
        store.append(&bytes).inspect_err(|_| {
            // Cut back to where it started, so no half line is left (if even that fails,
            // the next write starts with a newline of its own).
            let _ = store.truncate(len);
        })
    }
}

/// How much of a retried line is already at the end of the journal.
enum Landed {
    No,
    Whole,
    ButItsNewline,
}

fn landed(store: &mut dyn Store, len: u64, line: &[u8]) -> io::Result<Landed> {
    let n = line.len() as u64;
    let ends_with = |store: &mut dyn Store, part: &[u8]| -> io::Result<bool> {
        let n = part.len() as u64;
        if len < n {
            return Ok(false);
        }
        // The part must also start a line: the byte before it is a newline, or nothing.
        let from = len - n;
        let mut buf = vec![0u8; part.len() + usize::from(from > 0)];
        store.read_at(from - u64::from(from > 0), &mut buf)?;
        let starts_line = from == 0 || buf[0] == b'\n';
        Ok(starts_line && &buf[usize::from(from > 0)..] == part)
    };
    if ends_with(store, line)? {
        Ok(Landed::Whole)
    } else if n > 1 && ends_with(store, &line[..line.len() - 1])? {
        Ok(Landed::ButItsNewline)
    } else {
        Ok(Landed::No)
    }
}

fn open_for_append(dir: &Path, path: &Path) -> io::Result<File> {
    std::fs::create_dir_all(dir)?;
    let new = !path.exists();
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    no_block(&mut options);
    let file = regular(options.open(path)?, path)?;
    if new {
        // A new file's name is only durable once its folder is synced (best effort).
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(file)
}

/// A torn last line found at start-up, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Torn {
    pub bytes: u64,
    /// The side file now holding the torn bytes, or why they could not be moved there.
    pub moved_to: Result<PathBuf, String>,
}

impl Torn {
    /// The one-time notice for the person.
    pub fn notice(&self) -> String {
        match &self.moved_to {
            Ok(side) => format!(
                "The journal's last line was cut off (upright stopped mid-write). Everything before it is kept; its {} bytes were moved to {} beside it.",
                self.bytes,
                side.file_name().unwrap_or_default().to_string_lossy()
            ),
            Err(e) => format!(
                "The journal's last line was cut off ({} bytes) and could not be set aside ({e}). Everything before it is kept, and new events start on a line of their own.",
                self.bytes
            ),
        }
    }
}

/// What the start-up repair did with the journal's torn last line.
#[derive(Debug, Clone, PartialEq)]
pub enum Repaired {
    /// It was a whole record that lost only its newline: the newline is added (or, when that
    /// fails, the next append adds it), and the record counts.
    Finished(Record),
    /// Its bytes were moved to a side file and the journal cut back to its last whole line;
    /// or that failed, and says why.
    Torn(Torn),
}

/// Repairs the journal at `path` whose last line is `tail`: a whole record gets its newline;
/// anything else moves, byte for byte, to `journal.jsonl.torn-<time>` beside it (`now_secs`
/// names it) and the journal is cut back. Only the one upright that holds the lock does this.
pub fn repair(path: &Path, tail: &TornTail, bounds: &Bounds, now_secs: u64) -> Repaired {
    if let Some(record) = tail.whole_record(bounds) {
        let _ = OpenOptions::new()
            .append(true)
            .open(path)
            .and_then(|f| regular(f, path))
            .and_then(|mut f| f.write_all(b"\n").and_then(|()| f.sync_data()));
        return Repaired::Finished(record);
    }
    Repaired::Torn(Torn {
        bytes: tail.len,
        moved_to: set_aside(path, tail, now_secs).map_err(|e| e.to_string()),
    })
}

/// Moves a torn tail to a side file (written and synced first), then cuts the journal back.
fn set_aside(path: &Path, tail: &TornTail, now_secs: u64) -> io::Result<PathBuf> {
    let stamp: String = stamp(now_secs)
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| Journal::FILE_NAME.to_owned());
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut n = 0;
    let (side, mut file) = loop {
        let side = dir.join(match n {
            0 => format!("{name}.torn-{stamp}"),
            _ => format!("{name}.torn-{stamp}-{n}"),
        });
        match OpenOptions::new().write(true).create_new(true).open(&side) {
            Ok(f) => break (side, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    };
    let mut journal = regular(OpenOptions::new().read(true).write(true).open(path)?, path)?;
    let moved = (|| {
        journal.seek(SeekFrom::Start(tail.offset))?;
        // Streamed, so a torn line of any length costs no more memory than a short one.
        let copied = io::copy(&mut (&mut journal).take(tail.len), &mut file)?;
        if copied != tail.len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the journal changed while its torn line was being moved",
            ));
        }
        file.sync_all()
    })();
    if let Err(e) = moved {
        let _ = std::fs::remove_file(&side);
        return Err(e);
    }
    journal.set_len(tail.offset)?;
    journal.sync_all()?;
    Ok(side)
}

#[cfg(test)]
#[path = "append_tests.rs"]
mod tests;
