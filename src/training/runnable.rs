//! A runnable program: a program that passed the checker, its exercise catalogue, and each
//! item's ladder of doses, built once. Planning, replaying the journal, the history and the
//! home screen's preview all read an item's dose at a level from here, so "today's dose" is
//! worked out in one place.

use std::collections::HashMap;

use crate::program::{Catalog, Exercise, Item, Library, Program};
use crate::training::ladder::{Rung, ladder};

/// Which item of the program: stable across runs, so levels and history can follow it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemKey(pub String);

impl ItemKey {
    /// "session / block / exercise": survives reordering and editing of doses.
    pub fn new(session: &str, block: &str, exercise: &str) -> ItemKey {
        ItemKey(format!("{session} / {block} / {exercise}"))
    }
}

#[derive(Debug, Clone)]
pub struct Runnable {
    program: Program,
    library: &'static Library,
    /// Each item's ladder, level 0 first (never empty), by item key.
    ladders: HashMap<ItemKey, Vec<Rung>>,
}

impl Runnable {
    /// `program` (one that passed the checker) on the bundled exercise library.
    pub fn new(program: Program) -> Runnable {
        Runnable::with_library(program, Library::bundled())
    }

    pub fn with_library(program: Program, library: &'static Library) -> Runnable {
        let catalog = Catalog::new(library, &program.exercises);
        let mut ladders = HashMap::new();
        for (key, item) in items(&program) {
            ladders.entry(key).or_insert_with(|| ladder(item, &catalog));
        }
        Runnable {
            program,
            library,
            ladders,
        }
    }

    pub fn program(&self) -> &Program {
        &self.program
    }

    /// The exercises the program can name: its own, then the library's.
    pub fn catalog(&self) -> Catalog<'_> {
        Catalog::new(self.library, &self.program.exercises)
    }

    /// The exercise `id`, if the catalogue has it.
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.catalog().get(id)
    }

    /// Every item of the program with its key, in the program's order (an item in two
    /// sessions twice).
    pub fn items(&self) -> impl Iterator<Item = (ItemKey, &Item)> {
        items(&self.program)
    }

    /// The item's ladder, level 0 first.
    pub fn ladder(&self, key: &ItemKey) -> Option<&[Rung]> {
        self.ladders
            .get(key)
            .filter(|l| !l.is_empty())
            .map(Vec::as_slice)
    }

    /// Every ladder, by item key.
    pub fn ladders(&self) -> &HashMap<ItemKey, Vec<Rung>> {
        &self.ladders
    }

    /// The item's dose at `level`: the level as far as the ladder goes (its top when `level`
    /// is past it), and that rung.
    pub fn at_level(&self, key: &ItemKey, level: u32) -> Option<(u32, &Rung)> {
        let rungs = self.ladder(key)?;
        let level = level.min(rungs.len() as u32 - 1);
        Some((level, &rungs[level as usize]))
    }
}

fn items(program: &Program) -> impl Iterator<Item = (ItemKey, &Item)> {
    program.sessions.iter().flat_map(|s| {
        s.blocks.iter().flat_map(move |b| {
            b.items
                .iter()
                .map(move |i| (ItemKey::new(&s.name, &b.name, &i.exercise), i))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::bundled;

    #[test]
    fn every_item_has_a_ladder_and_levels_stop_at_its_top() {
        let p = bundled::find("home-foundations")
            .unwrap()
            .check()
            .program
            .unwrap();
        let r = Runnable::new(p);
        let mut seen = 0;
        for (key, item) in r.items() {
            seen += 1;
            let rungs = r.ladder(&key).unwrap();
            assert_eq!(rungs[0].dose, item.dose, "level 0 is the file's dose");
            let top = rungs.len() as u32 - 1;
            let (level, rung) = r.at_level(&key, top + 5).unwrap();
            assert_eq!((level, rung), (top, &rungs[top as usize]));
            assert!(r.exercise(&rung.exercise).is_some());
        }
        assert!(seen > 5);
        assert!(r.at_level(&ItemKey::new("Z", "Z", "z"), 0).is_none());
    }
}
