//! Figures: how an exercise looks, as data. A figure is a few key poses of a simple stick
//! person, seen from the side or the front, with the props it uses (chair, wall, counter,
//! step, band, mat, weights, stick). A pose is a handful of joint angles in whole degrees;
//! every angle left out is 0, which is standing tall with the arms by the sides.
//!
//! The poses are in the order of the movement: the first is the start, the second where the
//! first phase of a rep goes ("up", "lower", "hold"), and so on round. The library's figures
//! live in `assets/figures.ron`, keyed by exercise id; a program's own exercise may carry a
//! `figure` of its own or share a library exercise's with `figure_of`. Drawing is
//! `crate::figure`; the check that every pose keeps the spine neutral is `pose_check`.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::{Catalog, Exercise};

const FIGURES: &str = include_str!("../../assets/figures.ron");

/// How an exercise looks: two or more key poses in one view, with its props.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(default)]
    pub view: View,
    /// Which part of the body stays put from pose to pose.
    #[serde(default)]
    pub anchor: Anchor,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    pub poses: Vec<Pose>,
}

/// Where the figure is seen from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
pub enum View {
    /// From the person's left: they face the right of the picture. Angles move the body
    /// forward and back; the left limbs are nearest (drawn solid), the right ones pale.
    #[default]
    Side,
    /// From in front: the person's left is on the right of the picture. Angles move the body
    /// sideways (a hip or shoulder angle lifts the limb out to the side).
    Front,
}

/// Which part of the body keeps its place across the poses, so the figure does not slide
/// about: the feet for standing work, the hips for lying, kneeling or seated work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
pub enum Anchor {
    /// The foot nearest the ground (in the side view the left one when both are down; in
    /// the front view the point between them).
    #[default]
    Feet,
    LeftFoot,
    RightFoot,
    Hips,
}

/// Something the figure uses. Positions (`at`) are centimetres along the floor from the
/// anchor; in the side view positive is in front of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Prop {
    /// A chair whose seat (46 cm high) is centred at `at`; its back is away from the face.
    Chair { at: i32 },
    /// A wall at `at`.
    Wall { at: i32 },
    /// A counter or table top (`height` cm, 90 unless given) whose near edge is at `at`.
    Counter {
        at: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        height: Option<i32>,
    },
    /// A step or bench (`height` cm, 18 unless given) whose near edge is at `at`.
    Step {
        at: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        height: Option<i32>,
    },
    /// A flight of stairs starting at `at`, with a rail.
    Stairs { at: i32 },
    /// A resistance band: tied at `at` (and `height` cm, 110 unless given) and held in the
    /// hands, or, with no `at`, stretched between the hands.
    Band {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        height: Option<i32>,
    },
    /// A mat on the floor under the person.
    Mat,
    /// A light weight in each hand.
    Weights,
    /// A broom handle held along the back (head, upper back and tailbone on it).
    Stick,
}

/// What carries the person's weight in a pose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
pub enum Support {
    /// The lowest part of the body is on the floor (standing, lying, kneeling).
    #[default]
    Floor,
    /// Sitting: the hips are on the chair's seat.
    Chair,
    /// The lowest part of the body is on the step (or the first stair).
    Step,
    /// In the air, the lowest part of the body this many centimetres above the floor.
    Air(i32),
}

/// A left and a right angle, written `(left, right)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
pub struct Pair(pub i32, pub i32);

impl Pair {
    pub fn left(self) -> i32 {
        self.0
    }
    pub fn right(self) -> i32 {
        self.1
    }
    fn is_zero(&self) -> bool {
        *self == Pair(0, 0)
    }
}

/// One key pose: joint angles in whole degrees; 0 everywhere is standing tall, arms down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pose {
    #[serde(default, skip_serializing_if = "is_floor")]
    pub on: Support,
    /// The tilt of the pelvis from upright: forward is positive (90 is lying face down or on
    /// hands and knees, -90 lying on the back); in the front view, towards the person's left.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pelvis: i32,
    /// The spine relative to the pelvis: forward (flexion) is positive, back (extension)
    /// negative; in the front view, a bend to the side. Only 0 and extension are safe.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub trunk: i32,
    /// The turn of the shoulders relative to the pelvis. Only 0 is safe.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub twist: i32,
    /// The head relative to the trunk: chin down is positive, looking up negative.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub head: i32,
    /// The head turned to the person's left (positive) or right (negative).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub look: i32,
    /// The thigh from in line with the trunk: forward (flexion) positive; in the front view,
    /// out to the side.
    #[serde(default, skip_serializing_if = "Pair::is_zero")]
    pub hips: Pair,
    /// Knee bend: 0 straight.
    #[serde(default, skip_serializing_if = "Pair::is_zero")]
    pub knees: Pair,
    /// Foot: 0 at a right angle to the shin, positive pointing the toes (heels up).
    #[serde(default, skip_serializing_if = "Pair::is_zero")]
    pub ankles: Pair,
    /// The upper arm from hanging by the side: 90 is straight ahead (in the front view, out
    /// to the side), 180 overhead, negative behind.
    #[serde(default, skip_serializing_if = "Pair::is_zero")]
    pub shoulders: Pair,
    /// Elbow bend: 0 straight. In the front view positive lifts the forearm out and up
    /// (goalposts) and negative brings it across in front of the body.
    #[serde(default, skip_serializing_if = "Pair::is_zero")]
    pub elbows: Pair,
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

fn is_floor(s: &Support) -> bool {
    *s == Support::Floor
}

impl Figure {
    /// The pose to show at a step of the movement: step 0 is the start, step 1 where the
    /// first phase goes, and so on round the poses.
    pub fn pose_at(&self, step: usize) -> &Pose {
        &self.poses[step % self.poses.len().max(1)]
    }

    /// The first pose: how to start.
    pub fn start(&self) -> &Pose {
        self.pose_at(0)
    }

    /// Where the first phase of a rep goes: the end of the movement.
    pub fn end(&self) -> &Pose {
        self.pose_at(1)
    }
}

impl Figure {
    /// The figure as RON, one line a field and a pose, as `assets/figures.ron` writes it;
    /// the lines after the first are indented relative to it.
    pub fn ron_lines(&self) -> Vec<String> {
        let mut out = vec!["Figure(".to_owned()];
        if self.view != View::Side {
            out.push(format!("    view: {:?},", self.view));
        }
        if self.anchor != Anchor::Feet {
            out.push(format!("    anchor: {:?},", self.anchor));
        }
        if !self.props.is_empty() {
            let props: Vec<String> = self.props.iter().map(Prop::ron).collect();
            out.push(format!("    props: [{}],", props.join(", ")));
        }
        out.push("    poses: [".to_owned());
        for p in &self.poses {
            out.push(format!("        {},", p.ron()));
        }
        out.push("    ],".to_owned());
        out.push(")".to_owned());
        out
    }
}

impl Prop {
    fn ron(&self) -> String {
        let opt = |name: &str, v: Option<i32>| v.map(|v| format!("{name}: {v}"));
        let fields = |name: &str, parts: Vec<Option<String>>| {
            let parts: Vec<String> = parts.into_iter().flatten().collect();
            format!("{name}({})", parts.join(", "))
        };
        match *self {
            Prop::Chair { at } => format!("Chair(at: {at})"),
            Prop::Wall { at } => format!("Wall(at: {at})"),
            Prop::Stairs { at } => format!("Stairs(at: {at})"),
            Prop::Counter { at, height } => fields(
                "Counter",
                vec![Some(format!("at: {at}")), opt("height", height)],
            ),
            Prop::Step { at, height } => fields(
                "Step",
                vec![Some(format!("at: {at}")), opt("height", height)],
            ),
            Prop::Band { at, height } => fields("Band", vec![opt("at", at), opt("height", height)]),
            Prop::Mat => "Mat".into(),
            Prop::Weights => "Weights".into(),
            Prop::Stick => "Stick".into(),
        }
    }
}

impl Pose {
    /// The pose on one line, with only the fields that are not 0.
    pub fn ron(&self) -> String {
        let mut parts = Vec::new();
        match self.on {
            Support::Floor => {}
            Support::Air(h) => parts.push(format!("on: Air({h})")),
            other => parts.push(format!("on: {other:?}")),
        }
        for (name, v) in [
            ("pelvis", self.pelvis),
            ("trunk", self.trunk),
            ("twist", self.twist),
            ("head", self.head),
            ("look", self.look),
        ] {
            if v != 0 {
                parts.push(format!("{name}: {v}"));
            }
        }
        for (name, Pair(l, r)) in [
            ("hips", self.hips),
            ("knees", self.knees),
            ("ankles", self.ankles),
            ("shoulders", self.shoulders),
            ("elbows", self.elbows),
        ] {
            if (l, r) != (0, 0) {
                parts.push(format!("{name}: ({l}, {r})"));
            }
        }
        format!("Pose({})", parts.join(", "))
    }
}

/// The figures of the bundled library, by exercise id, in the order of their file.
#[derive(Debug)]
pub struct Figures {
    list: Vec<(String, Figure)>,
    by_id: HashMap<String, usize>,
}

impl Figures {
    /// The library's figures, built into the binary. The test suite checks every one, so a
    /// broken file can only come from a build that never passed its tests.
    pub fn bundled() -> &'static Figures {
        static FIGURES_OF_LIBRARY: OnceLock<Figures> = OnceLock::new();
        FIGURES_OF_LIBRARY.get_or_init(|| {
            Figures::parse(FIGURES).unwrap_or_else(|e| panic!("assets/figures.ron is broken: {e}"))
        })
    }

    /// The text of `assets/figures.ron`, for the check that points into it.
    pub fn bundled_text() -> &'static str {
        FIGURES
    }

    pub fn parse(text: &str) -> Result<Figures, ron::error::SpannedError> {
        let Ordered(list) = super::load::ron_options().from_str::<Ordered>(text)?;
        let by_id = list
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), i))
            .collect();
        Ok(Figures { list, by_id })
    }

    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.by_id.get(id).map(|&i| &self.list[i].1)
    }

    /// Every (id, figure), in the file's order.
    pub fn all(&self) -> &[(String, Figure)] {
        &self.list
    }
}

/// A RON map read in the order it is written, so a position in the file can be found again
/// by index.
struct Ordered(Vec<(String, Figure)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ordered, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of exercise ids to figures")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut list = Vec::new();
                while let Some(entry) = map.next_entry::<String, Figure>()? {
                    list.push(entry);
                }
                Ok(Ordered(list))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// How many `figure_of` links are followed before giving up (a loop is a checker error).
const MAX_LINKS: usize = 8;

/// The figure of an exercise: its own, the one it shares with `figure_of`, or the library's
/// figure for its id.
pub fn figure_for<'a>(exercise: &'a Exercise, catalog: &Catalog<'a>) -> Option<&'a Figure> {
    figure_with(exercise, catalog, Figures::bundled())
}

/// `figure_for` with the library's figures given.
pub fn figure_with<'a>(
    exercise: &'a Exercise,
    catalog: &Catalog<'a>,
    figures: &'a Figures,
) -> Option<&'a Figure> {
    let mut e = exercise;
    for _ in 0..MAX_LINKS {
        if let Some(f) = &e.figure {
            return Some(f);
        }
        match &e.figure_of {
            Some(id) => e = catalog.get(id)?,
            None => return figures.get(&e.id),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Library;

    #[test]
    fn every_library_exercise_has_a_figure_and_every_figure_an_exercise() {
        let lib = Library::bundled();
        let figures = Figures::bundled();
        let missing: Vec<&str> = lib
            .exercises()
            .iter()
            .filter(|e| figures.get(&e.id).is_none())
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(missing, Vec::<&str>::new(), "exercises without a figure");
        let orphans: Vec<&str> = figures
            .all()
            .iter()
            .filter(|(id, _)| lib.get(id).is_none())
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(orphans, Vec::<&str>::new(), "figures of no exercise");
        assert_eq!(figures.all().len(), figures.by_id.len(), "an id twice");
    }

    #[test]
    fn every_library_figure_has_a_start_and_somewhere_to_go() {
        for (id, f) in Figures::bundled().all() {
            assert!(f.poses.len() >= 2, "{id} has {} pose(s)", f.poses.len());
            assert_ne!(f.start(), f.end(), "{id}: the first two poses are the same");
        }
    }

    /// What `ron_lines` writes reads back to the same figure, for every library figure, and
    /// is written exactly as the library file writes it.
    #[test]
    fn figures_are_written_as_they_are_read() {
        for (id, f) in Figures::bundled().all() {
            let text = f.ron_lines().join("\n");
            let back: Figure = crate::program::load::ron_options()
                .from_str(&text)
                .unwrap_or_else(|e| panic!("{id}: {e}\n{text}"));
            assert_eq!(&back, f, "{id}");
            let indented: Vec<String> = f
                .ron_lines()
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        format!("    \"{id}\": {l}")
                    } else {
                        format!("    {l}")
                    }
                })
                .collect();
            let mut block = indented.join("\n");
            block.push(',');
            assert!(
                FIGURES.contains(&block),
                "{id} is not written as the file has it:\n{block}"
            );
        }
    }

    #[test]
    fn left_out_angles_are_standing_tall() {
        let p: Pose = crate::program::load::ron_options()
            .from_str("Pose(hips: (90, 90), on: Chair)")
            .unwrap();
        assert_eq!(p.hips, Pair(90, 90));
        assert_eq!((p.trunk, p.knees, p.on), (0, Pair(0, 0), Support::Chair));
        let f: Figure = crate::program::load::ron_options()
            .from_str("Figure(poses: [Pose(), Pose(knees: (20, 20))])")
            .unwrap();
        assert_eq!((f.view, f.anchor), (View::Side, Anchor::Feet));
        assert_eq!(f.pose_at(3), &f.poses[1]);
    }
}
