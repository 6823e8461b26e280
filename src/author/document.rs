//! The program being edited and its comments, kept in step: every edit that adds, removes or
//! moves a session, block or item does the same to its comments, so a comment stays with the
//! part it was written about.

use crate::program::comments::{self, Notes};
use crate::program::{Block, Item, Program, Session, write};

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub program: Program,
    pub notes: Notes,
}

/// Which way to move something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
}

impl Document {
    pub fn new(program: Program, mut notes: Notes) -> Document {
        notes.fit(&program);
        Document { program, notes }
    }

    /// The program and the comments of `text` (which must parse to `program`).
    pub fn read(text: &str, program: Program) -> Document {
        let notes = comments::read(text, &program);
        Document::new(program, notes)
    }

    /// The file text: tidy RON with every comment.
    pub fn text(&self) -> String {
        write::program(&self.program, &self.notes)
    }

    pub fn item(&self, s: usize, b: usize, i: usize) -> Option<&Item> {
        self.program.sessions.get(s)?.blocks.get(b)?.items.get(i)
    }

    pub fn item_mut(&mut self, s: usize, b: usize, i: usize) -> Option<&mut Item> {
        self.program
            .sessions
            .get_mut(s)?
            .blocks
            .get_mut(b)?
            .items
            .get_mut(i)
    }

    pub fn block_mut(&mut self, s: usize, b: usize) -> Option<&mut Block> {
        self.program.sessions.get_mut(s)?.blocks.get_mut(b)
    }

    /// Puts `item` at position `at` of block `b` of session `s` (at most the end).
    pub fn insert_item(&mut self, s: usize, b: usize, at: usize, item: Item) -> Option<usize> {
        let block = self.program.sessions.get_mut(s)?.blocks.get_mut(b)?;
        let at = at.min(block.items.len());
        block.items.insert(at, item);
        self.notes.sessions[s].blocks[b]
            .items
            .insert(at, Default::default());
        Some(at)
    }

    pub fn remove_item(&mut self, s: usize, b: usize, i: usize) -> Option<Item> {
        let block = self.program.sessions.get_mut(s)?.blocks.get_mut(b)?;
        if i >= block.items.len() {
            return None;
        }
        self.notes.sessions[s].blocks[b].items.remove(i);
        Some(block.items.remove(i))
    }

    /// Moves an item one place; past the first or last item of its block it moves into the
    /// block before or after (in the same session). Returns where it went.
    pub fn move_item(&mut self, s: usize, b: usize, i: usize, dir: Dir) -> Option<(usize, usize)> {
        let session = self.program.sessions.get(s)?;
        let len = session.blocks.get(b)?.items.len();
        if i >= len {
            return None;
        }
        match dir {
            Dir::Up if i > 0 => {
                self.swap_items(s, b, i - 1, i);
                Some((b, i - 1))
            }
            Dir::Down if i + 1 < len => {
                self.swap_items(s, b, i, i + 1);
                Some((b, i + 1))
            }
            Dir::Up if b > 0 => {
                let item = self.take_item(s, b, i)?;
                let to = self.program.sessions[s].blocks[b - 1].items.len();
                self.put_item(s, b - 1, to, item);
                Some((b - 1, to))
            }
            Dir::Down if b + 1 < session.blocks.len() => {
                let item = self.take_item(s, b, i)?;
                self.put_item(s, b + 1, 0, item);
                Some((b + 1, 0))
            }
            _ => None,
        }
    }

    fn swap_items(&mut self, s: usize, b: usize, x: usize, y: usize) {
        self.program.sessions[s].blocks[b].items.swap(x, y);
        self.notes.sessions[s].blocks[b].items.swap(x, y);
    }

    fn take_item(&mut self, s: usize, b: usize, i: usize) -> Option<(Item, comments::Comments)> {
        let item = self.program.sessions[s].blocks[b].items.remove(i);
        let notes = self.notes.sessions[s].blocks[b].items.remove(i);
        Some((item, notes))
    }

    fn put_item(
        &mut self,
        s: usize,
        b: usize,
        at: usize,
        (item, notes): (Item, comments::Comments),
    ) {
        self.program.sessions[s].blocks[b].items.insert(at, item);
        self.notes.sessions[s].blocks[b].items.insert(at, notes);
    }

    pub fn insert_block(&mut self, s: usize, at: usize, block: Block) -> Option<usize> {
        let session = self.program.sessions.get_mut(s)?;
        let at = at.min(session.blocks.len());
        let notes = comments::BlockNotes {
            own: Default::default(),
            items: vec![Default::default(); block.items.len()],
        };
        session.blocks.insert(at, block);
        self.notes.sessions[s].blocks.insert(at, notes);
        Some(at)
    }

    pub fn remove_block(&mut self, s: usize, b: usize) -> Option<Block> {
        let session = self.program.sessions.get_mut(s)?;
        if b >= session.blocks.len() {
            return None;
        }
        self.notes.sessions[s].blocks.remove(b);
        Some(session.blocks.remove(b))
    }

    pub fn move_block(&mut self, s: usize, b: usize, dir: Dir) -> Option<usize> {
        let len = self.program.sessions.get(s)?.blocks.len();
        let to = match dir {
            Dir::Up if b > 0 && b < len => b - 1,
            Dir::Down if b + 1 < len => b + 1,
            _ => return None,
        };
        self.program.sessions[s].blocks.swap(b, to);
        self.notes.sessions[s].blocks.swap(b, to);
        Some(to)
    }

    pub fn insert_session(&mut self, at: usize, session: Session) -> usize {
        let at = at.min(self.program.sessions.len());
        self.program.sessions.insert(at, session);
        self.notes.sessions.insert(at, Default::default());
        self.notes.fit(&self.program);
        at
    }

    pub fn remove_session(&mut self, s: usize) -> Option<Session> {
        if s >= self.program.sessions.len() {
            return None;
        }
        self.notes.sessions.remove(s);
        Some(self.program.sessions.remove(s))
    }

    pub fn move_session(&mut self, s: usize, dir: Dir) -> Option<usize> {
        let len = self.program.sessions.len();
        let to = match dir {
            Dir::Up if s > 0 && s < len => s - 1,
            Dir::Down if s + 1 < len => s + 1,
            _ => return None,
        };
        self.program.sessions.swap(s, to);
        self.notes.sessions.swap(s, to);
        Some(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::load::ron_options;

    const TEXT: &str = r#"Program(
    title: "T",
    level: Beginner,
    per_week: 2,
    sessions: [
        Session(name: "A", blocks: [
            Block(name: "One", items: [
                // first
                Item(exercise: "bridge", dose: Reps(sets: 2, reps: 8, rest: 60)),
                // second
                Item(exercise: "chin-tuck", dose: Holds(sets: 1, reps: 5, hold: 3, rest: 0)),
            ]),
            Block(name: "Two", items: [
                // third
                Item(exercise: "tandem-stance", dose: Time(secs: 30)),
            ]),
        ]),
    ],
)
"#;

    fn doc() -> Document {
        Document::read(TEXT, ron_options().from_str(TEXT).unwrap())
    }

    fn order(d: &Document) -> Vec<(String, String)> {
        d.program.sessions[0]
            .blocks
            .iter()
            .zip(&d.notes.sessions[0].blocks)
            .flat_map(|(b, n)| {
                b.items
                    .iter()
                    .zip(&n.items)
                    .map(|(i, c)| (i.exercise.clone(), c.before.join("")))
            })
            .collect()
    }

    #[test]
    fn comments_move_with_their_items_even_across_blocks() {
        let mut d = doc();
        assert_eq!(d.move_item(0, 0, 1, Dir::Down), Some((1, 0)));
        assert_eq!(d.program.sessions[0].blocks[1].items.len(), 2);
        assert_eq!(
            order(&d),
            [
                ("bridge".into(), "// first".into()),
                ("chin-tuck".into(), "// second".into()),
                ("tandem-stance".into(), "// third".into())
            ]
        );
        assert_eq!(d.move_item(0, 1, 1, Dir::Up), Some((1, 0)));
        assert_eq!(order(&d)[1].0, "tandem-stance");
        assert_eq!(order(&d)[1].1, "// third");
        let text = d.text();
        let again = Document::read(&text, ron_options().from_str(&text).unwrap());
        assert_eq!(again, d);
    }

    #[test]
    fn removing_an_item_removes_its_comment() {
        let mut d = doc();
        d.remove_item(0, 0, 0).unwrap();
        assert_eq!(order(&d)[0], ("chin-tuck".into(), "// second".into()));
        assert!(!d.text().contains("// first"));
        assert!(d.remove_item(0, 5, 0).is_none());
    }

    #[test]
    fn blocks_and_sessions_move_and_stay_in_step() {
        let mut d = doc();
        assert_eq!(d.move_block(0, 0, Dir::Down), Some(1));
        assert_eq!(d.program.sessions[0].blocks[0].name, "Two");
        assert_eq!(d.notes.sessions[0].blocks[0].items[0].before, ["// third"]);
        assert_eq!(d.move_block(0, 1, Dir::Down), None);
        let s = d.program.sessions[0].clone();
        d.insert_session(
            1,
            Session {
                name: "B".into(),
                ..s
            },
        );
        assert_eq!(d.notes.sessions[1].blocks.len(), 2);
        assert_eq!(d.move_session(1, Dir::Up), Some(0));
        assert_eq!(d.program.sessions[0].name, "B");
    }
}
