//! The exercise library and the contraindicated phrases bundled into the binary, and the
//! `Catalog` a program sees: the library plus the program's own exercises.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Exercise;
use super::phrases::{Contraindication, Phrases};

const EXERCISES: &str = include_str!("../../assets/exercises.ron");
const CONTRAINDICATED: &str = include_str!("../../assets/contraindicated.ron");

/// The bundled exercises, by id.
#[derive(Debug)]
pub struct Library {
    exercises: Vec<Exercise>,
    by_id: HashMap<String, usize>,
    phrases: Phrases,
}

impl Library {
    /// The library built into the binary. Its files are checked by the test suite, so a
    /// broken one can only come from a build that never passed its tests.
    pub fn bundled() -> &'static Library {
        static LIBRARY: OnceLock<Library> = OnceLock::new();
        LIBRARY.get_or_init(|| {
            let exercises: Vec<Exercise> = super::load::ron_options()
                .from_str(EXERCISES)
                .unwrap_or_else(|e| panic!("assets/exercises.ron is broken: {e}"));
            let phrases: Vec<Contraindication> = super::load::ron_options()
                .from_str(CONTRAINDICATED)
                .unwrap_or_else(|e| panic!("assets/contraindicated.ron is broken: {e}"));
            Library::new(exercises, Phrases::new(phrases))
        })
    }

    pub fn new(exercises: Vec<Exercise>, phrases: Phrases) -> Library {
        let by_id = exercises
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Library {
            exercises,
            by_id,
            phrases,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.by_id.get(id).map(|&i| &self.exercises[i])
    }

    pub fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }

    pub fn phrases(&self) -> &Phrases {
        &self.phrases
    }
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
    use crate::program::phrases::Field;
    use crate::program::{Block, Dose, Item, Kind, Level, Program, Session, Spine};

    fn phrases() -> Phrases {
        Phrases::new(
            super::super::load::ron_options()
                .from_str(CONTRAINDICATED)
                .unwrap(),
        )
    }

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

    /// Every library exercise passes the same rules as an author's own exercise: run the
    /// checker on a program that defines them all locally, against an empty library.
    #[test]
    fn every_library_exercise_passes_the_checker() {
        let lib = Library::bundled();
        let empty = Library::new(Vec::new(), phrases());
        let program = Program {
            title: "Library".into(),
            summary: None,
            author: None,
            level: Level::Advanced,
            per_week: 3,
            advance_after: 2,
            exercises: lib.exercises().to_vec(),
            sessions: vec![Session {
                name: "All".into(),
                blocks: vec![Block {
                    name: "All".into(),
                    pick: None,
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
        let errors: Vec<_> = check(&program, &empty)
            .into_iter()
            .filter(|f| f.code.severity() == crate::program::Severity::Error)
            .collect();
        assert_eq!(errors, vec![]);
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
    fn every_contraindication_suggests_a_safe_library_exercise() {
        let list: Vec<Contraindication> = super::super::load::ron_options()
            .from_str(CONTRAINDICATED)
            .unwrap();
        assert!(list.len() >= 25);
        for c in &list {
            assert!(!c.movement.is_safe(), "{} is marked safe", c.phrase);
            let e = Library::bundled()
                .get(&c.instead)
                .unwrap_or_else(|| panic!("{} suggests unknown {}", c.phrase, c.instead));
            assert!(e.spine.is_safe());
        }
    }

    #[test]
    fn the_bundled_list_catches_the_formats_examples_and_spares_look_alikes() {
        let p = Library::bundled().phrases();
        for text in [
            "sit-up",
            "Crunches",
            "toe touch",
            "forward bend",
            "Forward fold",
            "roll-up",
            "knees to chest",
            "Child's pose",
            "plough",
            "plow",
            "Russian twist",
            "wood chop",
            "bicycle crunch",
            "cat-cow",
            "Cat\u{2013}Cow",
            "round your back",
            "curl up",
            "seated spinal twist",
        ] {
            let hit = p.find(text, Field::Name);
            assert!(hit.is_some(), "{text} slipped through");
            assert!(hit.unwrap().movement != Spine::Neutral);
        }
        for text in [
            "wall push-up",
            "step-up",
            "toe raises",
            "deadlift with a long back",
            "hip hinge",
            "chin tuck",
            "bend your knees",
            "bend your elbows",
            "biceps curl",
            "turn your head",
            "heel raises",
            "sit to stand",
        ] {
            assert!(p.find(text, Field::Name).is_none(), "{text} was refused");
        }
    }
}
