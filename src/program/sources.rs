//! Finding programs: the bundled ones, the person's own folder, `--programs` folders, and
//! files named on the command line; each loaded and checked once.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::program::bundled;
use crate::program::source::MAX_BYTES;
use crate::program::{Checked, Library, check_source};

/// Where a program came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Bundled(&'static str),
    File(PathBuf),
}

impl Origin {
    /// How the journal and screens name it: the bundled name or the file path.
    pub fn label(&self) -> String {
        match self {
            Origin::Bundled(name) => (*name).to_owned(),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// One program, loaded and checked.
#[derive(Debug)]
pub struct Entry {
    pub origin: Origin,
    pub checked: Checked,
}

/// Why files could not be gathered.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot find `{0}`: no such file or folder")]
    Missing(String),
    #[error("cannot read `{0}`: {1}")]
    Unreadable(String, io::Error),
    #[error("`{0}` holds no .ron program files")]
    NoPrograms(String),
    #[error("there is no program file or bundled program called `{name}`{hint}")]
    Unknown { name: String, hint: String },
    #[error("`{0}` is a folder: give one program file, or the name of a bundled program")]
    Folder(String),
}

/// Every `.ron` file under the given paths, in a stable order. Named files are taken whatever
/// their extension; folders are searched recursively (links to folders are not followed, so a
/// link loop cannot trap the search).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, SourceError> {
    let mut files = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => SourceError::Missing(shown.clone()),
            _ => SourceError::Unreadable(shown.clone(), e),
        })?;
        if meta.is_dir() {
            let before = files.len();
            walk(path, &mut files).map_err(|e| SourceError::Unreadable(shown.clone(), e))?;
            if files.len() == before {
                return Err(SourceError::NoPrograms(shown));
            }
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, files)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            && std::fs::metadata(&path).is_ok_and(|m| m.is_file())
        {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads at most one byte past the limit, so a huge file is refused without loading it all.
pub fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Loads and checks one file.
pub fn load_file(path: &Path, library: &Library) -> Result<Entry, SourceError> {
    let bytes =
        read_limited(path).map_err(|e| SourceError::Unreadable(path.display().to_string(), e))?;
    Ok(Entry {
        origin: Origin::File(path.to_path_buf()),
        checked: check_source(&bytes, library),
    })
}

/// A program named on the command line: a file path first (when something is there), else a
/// bundled program's name, with a "did you mean" for a near miss.
pub fn resolve(arg: &str) -> Result<Entry, SourceError> {
    let path = Path::new(arg);
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(SourceError::Folder(arg.to_owned()));
        }
        return load_file(path, Library::bundled());
    }
    if let Some(b) = bundled::find(arg) {
        return Ok(Entry {
            origin: Origin::Bundled(b.name),
            checked: b.check(),
        });
    }
    let names = bundled::programs().iter().map(|b| b.name);
    let hint = match crate::common::text::closest(arg, names.clone()) {
        Some(n) => format!("; did you mean `{n}`?"),
        None => format!(
            "; the bundled programs are: {}",
            names.collect::<Vec<_>>().join(", ")
        ),
    };
    Err(SourceError::Unknown {
        name: arg.to_owned(),
        hint,
    })
}

/// The programs the home screen offers: the bundled ones, then every `.ron` file in the
/// given folders (missing folders are skipped; unreadable files are listed with the error).
pub fn discover(dirs: &[PathBuf]) -> Vec<Entry> {
    let library = Library::bundled();
    let mut entries: Vec<Entry> = bundled::programs()
        .iter()
        .map(|b| Entry {
            origin: Origin::Bundled(b.name),
            checked: b.check(),
        })
        .collect();
    for dir in dirs {
        let mut files = Vec::new();
        if walk(dir, &mut files).is_err() {
            continue;
        }
        for f in files {
            match load_file(&f, library) {
                Ok(e) => entries.push(e),
                Err(err) => entries.push(Entry {
                    checked: Checked {
                        text: None,
                        program: None,
                        diagnostics: vec![crate::program::Diagnostic::error(
                            crate::program::Code::Unreadable,
                            1,
                            1,
                            err.to_string(),
                        )],
                    },
                    origin: Origin::File(f),
                }),
            }
        }
    }
    entries
}
