//! From a pose to a drawing: joint angles to points (a stick person of average build, in
//! centimetres, the floor at y = 0, y up), placed on the floor, chair or step the pose rests
//! on, with the figure's props around it. Both the SVG and the terminal canvas draw these
//! strokes, so paper and screen show the same picture.

use crate::program::figure::{Anchor, Figure, Pose, Prop, Support, View};

/// Body measurements in centimetres: an adult of about 176 cm.
const PELVIS: f64 = 18.0;
const THORAX: f64 = 34.0;
const NECK: f64 = 7.0;
pub const HEAD: f64 = 11.0;
const THIGH: f64 = 44.0;
const SHIN: f64 = 44.0;
/// From the ankle joint down to the sole.
const ANKLE: f64 = 7.0;
/// Heel to the ball of the foot, and the ball to the tip of the toes (which stay flat
/// when the heel rises).
const FOOT: f64 = 15.0;
const TOES: f64 = 6.0;
const FOOT_FRONT: f64 = 9.0;
const UPPER_ARM: f64 = 30.0;
const FOREARM: f64 = 34.0;
const HIP_HALF: f64 = 9.0;
const SHOULDER_HALF: f64 = 19.0;
/// A chair's seat: height and half its depth.
pub const SEAT: f64 = 44.0;
const SEAT_HALF: f64 = 21.0;
const CHAIR_BACK: f64 = 92.0;
const COUNTER: f64 = 90.0;
const COUNTER_DEPTH: f64 = 50.0;
const STEP: f64 = 18.0;
const STEP_DEPTH: f64 = 32.0;
const STAIR_DEPTH: f64 = 28.0;
const BAND_HEIGHT: f64 = 110.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
    /// `len` centimetres from here in direction `deg`: 0 is straight up, 90 towards the
    /// front of the picture (right), 180 straight down.
    fn go(self, deg: f64, len: f64) -> Point {
        let r = deg.to_radians();
        Point::new(self.x + len * r.sin(), self.y + len * r.cos())
    }
    fn shift(self, dx: f64, dy: f64) -> Point {
        Point::new(self.x + dx, self.y + dy)
    }
}

/// How strongly a stroke is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ink {
    /// The trunk, pelvis and head: drawn thickest.
    Trunk,
    /// The near limbs (both, in the front view).
    Limb,
    /// The far limbs in the side view, behind the body.
    Far,
    /// Chairs, walls, counters, steps, mats, bands, weights.
    Prop,
    /// The floor line.
    Floor,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    Line(Point, Point),
    /// A filled disc: the head, a weight.
    Disc(Point, f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub shape: Shape,
    pub ink: Ink,
}

/// A box around drawings, in centimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub left: f64,
    pub bottom: f64,
    pub right: f64,
    pub top: f64,
}

impl Bounds {
    fn of(points: impl IntoIterator<Item = Point>) -> Bounds {
        let mut b = Bounds {
            left: f64::MAX,
            bottom: f64::MAX,
            right: f64::MIN,
            top: f64::MIN,
        };
        for p in points {
            b.left = b.left.min(p.x);
            b.right = b.right.max(p.x);
            b.bottom = b.bottom.min(p.y);
            b.top = b.top.max(p.y);
        }
        b
    }

    fn grow(self, by: f64) -> Bounds {
        Bounds {
            left: self.left - by,
            bottom: self.bottom - by,
            right: self.right + by,
            top: self.top + by,
        }
    }

    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.top - self.bottom
    }
}

/// The joints of one side: hip or shoulder to the foot or hand.
#[derive(Debug, Clone, Copy)]
struct Limb {
    root: Point,
    middle: Point,
    end: Point,
    /// Legs only: the heel, the ball and the tip of the foot.
    heel: Point,
    ball: Point,
    toe: Point,
}

/// A posed body, before or after it is placed.
#[derive(Debug, Clone, Copy)]
struct Body {
    pelvis: Point,
    waist: Point,
    neck: Point,
    head: Point,
    /// The direction the face looks (degrees), and how much of the nose shows (0 to 1).
    face: (f64, f64),
    legs: [Limb; 2],
    arms: [Limb; 2],
}

impl Body {
    fn pose(view: View, p: &Pose) -> Body {
        let deg = |n: i32| f64::from(n);
        let pelvis = Point::new(0.0, 0.0);
        let waist = pelvis.go(deg(p.pelvis), PELVIS);
        let thorax = deg(p.pelvis + p.trunk);
        let neck = waist.go(thorax, THORAX);
        let head_dir = thorax + deg(p.head);
        let head = neck.go(head_dir, NECK + HEAD);
        let front = view == View::Front;
        let turn = deg(p.look).to_radians();
        let face = if front {
            // Seen from the front the nose shows only when the head turns.
            (
                head_dir + if p.look >= 0 { 90.0 } else { -90.0 },
                turn.sin().abs(),
            )
        } else {
            (head_dir + 90.0, turn.cos().abs())
        };
        let twist = deg(p.twist).to_radians().cos();
        let sides = [(0usize, 1.0), (1usize, -1.0)];
        let leg = |i: usize, s: f64| {
            let s = if front { s } else { 1.0 };
            let (hip, knee, ankle) = (pick(p.hips, i), pick(p.knees, i), pick(p.ankles, i));
            let root = if front {
                pelvis.go(deg(p.pelvis) + 90.0, s * HIP_HALF)
            } else {
                pelvis
            };
            let thigh = deg(p.pelvis) + 180.0 - s * hip;
            let middle = root.go(thigh, THIGH);
            let shin = thigh + s * knee;
            let end = middle.go(shin, SHIN);
            let heel = end.go(shin, ANKLE);
            let (ball, toe) = if front {
                let toe = heel.go(shin - s * 90.0, FOOT_FRONT);
                (toe, toe)
            } else {
                let ball = heel.go(shin - 90.0 + ankle, FOOT);
                (ball, ball.go(shin - 90.0 + ankle.min(0.0), TOES))
            };
            Limb {
                root,
                middle,
                end,
                heel,
                ball,
                toe,
            }
        };
        let arm = |i: usize, s: f64| {
            let s = if front { s } else { 1.0 };
            let (shoulder, elbow) = (pick(p.shoulders, i), pick(p.elbows, i));
            let top = neck.go(thorax + 180.0, 4.0);
            let root = if front {
                top.go(thorax + 90.0, s * SHOULDER_HALF * twist)
            } else {
                top
            };
            let upper = thorax + 180.0 - s * shoulder;
            let middle = root.go(upper, UPPER_ARM);
            let end = middle.go(upper - s * elbow, FOREARM);
            Limb {
                root,
                middle,
                end,
                heel: end,
                ball: end,
                toe: end,
            }
        };
        Body {
            pelvis,
            waist,
            neck,
            head,
            face,
            legs: sides.map(|(i, s)| leg(i, s)),
            arms: sides.map(|(i, s)| arm(i, s)),
        }
    }

    fn points(&self) -> Vec<Point> {
        let mut v = vec![
            self.pelvis,
            self.waist,
            self.neck,
            self.head.shift(0.0, -HEAD),
            self.head.shift(0.0, HEAD),
            self.head.shift(-HEAD, 0.0),
            self.head.shift(HEAD, 0.0),
        ];
        for l in self.legs.iter().chain(&self.arms) {
            v.extend([l.root, l.middle, l.end, l.heel, l.ball, l.toe]);
        }
        v
    }

    fn moved(mut self, dx: f64, dy: f64) -> Body {
        let m = |p: &mut Point| *p = p.shift(dx, dy);
        for p in [
            &mut self.pelvis,
            &mut self.waist,
            &mut self.neck,
            &mut self.head,
        ] {
            m(p);
        }
        for l in self.legs.iter_mut().chain(self.arms.iter_mut()) {
            for p in [
                &mut l.root,
                &mut l.middle,
                &mut l.end,
                &mut l.heel,
                &mut l.ball,
                &mut l.toe,
            ] {
                m(p);
            }
        }
        self
    }

    /// The lowest point of each foot.
    fn sole(&self, i: usize) -> f64 {
        let l = &self.legs[i];
        l.heel.y.min(l.ball.y).min(l.toe.y)
    }

    /// Placed as the pose says: resting on the floor, chair or step, the anchor at x = 0.
    fn placed(self, figure: &Figure, p: &Pose) -> Body {
        let dx = match figure.anchor {
            Anchor::Hips => -self.pelvis.x,
            Anchor::LeftFoot => -self.legs[0].end.x,
            Anchor::RightFoot => -self.legs[1].end.x,
            Anchor::Feet => {
                let (l, r) = (self.sole(0), self.sole(1));
                if (l - r).abs() <= 2.0 {
                    match figure.view {
                        View::Side => -self.legs[0].end.x,
                        View::Front => -(self.legs[0].end.x + self.legs[1].end.x) / 2.0,
                    }
                } else if l < r {
                    -self.legs[0].end.x
                } else {
                    -self.legs[1].end.x
                }
            }
        };
        let lowest = self
            .points()
            .into_iter()
            .map(|q| q.y)
            .fold(f64::MAX, f64::min);
        let dy = match p.on {
            Support::Floor => -lowest,
            Support::Air(h) => f64::from(h) - lowest,
            Support::Step => step_height(figure) - lowest,
            Support::Chair => SEAT + ANKLE - self.pelvis.y,
        };
        self.moved(dx, dy)
    }
}

fn pick(pair: crate::program::figure::Pair, i: usize) -> f64 {
    f64::from(if i == 0 { pair.left() } else { pair.right() })
}

fn step_height(figure: &Figure) -> f64 {
    figure
        .props
        .iter()
        .find_map(|p| match *p {
            Prop::Step { height, .. } => Some(height.map_or(STEP, f64::from)),
            Prop::Stairs { .. } => Some(STEP),
            _ => None,
        })
        .unwrap_or(0.0)
}

/// The strokes of `pose` (one of `figure`'s poses, or one between them), back to front.
pub fn strokes(figure: &Figure, pose: &Pose) -> Vec<Stroke> {
    let body = Body::pose(figure.view, pose).placed(figure, pose);
    let reach = body_bounds(figure);
    let mut out = Vec::new();
    let mut line = |a: Point, b: Point, ink: Ink| {
        out.push(Stroke {
            shape: Shape::Line(a, b),
            ink,
        })
    };
    line(
        Point::new(reach.left - 25.0, 0.0),
        Point::new(reach.right + 25.0, 0.0),
        Ink::Floor,
    );
    for prop in &figure.props {
        behind(prop, figure.view, &reach, &mut line);
    }
    let side = figure.view == View::Side;
    let limb_ink = |i: usize| if side && i == 1 { Ink::Far } else { Ink::Limb };
    // Far limbs behind the trunk, near ones in front of it.
    let order: &[usize] = if side { &[1] } else { &[] };
    for &i in order {
        limb(&body.legs[i], true, limb_ink(i), &mut line);
        limb(&body.arms[i], false, limb_ink(i), &mut line);
    }
    if side {
        line(body.pelvis, body.waist, Ink::Trunk);
    } else {
        line(body.legs[0].root, body.legs[1].root, Ink::Trunk);
        line(body.arms[0].root, body.arms[1].root, Ink::Trunk);
        line(body.pelvis, body.waist, Ink::Trunk);
    }
    line(body.waist, body.neck, Ink::Trunk);
    line(body.neck, body.head, Ink::Limb);
    let near: &[usize] = if side { &[0] } else { &[0, 1] };
    for &i in near {
        limb(&body.legs[i], true, limb_ink(i), &mut line);
    }
    let (face, shown) = body.face;
    if shown > 0.2 {
        let from = body.head.go(face, HEAD * 0.6);
        line(from, from.go(face, HEAD * 0.4 + 4.0 * shown), Ink::Limb);
    }
    for &i in near {
        limb(&body.arms[i], false, limb_ink(i), &mut line);
    }
    out.push(Stroke {
        shape: Shape::Disc(body.head, HEAD),
        ink: Ink::Trunk,
    });
    for prop in &figure.props {
        held(prop, &body, &mut out);
    }
    out
}

fn limb(l: &Limb, leg: bool, ink: Ink, line: &mut impl FnMut(Point, Point, Ink)) {
    line(l.root, l.middle, ink);
    line(l.middle, l.end, ink);
    if leg {
        line(l.end, l.heel, ink);
        line(l.heel, l.ball, ink);
        line(l.ball, l.toe, ink);
    }
}

/// Props that stand behind the person: drawn first.
fn behind(prop: &Prop, view: View, reach: &Bounds, line: &mut impl FnMut(Point, Point, Ink)) {
    let side = view == View::Side;
    let p = Point::new;
    let ink = Ink::Prop;
    let mut rect = |l: f64, r: f64, h: f64| {
        line(p(l, 0.0), p(l, h), ink);
        line(p(l, h), p(r, h), ink);
        line(p(r, h), p(r, 0.0), ink);
    };
    match *prop {
        Prop::Chair { at } => {
            let x = f64::from(at);
            let (l, r) = (x - SEAT_HALF, x + SEAT_HALF);
            line(p(l, SEAT), p(r, SEAT), ink);
            line(p(r - 2.0, SEAT), p(r - 2.0, 0.0), ink);
            line(p(l + 2.0, SEAT), p(l + 2.0, 0.0), ink);
            if side {
                line(p(l, SEAT), p(l - 4.0, CHAIR_BACK), ink);
            } else {
                line(p(l + 4.0, CHAIR_BACK), p(r - 4.0, CHAIR_BACK), ink);
                line(p(l + 4.0, CHAIR_BACK), p(l + 4.0, SEAT), ink);
                line(p(r - 4.0, CHAIR_BACK), p(r - 4.0, SEAT), ink);
            }
        }
        Prop::Wall { at } => {
            let x = f64::from(at);
            line(p(x, 0.0), p(x, reach.top + 12.0), ink);
        }
        Prop::Counter { at, height } => {
            let x = f64::from(at);
            let h = height.map_or(COUNTER, f64::from);
            if side {
                let far = x + COUNTER_DEPTH * if at >= 0 { 1.0 } else { -1.0 };
                rect(x.min(far), x.max(far), h);
            } else {
                // Seen from the front only its edge shows, across the person's front.
                line(p(x - 60.0, h), p(x + 60.0, h), ink);
            }
        }
        Prop::Step { at, height } => {
            let x = f64::from(at);
            let h = height.map_or(STEP, f64::from);
            if side {
                rect(x, x + STEP_DEPTH, h);
            } else {
                rect(x - 35.0, x + 35.0, h);
            }
        }
        Prop::Stairs { at } => {
            let x = f64::from(at);
            let mut y = 0.0;
            for k in 0..3 {
                let l = x + f64::from(k) * STAIR_DEPTH;
                line(p(l, y), p(l, y + STEP), ink);
                line(p(l, y + STEP), p(l + STAIR_DEPTH, y + STEP), ink);
                y += STEP;
            }
            line(
                p(x + 3.0 * STAIR_DEPTH, y),
                p(x + 3.0 * STAIR_DEPTH, 0.0),
                ink,
            );
            // The rail, at hand height above the stair edges.
            line(p(x - 10.0, 90.0), p(x + 3.0 * STAIR_DEPTH, 90.0 + y), ink);
            line(p(x - 10.0, 90.0), p(x - 10.0, 0.0), ink);
        }
        Prop::Mat => {
            line(p(reach.left - 8.0, 1.5), p(reach.right + 8.0, 1.5), ink);
        }
        Prop::Band { .. } | Prop::Weights | Prop::Stick => {}
    }
}

/// Props the person holds: drawn last.
fn held(prop: &Prop, body: &Body, out: &mut Vec<Stroke>) {
    let hands = [body.arms[0].end, body.arms[1].end];
    let mut put = |shape: Shape| {
        out.push(Stroke {
            shape,
            ink: Ink::Prop,
        })
    };
    match *prop {
        Prop::Band {
            at: Some(at),
            height,
        } => {
            let anchor = Point::new(f64::from(at), height.map_or(BAND_HEIGHT, f64::from));
            put(Shape::Line(anchor.shift(0.0, -6.0), anchor.shift(0.0, 6.0)));
            put(Shape::Line(anchor, hands[0]));
            if (hands[0].x - hands[1].x).abs() + (hands[0].y - hands[1].y).abs() > 3.0 {
                put(Shape::Line(anchor, hands[1]));
            }
        }
        Prop::Band { at: None, .. } => put(Shape::Line(hands[0], hands[1])),
        Prop::Weights => {
            for (arm, hand) in body.arms.iter().zip(hands) {
                let across = angle(arm.middle, arm.end) + 90.0;
                let (a, b) = (hand.go(across, 6.0), hand.go(across, -6.0));
                put(Shape::Line(a, b));
                put(Shape::Disc(a, 3.0));
                put(Shape::Disc(b, 3.0));
            }
        }
        Prop::Stick => {
            let along = angle(body.waist, body.neck);
            let from = body
                .pelvis
                .go(along - 90.0, HEAD + 2.0)
                .go(along + 180.0, 12.0);
            put(Shape::Line(
                from,
                from.go(along, PELVIS + THORAX + NECK + 2.0 * HEAD + 22.0),
            ));
        }
        _ => {}
    }
}

/// The direction from `a` to `b`, in the degrees `Point::go` takes.
fn angle(a: Point, b: Point) -> f64 {
    (b.x - a.x).atan2(b.y - a.y).to_degrees()
}

/// Where the body goes in any of the figure's poses.
fn body_bounds(figure: &Figure) -> Bounds {
    Bounds::of(
        figure
            .poses
            .iter()
            .flat_map(|p| Body::pose(figure.view, p).placed(figure, p).points()),
    )
}

/// A box that holds every pose of the figure and its props, with a margin, so each pose is
/// drawn at the same scale and place.
pub fn bounds(figure: &Figure) -> Bounds {
    let all = figure.poses.iter().flat_map(|p| {
        strokes(figure, p).into_iter().flat_map(|s| match s.shape {
            Shape::Line(a, b) => [a, b, a, b],
            Shape::Disc(c, r) => [c.shift(-r, -r), c.shift(r, r), c, c],
        })
    });
    Bounds::of(all).grow(6.0)
}
