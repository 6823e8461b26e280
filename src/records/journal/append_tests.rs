use std::sync::{Arc, Mutex};

use super::*;
use crate::records::journal::{Event, Reader, read};

const NOW: u64 = 1_795_190_400;

fn record(n: u64) -> Record {
    Record::new(n, Event::Clearance, NOW)
}

/// A disk that fails on cue: `room` bytes left (a write that does not fit writes what fits,
/// then fails as a full disk does), a sync that fails after the bytes landed, a cut-back that
/// fails.
#[derive(Default)]
struct Disk {
    bytes: Vec<u8>,
    room: Option<usize>,
    sync_fails: bool,
    truncate_fails: bool,
    writes: usize,
}

#[derive(Clone, Default)]
struct Faulty(Arc<Mutex<Disk>>);

impl Faulty {
    fn with(&self, f: impl FnOnce(&mut Disk)) {
        f(&mut self.0.lock().unwrap());
    }
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().bytes.clone()).unwrap()
    }
}

fn full() -> io::Error {
    io::Error::from_raw_os_error(28)
}

impl Store for Faulty {
    fn size(&mut self) -> io::Result<u64> {
        Ok(self.0.lock().unwrap().bytes.len() as u64)
    }
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        let d = self.0.lock().unwrap();
        let from = offset as usize;
        buf.copy_from_slice(&d.bytes[from..from + buf.len()]);
        Ok(())
    }
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut d = self.0.lock().unwrap();
        d.writes += 1;
        let fits = d.room.map_or(bytes.len(), |r| r.min(bytes.len()));
        d.bytes.extend_from_slice(&bytes[..fits]);
        if let Some(r) = &mut d.room {
            *r -= fits;
        }
        if fits < bytes.len() {
            return Err(full());
        }
        if d.sync_fails {
            return Err(io::Error::from_raw_os_error(5));
        }
        Ok(())
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        let mut d = self.0.lock().unwrap();
        if d.truncate_fails {
            return Err(io::Error::from_raw_os_error(5));
        }
        let cut = d.bytes.len() - len as usize;
        d.bytes.truncate(len as usize);
        if let Some(r) = &mut d.room {
            *r += cut;
        }
        Ok(())
    }
}

fn journal(disk: &Faulty) -> Journal {
    Journal::with_store(PathBuf::from("journal.jsonl"), Box::new(disk.clone()))
}

/// The records a reader finds in `text`.
fn records_in(text: &str) -> Vec<Record> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j");
    std::fs::write(&path, text).unwrap();
    read(&path).unwrap()
}

#[test]
fn an_append_after_a_torn_line_starts_a_line_of_its_own() {
    let disk = Faulty::default();
    disk.with(|d| d.bytes = b"{\"at\":\"x\",\"ru".to_vec());
    let mut j = journal(&disk);
    j.append(&record(7)).unwrap();
    let text = disk.text();
    assert!(text.starts_with("{\"at\":\"x\",\"ru\n{"), "{text}");
    assert_eq!(records_in(&text), vec![record(7)]);
}

#[test]
fn a_full_disk_keeps_the_event_and_cuts_back_the_half_line() {
    let disk = Faulty::default();
    let mut j = journal(&disk);
    j.append(&record(1)).unwrap();
    let before = disk.text();
    disk.with(|d| d.room = Some(10));
    let e = j.append(&record(2)).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(28), "{e}");
    assert_eq!(disk.text(), before, "no half line is left");
    assert_eq!(j.pending().len(), 1);
    // A later event waits behind it, so the order stays as it happened.
    assert!(j.append(&record(3)).is_err());
    assert_eq!(j.pending().len(), 2);
    assert_eq!(disk.text(), before);
    // Room again: the next retry writes both, in order, once.
    disk.with(|d| d.room = None);
    assert_eq!(j.retry(), 2);
    assert!(j.pending().is_empty() && j.last_error().is_none());
    assert_eq!(
        records_in(&disk.text()),
        vec![record(1), record(2), record(3)]
    );
}

#[test]
fn a_failed_cut_back_still_never_glues_two_events() {
    let disk = Faulty::default();
    let mut j = journal(&disk);
    disk.with(|d| {
        d.room = Some(15);
        d.truncate_fails = true;
    });
    assert!(j.append(&record(1)).is_err());
    assert_eq!(disk.text().len(), 15, "half a line is left behind");
    disk.with(|d| {
        d.room = None;
        d.truncate_fails = false;
    });
    j.append(&record(2)).unwrap();
    assert_eq!(records_in(&disk.text()), vec![record(1), record(2)]);
}

#[test]
fn an_event_that_landed_although_the_disk_said_no_is_not_written_twice() {
    let disk = Faulty::default();
    let mut j = journal(&disk);
    disk.with(|d| {
        d.sync_fails = true;
        d.truncate_fails = true;
    });
    assert!(j.append(&record(1)).is_err());
    disk.with(|d| {
        d.sync_fails = false;
        d.truncate_fails = false;
    });
    assert_eq!(j.retry(), 1);
    assert_eq!(records_in(&disk.text()), vec![record(1)], "once, not twice");

    // The same, when only the newline was lost.
    let disk = Faulty::default();
    let mut j = journal(&disk);
    let line_len = serde_json::to_vec(&record(5)).unwrap().len();
    disk.with(|d| {
        d.room = Some(line_len);
        d.truncate_fails = true;
    });
    assert!(j.append(&record(5)).is_err());
    disk.with(|d| {
        d.room = None;
        d.truncate_fails = false;
    });
    j.append(&record(6)).unwrap();
    assert_eq!(records_in(&disk.text()), vec![record(5), record(6)]);
}

#[test]
fn an_event_too_long_to_read_back_is_never_called_saved() {
    let disk = Faulty::default();
    let mut j = journal(&disk);
    let huge = Record::new(1, Event::red_flag(vec!["x".repeat(MAX_LINE)]), NOW);
    let e = j.append(&huge).unwrap_err();
    assert!(e.to_string().contains("over the journal's limit"), "{e}");
    assert_eq!(j.pending().len(), 1);
    assert!(j.pending()[0].line().starts_with("{\"at\":"));
    assert_eq!(disk.text(), "");
}

#[test]
fn an_unopenable_journal_says_so_on_every_append_and_keeps_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let (mut j, err) = Journal::open(&blocker.join("sub"));
    assert!(err.is_some());
    assert!(j.append(&record(1)).is_err());
    assert!(j.append(&record(2)).is_err());
    assert_eq!(j.pending().len(), 2);
}

#[cfg(target_os = "linux")]
#[test]
fn a_real_full_disk_device_is_refused_and_nothing_is_called_saved() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/full", dir.path().join(Journal::FILE_NAME)).unwrap();
    let (mut j, err) = Journal::open(dir.path());
    assert!(err.is_some(), "a device is not a journal");
    assert!(j.append(&record(1)).is_err());
    assert_eq!(j.pending().len(), 1);
}

const CLEARANCE: &str = "{\"at\":\"2026-11-20T09:00:00Z\",\"run\":1,\"event\":\"clearance\"}\n";

fn tail_of(path: &Path) -> TornTail {
    let mut r = Reader::open(path, 0, Bounds::at(NOW)).unwrap().unwrap();
    while r.next_record().unwrap().is_some() {}
    r.torn().cloned().expect("a torn tail")
}

#[test]
fn a_torn_last_line_moves_to_a_side_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Journal::FILE_NAME);
    std::fs::write(&path, format!("{CLEARANCE}{{\"at\":\"x\",\"ru")).unwrap();
    let Repaired::Torn(torn) = repair(&path, &tail_of(&path), &Bounds::at(NOW), NOW) else {
        panic!("not torn");
    };
    let side = torn.moved_to.clone().unwrap();
    assert_eq!(
        side.file_name().unwrap(),
        "journal.jsonl.torn-20261120T160000Z"
    );
    assert_eq!(
        std::fs::read_to_string(&side).unwrap(),
        "{\"at\":\"x\",\"ru"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), CLEARANCE);
    assert!(torn.notice().contains("torn-20261120T160000Z"));
}

#[test]
fn a_whole_last_line_without_its_newline_is_kept_and_finished() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Journal::FILE_NAME);
    std::fs::write(&path, CLEARANCE.trim_end()).unwrap();
    let Repaired::Finished(r) = repair(&path, &tail_of(&path), &Bounds::at(NOW), NOW) else {
        panic!("not finished");
    };
    assert_eq!(r.event, Event::Clearance);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), CLEARANCE);
}

#[test]
fn a_repair_that_cannot_be_done_says_so_and_the_next_append_is_still_safe() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Journal::FILE_NAME);
    let text = format!("{CLEARANCE}{{\"at\":\"x\",\"ru");
    std::fs::write(&path, &text).unwrap();
    // Every side-file name taken (root ignores permissions, so folders block the names).
    std::fs::create_dir(dir.path().join("journal.jsonl.torn-20261120T160000Z")).unwrap();
    for n in 1..=100 {
        std::fs::create_dir(
            dir.path()
                .join(format!("journal.jsonl.torn-20261120T160000Z-{n}")),
        )
        .unwrap();
    }
    let Repaired::Torn(torn) = repair(&path, &tail_of(&path), &Bounds::at(NOW), NOW) else {
        panic!("not torn");
    };
    assert!(torn.moved_to.is_err());
    assert!(
        torn.notice().contains("could not be set aside"),
        "{}",
        torn.notice()
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "left as it was"
    );
    let (mut j, _) = Journal::open(dir.path());
    j.append(&record(9)).unwrap();
    let records = read(&path).unwrap();
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[1], record(9));
}

#[test]
fn a_long_torn_tail_is_moved_by_streaming() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Journal::FILE_NAME);
    let mut text = CLEARANCE.as_bytes().to_vec();
    text.extend(std::iter::repeat_n(b'z', MAX_LINE * 4));
    std::fs::write(&path, &text).unwrap();
    let Repaired::Torn(torn) = repair(&path, &tail_of(&path), &Bounds::at(NOW), NOW) else {
        panic!("not torn");
    };
    let side = torn.moved_to.unwrap();
    assert_eq!(
        std::fs::metadata(side).unwrap().len(),
        (MAX_LINE * 4) as u64
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), CLEARANCE);
}
