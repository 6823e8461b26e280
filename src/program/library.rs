//! The exercise library and the movement lexicon bundled into the binary, and the `Catalog` a
//! program sees: the library plus the program's own exercises.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::lexicon::{self, Data, Lexicon};
use super::{Exercise, Impact};

const EXERCISES: &str = include_str!("../../assets/exercises.ron");
const MOVEMENTS: &str = include_str!("../../assets/movements.ron");

/// The lexicon of the two texts above, compiled ahead of time (`Lexicon::to_bytes`): reading
/// it takes a fraction of a millisecond, compiling it some fifteen. Made again by
/// `UPRIGHT_WRITE_LEXICON=1 cargo test --lib compiled_lexicon`.
static COMPILED: &[u8] = include_bytes!("../../assets/lexicon.bin");

/// What `COMPILED` must have been made from: the two texts, and the code that reads and
/// compiles them (an edit to a stemming rule changes the lexicon as surely as a new name).
/// Worked out while building; a lexicon compiled from anything else is not used.
const SOURCES: u64 = lexicon::fingerprint(&[
    EXERCISES.as_bytes(),
    MOVEMENTS.as_bytes(),
    include_bytes!("library.rs"),
    include_bytes!("mod.rs"),
    include_bytes!("lexicon/mod.rs"),
    include_bytes!("lexicon/blob.rs"),
    include_bytes!("lexicon/normal.rs"),
    include_bytes!("lexicon/stem.rs"),
    include_bytes!("lexicon/trie.rs"),
    include_bytes!("lexicon/words.rs"),
]);

/// The bundled exercises, by id.
#[derive(Debug)]
pub struct Library {
    exercises: Vec<Exercise>,
    by_id: HashMap<String, usize>,
    lexicon: Lexicon,
    /// The impact each exercise's name implies, worked out once, when first asked (a
    /// program's check asks for its own exercises only).
    implied: Vec<OnceLock<Option<(Impact, String)>>>,
}

impl Library {
    /// The library built into the binary. Its files are checked by the test suite, so a
    /// broken one can only come from a build that never passed its tests. Its lexicon is the
    /// one compiled ahead of time when that was made from these very texts and code, and is
    /// compiled here otherwise.
    pub fn bundled() -> &'static Library {
        static LIBRARY: OnceLock<Library> = OnceLock::new();
        LIBRARY.get_or_init(Library::load_bundled)
    }

    /// What `bundled` keeps, made anew each call (for benchmarks).
    pub fn load_bundled() -> Library {
        let exercises = bundled_exercises();
        match Lexicon::from_bytes(COMPILED, SOURCES) {
            Some(lexicon) => Library::with_lexicon(exercises, lexicon),
            None => Library::new(exercises, movements()),
        }
    }

    /// A library of `exercises` with a lexicon of `data`. The exercises' own words are known
    /// to be safe: they are never taken for a typo of a refused name, nor cut as compounds.
    pub fn new(exercises: Vec<Exercise>, data: Data) -> Library {
        let known: Vec<&str> = exercises.iter().flat_map(exercise_texts).collect();
        let lexicon = Lexicon::new(data, known);
        Library::with_lexicon(exercises, lexicon)
    }

    fn with_lexicon(exercises: Vec<Exercise>, lexicon: Lexicon) -> Library {
        let by_id = exercises
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let implied = exercises.iter().map(|_| OnceLock::new()).collect();
        Library {
            exercises,
            by_id,
            lexicon,
            implied,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.by_id.get(id).map(|&i| &self.exercises[i])
    }

    pub fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The impact an exercise's name, id or cues imply ("Tuck jumps": High; a cue "Jump up
    /// onto the step"), and the words that imply it; worked out once for the library's own
    /// exercises.
    pub fn implied_impact(&self, e: &Exercise) -> Option<(Impact, String)> {
        match self.by_id.get(&e.id) {
            Some(&i) if std::ptr::eq(&self.exercises[i], e) => self.implied[i]
                .get_or_init(|| implied_impact(&self.lexicon, e))
                .clone(),
            _ => implied_impact(&self.lexicon, e),
        }
    }
}

fn implied_impact(lexicon: &Lexicon, e: &Exercise) -> Option<(Impact, String)> {
    [e.name.as_str(), e.id.as_str()]
        .into_iter()
        .filter_map(|t| lexicon.implied_impact(t))
        .chain(
            e.cues
                .iter()
                .filter_map(|c| lexicon.implied_impact_in_cue(c)),
        )
        .reduce(|a, b| if b.0 > a.0 { b } else { a })
}

/// The bundled library's exercises.
pub fn bundled_exercises() -> Vec<Exercise> {
    super::load::ron_options()
        .from_str(EXERCISES)
        .unwrap_or_else(|e| panic!("assets/exercises.ron is broken: {e}"))
}

/// The bundled movement lexicon's data.
pub fn movements() -> Data {
    super::load::ron_options()
        .from_str(MOVEMENTS)
        .unwrap_or_else(|e| panic!("assets/movements.ron is broken: {e}"))
}

/// Every text of an exercise a person sees.
pub fn exercise_texts(e: &Exercise) -> impl Iterator<Item = &str> {
    [e.id.as_str(), e.name.as_str()]
        .into_iter()
        .chain(e.cues.iter().map(String::as_str))
        .chain(e.equipment.iter().map(String::as_str))
        .chain(e.caution.as_deref())
        .chain(e.pace.iter().map(|(word, _)| word.as_str()))
}

/// The exercises one program can use: its own first, then the library's.
#[derive(Debug, Clone, Copy)]
pub struct Catalog<'a> {
    pub library: &'a Library,
    pub local: &'a [Exercise],
}

impl<'a> Catalog<'a> {
    pub fn new(library: &'a Library, local: &'a [Exercise]) -> Self {
        Catalog { library, local }
    }

    pub fn get(&self, id: &str) -> Option<&'a Exercise> {
        self.local
            .iter()
            .find(|e| e.id == id)
            .or_else(|| self.library.get(id))
    }

    pub fn ids(&self) -> impl Iterator<Item = &'a str> {
        self.local
            .iter()
            .chain(self.library.exercises.iter())
            .map(|e| e.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::check::check;
    use crate::program::{Block, Dose, Item, Kind, Level, Program, Session};

    #[test]
    fn the_library_has_at_least_40_exercises_of_every_kind() {
        let lib = Library::bundled();
        assert!(lib.exercises().len() >= 40);
        for kind in Kind::ALL {
            let n = lib.exercises().iter().filter(|e| e.has_kind(kind)).count();
            assert!(n >= 6, "only {n} {kind:?} exercises");
        }
        for id in [
            "sit-to-stand",
            "wall-push-up",
            "step-up",
            "heel-raise",
            "chair-squat",
            "hip-hinge",
            "standing-band-row",
            "prone-back-extension",
            "bird-dog",
            "bridge",
            "chin-tuck",
            "wall-angels",
            "tandem-stance",
            "tandem-walk",
            "single-leg-stand",
            "clock-reach",
            "side-stepping",
            "heel-drops",
            "stamping",
            "march-on-the-spot",
        ] {
            assert!(lib.get(id).is_some(), "the library lacks {id}");
        }
    }

    /// Every library exercise passes the same rules as an author's own exercise, warnings
    /// included: run the checker on a program that defines them all locally, against a
    /// library without exercises (so nothing about them is known in advance).
    #[test]
    fn every_library_exercise_passes_the_checker_without_a_warning_about_its_words() {
        let lib = Library::bundled();
        let empty = Library::new(Vec::new(), movements());
        let program = Program {
            title: "Library".into(),
            summary: None,
            author: None,
            level: Level::Advanced,
            per_week: 3,
            advance_after: 2,
            after_fracture: false,
            exercises: lib.exercises().to_vec(),
            sessions: vec![Session {
                name: "All".into(),
                blocks: vec![Block {
                    name: "All".into(),
                    pick: Some(1),
                    items: lib
                        .exercises()
                        .iter()
                        .map(|e| Item {
                            exercise: e.id.clone(),
                            dose: Dose::Time {
                                secs: 10,
                                sets: 1,
                                rest: 0,
                                per_side: false,
                            },
                            progress: Vec::new(),
                        })
                        .collect(),
                }],
            }],
        };
        let found: Vec<_> = check(&program, &empty)
            .into_iter()
            .filter(|f| {
                f.code.severity() == crate::program::Severity::Error
                    || f.code == crate::program::Code::AmbiguousMovement
            })
            .collect();
        assert_eq!(found, vec![]);
    }

    /// `assets/lexicon.bin` is the lexicon these texts and this code compile to, byte for
    /// byte, and is what the bundled library reads.
    #[test]
    fn the_compiled_lexicon_is_current() {
        let fresh = Library::new(bundled_exercises(), movements())
            .lexicon
            .to_bytes(SOURCES);
        if std::env::var_os("UPRIGHT_WRITE_LEXICON").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/lexicon.bin");
            std::fs::write(path, &fresh).unwrap();
            return;
        }
        assert!(
            fresh == COMPILED,
            "assets/lexicon.bin is stale: the lexicon's texts or code changed since it was \
             made (upright compiles the lexicon at start-up until it is made again, some 15 ms \
             before the first frame). Make it again with:\n\n    \
             UPRIGHT_WRITE_LEXICON=1 cargo test --lib compiled_lexicon\n"
        );
        let read = Lexicon::from_bytes(COMPILED, SOURCES).expect("the compiled lexicon reads");
        assert_eq!(read.to_bytes(SOURCES), fresh);
        assert_eq!(read.len(), Library::bundled().lexicon().len());
    }

    /// Bytes made from other texts or code, or cut short, or of another format, are never
    /// read: the lexicon is compiled afresh instead.
    #[test]
    fn a_compiled_lexicon_of_other_sources_or_broken_bytes_is_not_read() {
        let good = Library::bundled().lexicon().to_bytes(SOURCES);
        assert!(Lexicon::from_bytes(good.clone().leak(), SOURCES).is_some());
        assert!(Lexicon::from_bytes(good.clone().leak(), SOURCES ^ 1).is_none());
        assert!(Lexicon::from_bytes(&[], SOURCES).is_none());
        for cut in [1, 8, 15, 16, 17, good.len() / 2, good.len() - 1] {
            let short: &'static [u8] = good[..cut].to_vec().leak();
            assert!(
                Lexicon::from_bytes(short, SOURCES).is_none(),
                "cut at {cut}"
            );
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(Lexicon::from_bytes(longer.leak(), SOURCES).is_none());
        let mut other_format = good.clone();
        other_format[7] ^= 0xff;
        assert!(Lexicon::from_bytes(other_format.leak(), SOURCES).is_none());
    }

    #[test]
    fn ladders_link_both_ways() {
        let lib = Library::bundled();
        for e in lib.exercises() {
            if let Some(h) = &e.harder {
                assert_eq!(lib.get(h).unwrap().easier.as_ref(), Some(&e.id), "{}", e.id);
            }
            if let Some(x) = &e.easier {
                assert_eq!(lib.get(x).unwrap().harder.as_ref(), Some(&e.id), "{}", e.id);
            }
        }
    }

    #[test]
    fn every_group_suggests_a_safe_library_exercise_and_the_lexicon_is_large() {
        let lex = Library::bundled().lexicon();
        assert!(lex.len() >= 400, "only {} entries", lex.len());
        for g in &lex.data.groups {
            assert!(!g.movement.is_safe(), "{} is marked safe", g.about);
            let e = Library::bundled()
                .get(&g.instead)
                .unwrap_or_else(|| panic!("{} suggests unknown {}", g.about, g.instead));
            assert!(e.spine.is_safe());
            for lang in [
                super::super::lexicon::Lang::En,
                super::super::lexicon::Lang::De,
                super::super::lexicon::Lang::Fr,
                super::super::lexicon::Lang::Es,
                super::super::lexicon::Lang::It,
                super::super::lexicon::Lang::Nl,
                super::super::lexicon::Lang::Pt,
            ] {
                assert!(
                    g.names.contains_key(&lang),
                    "{} has no {lang:?} names",
                    g.about
                );
            }
        }
    }
}
