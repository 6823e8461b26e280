//! Reading the journal, one line at a time: never more than `MAX_LINE` bytes of a line in
//! memory (a longer line is skipped as it streams past, and counted), only a regular file (a
//! FIFO or a device at the journal's path is refused without blocking), and every record
//! bounded before anyone sees it: dates no later than tomorrow, run ids that cannot wrap, an
//! effort of 0-10, a pain score no higher than 10, and no control character in any text.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Event, Record};
use crate::common::calendar::parse_stamp;
use crate::common::text::clean_line;

/// The longest line read as a record (a session start with a hundred items is under 8 KiB).
pub const MAX_LINE: usize = 64 * 1024;

/// How far past "now" a record's date may be (a clock a little ahead, a time zone mix-up).
pub const FUTURE_SLACK_SECS: u64 = 86_400;

/// The highest Borg CR10 effort.
pub const MAX_EFFORT: u8 = 10;

/// What a record may hold to be read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The latest date (seconds since 1970) a record may have.
    latest_secs: u64,
}

impl Bounds {
    /// The bounds at `now_secs`: nothing dated after tomorrow.
    pub fn at(now_secs: u64) -> Bounds {
        Bounds {
            latest_secs: now_secs.saturating_add(FUTURE_SLACK_SECS),
        }
    }

    /// No upper date (for tools and tests that read a journal from anywhere in time).
    pub fn any_date() -> Bounds {
        // Still far enough from u64::MAX that a run id (milliseconds) cannot wrap.
        Bounds {
            latest_secs: u64::MAX / 1000 / 2,
        }
    }

    /// The highest run id (milliseconds since 1970) a record may name: `latest` in ms, so
    /// adding one to it never wraps.
    pub fn latest_run(&self) -> u64 {
        self.latest_secs.saturating_mul(1000)
    }

    /// `record` checked and made safe: `None` when it cannot be a real record (a date that is
    /// not one or is in the future, a run id from the future); an effort out of range is
    /// dropped (the check-in itself, which may say sharp pain, is kept), and a pain score above
    /// 10 reads as 10 (severe: the safe reading).
    pub fn check(&self, mut record: Record) -> Result<Record, Reject> {
        let at = parse_stamp(&record.at).ok_or(Reject::Date)?;
        if at > self.latest_secs {
            return Err(Reject::Date);
        }
        if record.run > self.latest_run() {
            return Err(Reject::Run);
        }
        match &mut record.event {
            Event::FollowUp { about, .. } if *about > self.latest_run() => {
                return Err(Reject::Run);
            }
            Event::CheckIn { effort, pain, .. } => {
                if effort.is_some_and(|e| e > MAX_EFFORT) {
                    *effort = None;
                }
                if let Some(p) = pain {
                    *p = (*p).min(crate::training::checkin::MAX);
                }
            }
            _ => {}
        }
        Ok(record)
    }
}

/// Why a whole, known record was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reject {
    /// Its date is not a date, or is later than tomorrow.
    Date,
    /// Its run id is later than tomorrow (and could wrap when a new one is made after it).
    Run,
}

/// What reading found besides the records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Records read.
    pub records: u64,
    /// Whole lines that are no event this version knows (from a newer upright, or damaged).
    pub unknown: u64,
    /// Known events out of bounds (a date after tomorrow, a run id that could wrap).
    pub out_of_bounds: u64,
    /// Lines over `MAX_LINE` bytes, skipped without being read whole.
    pub too_long: u64,
    /// Where the first over-long line starts, and its length in bytes.
    pub first_too_long: Option<(u64, u64)>,
}

impl Tally {
    /// Adds what another stretch of the journal found.
    pub fn add(&mut self, other: &Tally) {
        self.records += other.records;
        self.unknown += other.unknown;
        self.out_of_bounds += other.out_of_bounds;
        self.too_long += other.too_long;
        self.first_too_long = self.first_too_long.or(other.first_too_long);
    }

    /// Lines skipped, in words for a note; `None` when every line was read.
    pub fn skipped_note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.unknown > 0 {
            parts.push(format!(
                "{} line(s) of the journal are from a newer upright or damaged",
                self.unknown
            ));
        }
        if self.out_of_bounds > 0 {
            parts.push(format!(
                "{} line(s) are dated after tomorrow or name an impossible run id",
                self.out_of_bounds
            ));
        }
        if let Some((offset, len)) = self.first_too_long {
            parts.push(format!(
                "{} line(s) are longer than {} KiB (the first at byte {offset}, {len} bytes)",
                self.too_long,
                MAX_LINE / 1024
            ));
        }
        (!parts.is_empty()).then(|| {
            format!(
                "{}; they stay in the file and are left out.",
                parts.join("; ")
            )
        })
    }
}

/// Bytes after the journal's last newline: a write cut off by a crash (or one still under way
/// in another upright).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornTail {
    /// Where it starts.
    pub offset: u64,
    /// Its length.
    pub len: u64,
    /// The bytes, when no longer than `MAX_LINE`.
    pub bytes: Option<Vec<u8>>,
}

impl TornTail {
    /// The record it holds when it is a whole one that lost only its newline.
    pub fn whole_record(&self, bounds: &Bounds) -> Option<Record> {
        match parse_line(self.bytes.as_deref()?, bounds) {
            Parsed::Record(r) => Some(r),
            _ => None,
        }
    }
}

/// Opens the file at `path` for reading without ever blocking, and only when it is a regular
/// file (checked on the opened handle, so nothing can be swapped in between). `None` when
/// nothing is there.
pub fn open_regular(path: &Path) -> io::Result<Option<File>> {
    let mut options = OpenOptions::new();
    options.read(true);
    no_block(&mut options);
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    regular(file, path).map(Some)
}

/// `file` when it is a regular file; otherwise an error naming `path`.
pub(crate) fn regular(file: File, path: &Path) -> io::Result<File> {
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is not a regular file (a pipe, a device or a folder is there); move it away",
                path.display()
            ),
        ))
    }
}

/// Opening never waits (a FIFO with no writer would otherwise block for ever).
pub(crate) fn no_block(options: &mut OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    let _ = options;
}

/// The journal's records, one at a time, from a byte offset on.
pub struct Reader {
    input: BufReader<File>,
    offset: u64,
    bounds: Bounds,
    line: Vec<u8>,
    tally: Tally,
    torn: Option<TornTail>,
}

impl Reader {
    /// Reads the journal at `path` from byte `from` (which must start a line); `None` when
    /// there is no journal yet.
    pub fn open(path: &Path, from: u64, bounds: Bounds) -> io::Result<Option<Reader>> {
        let Some(file) = open_regular(path)? else {
            return Ok(None);
        };
        Reader::from_file(file, from, bounds).map(Some)
    }

    /// Reads the open `file` from byte `from`.
    pub fn from_file(mut file: File, from: u64, bounds: Bounds) -> io::Result<Reader> {
        file.seek(SeekFrom::Start(from))?;
        Ok(Reader {
            input: BufReader::with_capacity(64 * 1024, file),
            offset: from,
            bounds,
            line: Vec::new(),
            tally: Tally::default(),
            torn: None,
        })
    }

    /// The next record and the offset its line starts at; `None` at the end.
    pub fn next_record(&mut self) -> io::Result<Option<(u64, Record)>> {
        loop {
            let start = self.offset;
            match read_line(&mut self.input, &mut self.line)? {
                Chunk::End => return Ok(None),
                Chunk::Torn(len) => {
                    self.offset += len;
                    self.torn = Some(TornTail {
                        offset: start,
                        len,
                        bytes: (len as usize <= MAX_LINE).then(|| std::mem::take(&mut self.line)),
                    });
                    return Ok(None);
                }
                Chunk::TooLong(len) => {
                    self.offset += len;
                    self.tally.too_long += 1;
                    self.tally.first_too_long.get_or_insert((start, len));
                }
                Chunk::Line(len) => {
                    self.offset += len;
                    match parse_line(&self.line[..self.line.len() - 1], &self.bounds) {
                        Parsed::Blank => {}
                        Parsed::Unknown => self.tally.unknown += 1,
                        Parsed::OutOfBounds => self.tally.out_of_bounds += 1,
                        Parsed::Record(r) => {
                            self.tally.records += 1;
                            return Ok(Some((start, r)));
                        }
                    }
                }
            }
        }
    }

    /// Where reading has got to: the end of the last whole line read.
    pub fn offset(&self) -> u64 {
        self.torn.as_ref().map_or(self.offset, |t| t.offset)
    }

    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// What has been skipped so far, counting again from nothing.
    pub fn take_tally(&mut self) -> Tally {
        std::mem::take(&mut self.tally)
    }

    /// The torn last line, once the end has been reached.
    pub fn torn(&self) -> Option<&TornTail> {
        self.torn.as_ref()
    }
}

impl Iterator for Reader {
    type Item = io::Result<(u64, Record)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().transpose()
    }
}

/// One line's worth of input.
enum Chunk {
    End,
    /// A whole line of this many bytes (newline included) is in the buffer.
    Line(u64),
    /// A whole line of this many bytes went past without being kept (over `MAX_LINE`).
    TooLong(u64),
    /// The input ended after this many bytes without a newline (kept when short enough).
    Torn(u64),
}

/// Reads up to and including the next newline into `line`, keeping at most `MAX_LINE + 1`
/// bytes: a longer line streams past and only its length is counted.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Chunk> {
    line.clear();
    let mut len = 0u64;
    let mut overflow = false;
    loop {
        let (done, used) = {
            let buf = match input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if overflow {
                    line.clear();
                }
                return Ok(match len {
                    0 => Chunk::End,
                    _ => Chunk::Torn(len),
                });
            }
            let (done, used) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, buf.len()),
            };
            if !overflow && line.len() + used <= MAX_LINE + 1 {
                line.extend_from_slice(&buf[..used]);
            } else if !overflow {
                overflow = true;
                line.clear();
                line.shrink_to(MAX_LINE + 1);
            }
            (done, used)
        };
        input.consume(used);
        len += used as u64;
        if done {
            return Ok(if overflow {
                Chunk::TooLong(len)
            } else {
                Chunk::Line(len)
            });
        }
    }
}

enum Parsed {
    Blank,
    Unknown,
    OutOfBounds,
    Record(Record),
}

/// One line (without its newline) as a bounded record whose text holds no control character.
fn parse_line(text: &[u8], bounds: &Bounds) -> Parsed {
    if text.iter().all(u8::is_ascii_whitespace) {
        return Parsed::Blank;
    }
    let record = if may_hold_controls(text) {
        serde_json::from_slice::<serde_json::Value>(text).and_then(|mut v| {
            clean_strings(&mut v);
            serde_json::from_value::<Record>(v)
        })
    } else {
        serde_json::from_slice::<Record>(text)
    };
    match record {
        Err(_) => Parsed::Unknown,
        Ok(r) => match bounds.check(r) {
            Ok(r) => Parsed::Record(r),
            Err(_) => Parsed::OutOfBounds,
        },
    }
}

/// Whether a line could hold a control character once decoded: an escape (`\u001b`), a DEL,
/// or anything outside ASCII (C1 controls, bidirectional overrides). Plain ASCII lines, the
/// usual case, take the quick path.
fn may_hold_controls(text: &[u8]) -> bool {
    text.iter().any(|&b| b >= 0x7f) || text.windows(2).any(|w| w == b"\\u")
}

/// Every string in `value` (keys too) made safe for a terminal.
fn clean_strings(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(clean) = clean_line(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_strings),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (k, mut v) in entries {
                clean_strings(&mut v);
                map.insert(clean_line(&k).into_owned(), v);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
