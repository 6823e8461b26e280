//! The pose check: a second safety check, independent of the words. Whatever `spine:` and the
//! cues say, a figure whose trunk is bent forward, bent to the side or twisted relative to
//! the pelvis beyond neutral is refused (`pose-spine`): the picture must agree with the text,
//! and a picture of a rounded back would teach one. A figure that cannot be drawn (fewer than
//! two poses, an angle no joint makes, a seat with no chair, `figure_of` naming nothing) is a
//! `figure` error. Diagnostics point at the line and column where the pose is written, in a
//! program file or in the library's `assets/figures.ron`.

use std::ops::RangeInclusive;

use super::diagnostic::{Code, Diagnostic};
use super::figure::{Figure, Figures, Pose, Prop, Support, View, figure_for};
use super::locate::{Locator, Path};
use super::{Catalog, Exercise, Library, Program};
use crate::common::text::clean_line;

/// The most a trunk may be bent or turned, in degrees, and still count as neutral: what a
/// drawing of a straight back can be off by, not a movement.
pub const NEUTRAL: i32 = 10;

/// The angles a figure may use, beyond which no joint goes.
const PELVIS: RangeInclusive<i32> = -180..=180;
const TRUNK_BACK: i32 = -45;
const TWIST: RangeInclusive<i32> = -90..=90;
const HEAD: RangeInclusive<i32> = -30..=30;
const LOOK: RangeInclusive<i32> = -90..=90;
const HIPS: RangeInclusive<i32> = -45..=140;
const KNEES: RangeInclusive<i32> = 0..=160;
const ANKLES: RangeInclusive<i32> = -40..=70;
const SHOULDERS: RangeInclusive<i32> = -60..=180;
const ELBOWS: RangeInclusive<i32> = 0..=160;
/// Seen from the front, a forearm may also cross in front of the body.
const ELBOWS_FRONT: RangeInclusive<i32> = -160..=160;
/// Where props may stand, in centimetres from the anchor, and how high.
const PLACE: RangeInclusive<i32> = -300..=300;
const HEIGHT: RangeInclusive<i32> = 5..=150;
const AIR: RangeInclusive<i32> = 0..=60;
/// More poses than this is an animation, not key poses.
const MAX_POSES: usize = 8;

/// The pose check of a program's own exercises, at their places in the file `locator` reads.
pub fn check(program: &Program, library: &Library, locator: &Locator) -> Vec<Diagnostic> {
    let catalog = Catalog::new(library, &program.exercises);
    let mut c = PoseCheck::default();
    for (i, e) in program.exercises.iter().enumerate() {
        c.exercise(&Path::root().field("exercises").index(i), e, &catalog);
    }
    c.diagnostics(locator)
}

/// The pose check of the library's figures, at their places in `assets/figures.ron`.
pub fn check_library(figures: &Figures) -> Vec<Diagnostic> {
    let mut c = PoseCheck::default();
    for (k, (_, figure)) in figures.all().iter().enumerate() {
        // A map is read as a list of keys and values: the figure is element 2k + 1.
        c.figure(&Path::root().index(2 * k + 1), figure);
    }
    c.diagnostics(&Locator::new(Figures::bundled_text()))
}

/// The pose check of one figure, without positions (for the author's screen and tests).
pub fn problems(figure: &Figure) -> Vec<(Code, String)> {
    let mut c = PoseCheck::default();
    c.figure(&Path::root(), figure);
    c.found.into_iter().map(|f| (f.code, f.message)).collect()
}

struct Found {
    code: Code,
    path: Path,
    message: String,
    help: String,
}

#[derive(Default)]
struct PoseCheck {
    found: Vec<Found>,
}

impl PoseCheck {
    fn add(&mut self, code: Code, path: Path, message: String, help: &str) {
        self.found.push(Found {
            code,
            path,
            message,
            help: help.to_owned(),
        });
    }

    fn diagnostics(self, locator: &Locator) -> Vec<Diagnostic> {
        self.found
            .into_iter()
            .map(|f| {
                let pos = locator.find(&f.path);
                Diagnostic::error(f.code, pos.line, pos.column, f.message).help(f.help)
            })
            .collect()
    }

    fn exercise(&mut self, path: &Path, e: &Exercise, catalog: &Catalog) {
        let name = clean_line(&e.name);
        match (&e.figure, &e.figure_of) {
            (Some(_), Some(_)) => self.add(
                Code::Figure,
                path.field("figure_of"),
                format!("\"{name}\" has a figure of its own and `figure_of` too"),
                "keep one of them: its own `figure`, or `figure_of` to share another exercise's",
            ),
            (Some(f), None) => self.figure(&path.field("figure"), f),
            (None, Some(id)) => {
                let shown = clean_line(id);
                match catalog.get(id) {
                    None => self.add(
                        Code::Figure,
                        path.field("figure_of"),
                        format!("`figure_of` names \"{shown}\", which is not an exercise"),
                        "use the id of a library exercise (`upright library`) or of one in this file",
                    ),
                    Some(other) if other.id == e.id || figure_for(other, catalog).is_none() => {
                        self.add(
                            Code::Figure,
                            path.field("figure_of"),
                            format!("\"{shown}\" has no figure of its own to share"),
                            "name a library exercise, or an exercise in this file that has a `figure`",
                        )
                    }
                    Some(_) => {}
                }
            }
            (None, None) => {}
        }
    }

    fn figure(&mut self, path: &Path, f: &Figure) {
        if f.poses.len() < 2 || f.poses.len() > MAX_POSES {
            self.add(
                Code::Figure,
                path.field("poses"),
                format!(
                    "a figure needs 2 to {MAX_POSES} key poses, and this one has {}",
                    f.poses.len()
                ),
                "give the pose to start from and the one the movement goes to, at least",
            );
        }
        for (i, prop) in f.props.iter().enumerate() {
            self.prop(&path.field("props").index(i), prop);
        }
        for (j, pose) in f.poses.iter().enumerate() {
            let at = path.field("poses").index(j);
            self.spine(&at, f.view, pose, j);
            self.angles(&at, f.view, pose);
            self.support(&at, f, pose);
        }
    }

    /// The safety rule: the trunk keeps its neutral line with the pelvis.
    fn spine(&mut self, at: &Path, view: View, p: &Pose, j: usize) {
        let which = ordinal(j);
        match view {
            View::Side if p.trunk > NEUTRAL => self.add(
                Code::PoseSpine,
                at.field("trunk"),
                format!(
                    "the {which} pose bends the trunk {}° forward from the pelvis: the picture shows a rounded back (spinal flexion)",
                    p.trunk
                ),
                "keep `trunk` at 0 and tilt the whole back from the hips with `pelvis` (a hip hinge), or choose an extension exercise",
            ),
            View::Front if p.trunk.abs() > NEUTRAL => self.add(
                Code::PoseSpine,
                at.field("trunk"),
                format!(
                    "the {which} pose bends the trunk {}° to the side from the pelvis: the picture shows a side bend",
                    p.trunk.abs()
                ),
                "keep `trunk` at 0: the spine stays long and upright while the arms and legs move",
            ),
            _ => {}
        }
        if p.twist.abs() > NEUTRAL {
            self.add(
                Code::PoseSpine,
                at.field("twist"),
                format!(
                    "the {which} pose turns the shoulders {}° against the pelvis: the picture shows a twist",
                    p.twist.abs()
                ),
                "keep `twist` at 0: hips and shoulders face the same way",
            );
        }
    }

    fn angles(&mut self, at: &Path, view: View, p: &Pose) {
        let mut one = |field: &'static str,
                       side: Option<usize>,
                       value: i32,
                       range: &RangeInclusive<i32>,
                       what: &str| {
            if !range.contains(&value) {
                let path = match side {
                    Some(s) => at.field(field).index(s),
                    None => at.field(field),
                };
                self.add(
                    Code::Figure,
                    path,
                    format!(
                        "`{field}` of {value}° is beyond what {what} does ({}° to {}°)",
                        range.start(),
                        range.end()
                    ),
                    "use an angle inside the range (docs/program-format.md, Figures)",
                );
            }
        };
        one("pelvis", None, p.pelvis, &PELVIS, "a body does");
        // Forward bending is the spine rule's; here only how far back a trunk can go.
        one("trunk", None, p.trunk, &(TRUNK_BACK..=i32::MAX), "a spine");
        one("twist", None, p.twist, &TWIST, "a spine");
        one("head", None, p.head, &HEAD, "a neck comfortably");
        one("look", None, p.look, &LOOK, "a neck");
        for (field, pair, range, what) in [
            ("hips", p.hips, &HIPS, "a hip"),
            ("knees", p.knees, &KNEES, "a knee"),
            ("ankles", p.ankles, &ANKLES, "an ankle"),
            ("shoulders", p.shoulders, &SHOULDERS, "a shoulder"),
            (
                "elbows",
                p.elbows,
                if view == View::Front {
                    &ELBOWS_FRONT
                } else {
                    &ELBOWS
                },
                "an elbow",
            ),
        ] {
            one(field, Some(0), pair.left(), range, what);
            one(field, Some(1), pair.right(), range, what);
        }
    }

    fn support(&mut self, at: &Path, f: &Figure, p: &Pose) {
        let has = |want: fn(&Prop) -> bool| f.props.iter().any(want);
        let missing = match p.on {
            Support::Chair if !has(|p| matches!(p, Prop::Chair { .. })) => Some("Chair"),
            Support::Step if !has(|p| matches!(p, Prop::Step { .. } | Prop::Stairs { .. })) => {
                Some("Step")
            }
            Support::Air(h) if !AIR.contains(&h) => {
                self.add(
                    Code::Figure,
                    at.field("on"),
                    format!("`Air({h})` is not a height a person leaves the ground by"),
                    "use 0 to 60 centimetres",
                );
                None
            }
            _ => None,
        };
        if let Some(what) = missing {
            self.add(
                Code::Figure,
                at.field("on"),
                format!(
                    "the pose rests `on: {what}`, but the figure has no {}",
                    what.to_lowercase()
                ),
                "add the prop to the figure's `props`, or rest the pose `on: Floor`",
            );
        }
    }

    fn prop(&mut self, at: &Path, prop: &Prop) {
        let (place, height) = match *prop {
            Prop::Chair { at } | Prop::Wall { at } | Prop::Stairs { at } => (Some(at), None),
            Prop::Counter { at, height } | Prop::Step { at, height } => (Some(at), height),
            Prop::Band { at, height } => (at, height),
            Prop::Mat | Prop::Weights | Prop::Stick => (None, None),
        };
        if let Some(x) = place.filter(|x| !PLACE.contains(x)) {
            self.add(
                Code::Figure,
                at.field("at"),
                format!("a prop {x} cm away is out of the picture"),
                "place props within 300 cm of the person",
            );
        }
        if let Some(h) = height.filter(|h| !HEIGHT.contains(h)) {
            self.add(
                Code::Figure,
                at.field("height"),
                format!("a height of {h} cm is not one a prop has here"),
                "use a height from 5 to 150 cm",
            );
        }
    }
}

fn ordinal(j: usize) -> String {
    match j {
        0 => "first".into(),
        1 => "second".into(),
        2 => "third".into(),
        3 => "fourth".into(),
        n => format!("{}th", n + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::check_source;

    fn figure(text: &str) -> Figure {
        crate::program::load::ron_options().from_str(text).unwrap()
    }

    fn codes(text: &str) -> Vec<Code> {
        problems(&figure(text))
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    }

    /// Every library figure passes; this is the test the issue asks for ("a test fails if
    /// any library exercise lacks poses or fails the pose check"), with the rest of it in
    /// `figure::tests`.
    #[test]
    fn every_library_figure_passes_the_pose_check() {
        let found = check_library(Figures::bundled());
        let shown: Vec<String> = found
            .iter()
            .map(|d| {
                format!(
                    "assets/figures.ron:{}:{}: {} {}",
                    d.line, d.column, d.code, d.message
                )
            })
            .collect();
        assert_eq!(shown, Vec::<String>::new());
    }

    #[test]
    fn a_rounded_back_is_refused_whatever_else_the_pose_does() {
        assert_eq!(
            codes("Figure(poses: [Pose(), Pose(pelvis: 30, trunk: 11)])"),
            [Code::PoseSpine]
        );
        assert_eq!(
            codes("Figure(poses: [Pose(), Pose(pelvis: 60, trunk: 10)])"),
            []
        );
        // A hip hinge tilts the whole back at the hips: not flexion.
        assert_eq!(
            codes("Figure(poses: [Pose(), Pose(pelvis: 45, hips: (45, 45))])"),
            []
        );
        // Lying face down and lifting the chest is extension: allowed.
        assert_eq!(
            codes("Figure(poses: [Pose(pelvis: 90), Pose(pelvis: 90, trunk: -15)])"),
            []
        );
        assert_eq!(
            codes("Figure(poses: [Pose(), Pose(twist: -25)])"),
            [Code::PoseSpine]
        );
        assert_eq!(
            codes("Figure(view: Front, poses: [Pose(), Pose(trunk: -20)])"),
            [Code::PoseSpine]
        );
        let (_, message) = &problems(&figure("Figure(poses: [Pose(), Pose(trunk: 40)])"))[0];
        assert!(
            message.contains("second pose") && message.contains("40°"),
            "{message}"
        );
    }

    #[test]
    fn a_figure_that_cannot_be_drawn_says_why() {
        assert_eq!(codes("Figure(poses: [Pose()])"), [Code::Figure]);
        assert_eq!(
            codes("Figure(poses: [Pose(), Pose(knees: (-10, 0))])"),
            [Code::Figure]
        );
        assert_eq!(
            codes("Figure(poses: [Pose(), Pose(elbows: (0, 200))])"),
            [Code::Figure]
        );
        assert_eq!(
            codes("Figure(poses: [Pose(on: Chair), Pose()])"),
            [Code::Figure]
        );
        assert_eq!(
            codes("Figure(props: [Chair(at: -30)], poses: [Pose(on: Chair), Pose()])"),
            []
        );
        assert_eq!(
            codes("Figure(poses: [Pose(on: Air(90)), Pose()])"),
            [Code::Figure]
        );
        assert_eq!(
            codes("Figure(props: [Wall(at: 900)], poses: [Pose(), Pose(hips: (10, 0))])"),
            [Code::Figure]
        );
    }

    fn program(exercise_fields: &str) -> String {
        format!(
            r#"Program(
    title: "Figures",
    level: Beginner,
    per_week: 2,
    exercises: [
        Exercise(
            id: "my-hinge",
            name: "My hinge",
            kinds: [Resistance],
            spine: Neutral,
            impact: None,
            cues: ["Push your hips back, back long."],
{exercise_fields}
        ),
    ],
    sessions: [Session(name: "A", blocks: [Block(name: "Main", items: [
        Item(exercise: "my-hinge", dose: Reps(sets: 1, reps: 5, rest: 30)),
        Item(exercise: "tandem-stance", dose: Time(secs: 30)),
        Item(exercise: "prone-back-extension", dose: Holds(sets: 1, reps: 3, hold: 3, rest: 0)),
    ])])],
)
"#
        )
    }

    fn diagnostics(fields: &str) -> Vec<(Code, usize, usize)> {
        check_source(program(fields).as_bytes(), Library::bundled())
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.line, d.column))
            .collect()
    }

    #[test]
    fn the_checker_points_at_the_trunk_that_bends() {
        let fields = "            figure: Figure(poses: [\n                Pose(),\n                Pose(pelvis: 40, trunk: 35, hips: (40, 40)),\n            ]),";
        assert_eq!(diagnostics(fields), [(Code::PoseSpine, 15, 41)]);
        let checked = check_source(program(fields).as_bytes(), Library::bundled());
        assert!(
            checked.safe_program().is_none(),
            "a program with a bent figure must not run"
        );
        let fixed = fields.replace("trunk: 35", "trunk: 0");
        assert_eq!(diagnostics(&fixed), []);
    }

    #[test]
    fn figure_of_shares_a_library_figure_or_says_what_is_wrong() {
        assert_eq!(diagnostics("            figure_of: \"hip-hinge\","), []);
        assert_eq!(
            diagnostics("            figure_of: \"hip-hing\","),
            [(Code::Figure, 13, 24)]
        );
        assert_eq!(
            diagnostics("            figure_of: \"my-hinge\","),
            [(Code::Figure, 13, 24)]
        );
        assert_eq!(
            diagnostics(
                "            figure_of: \"hip-hinge\",\n            figure: Figure(poses: [Pose(), Pose(knees: (20, 20))]),"
            ),
            [(Code::Figure, 13, 24)]
        );
    }

    #[test]
    fn a_knee_written_wrong_is_found_at_its_side() {
        let fields = "            figure: Figure(poses: [Pose(), Pose(knees: (30, -5))]),";
        assert_eq!(diagnostics(fields), [(Code::Figure, 13, 61)]);
    }
}
