//! Poses between two key poses, for the smooth mode: every angle moved the same eased
//! fraction of the way, so the figure glides from one key pose to the next while a phase of
//! the pace runs. Between two safe poses every pose is safe: each angle only passes through
//! the values between its two ends.

use crate::program::figure::{Pair, Pose, Support};

/// The pose a fraction `t` (0 to 1) of the way from `from` to `to`, eased in and out.
pub fn between(from: &Pose, to: &Pose, t: f64) -> Pose {
    let t = t.clamp(0.0, 1.0);
    if t == 0.0 {
        return *from;
    }
    if t == 1.0 {
        return *to;
    }
    let e = t * t * (3.0 - 2.0 * t);
    let n = |a: i32, b: i32| (f64::from(a) + (f64::from(b) - f64::from(a)) * e).round() as i32;
    let pair = |a: Pair, b: Pair| Pair(n(a.0, b.0), n(a.1, b.1));
    Pose {
        on: support(from.on, to.on, e, n),
        pelvis: n(from.pelvis, to.pelvis),
        trunk: n(from.trunk, to.trunk),
        twist: n(from.twist, to.twist),
        head: n(from.head, to.head),
        look: n(from.look, to.look),
        hips: pair(from.hips, to.hips),
        knees: pair(from.knees, to.knees),
        ankles: pair(from.ankles, to.ankles),
        shoulders: pair(from.shoulders, to.shoulders),
        elbows: pair(from.elbows, to.elbows),
    }
}

/// What carries the weight on the way: standing up from a chair or stepping up, the feet stay
/// on the floor until the end is reached; a lift in the air rises evenly.
fn support(from: Support, to: Support, e: f64, n: impl Fn(i32, i32) -> i32) -> Support {
    match (from, to) {
        (a, b) if a == b => a,
        (Support::Air(a), Support::Air(b)) => Support::Air(n(a, b)),
        (Support::Floor, _) | (_, Support::Floor) => Support::Floor,
        (a, b) => {
            if e < 0.5 {
                a
            } else {
                b
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::diagnostic::Code;
    use crate::program::figure::Figures;
    use crate::program::pose_check;

    #[test]
    fn the_ends_are_the_key_poses_and_the_middle_is_between_them() {
        let f = Figures::bundled().get("sit-to-stand").unwrap();
        let (a, b) = (f.start(), f.end());
        assert_eq!(&between(a, b, 0.0), a);
        assert_eq!(&between(a, b, 1.0), b);
        assert_eq!(&between(a, b, -3.0), a, "clamped");
        assert_eq!(&between(a, b, 7.0), b, "clamped");
        let mid = between(a, b, 0.5);
        let inside = |x: i32, lo: i32, hi: i32| x >= lo.min(hi) && x <= lo.max(hi);
        assert!(inside(mid.knees.0, a.knees.0, b.knees.0));
        assert!(inside(mid.hips.0, a.hips.0, b.hips.0));
        assert_ne!(mid.knees, a.knees);
        assert_ne!(mid.knees, b.knees);
        assert_eq!(mid.on, Support::Floor, "the feet stay on the floor");
    }

    #[test]
    fn it_moves_slowly_at_the_ends_and_steadily_forward() {
        let a = Pose::default();
        let b = Pose {
            knees: Pair(100, 100),
            ..Pose::default()
        };
        let knee = |t: f64| between(&a, &b, t).knees.0;
        let steps: Vec<i32> = (0..=10).map(|i| knee(f64::from(i) / 10.0)).collect();
        assert!(steps.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
        assert!(knee(0.1) < 10, "eased in: {}", knee(0.1));
        assert!(knee(0.9) > 90, "eased out: {}", knee(0.9));
    }

    #[test]
    fn every_pose_between_two_library_poses_passes_the_pose_check() {
        for (id, f) in Figures::bundled().all() {
            let mut glide = f.clone();
            glide.poses.clear();
            for (i, a) in f.poses.iter().enumerate() {
                let b = f.pose_at(i + 1);
                glide
                    .poses
                    .extend((0..10).map(|k| between(a, b, f64::from(k) / 10.0)));
            }
            // More poses than a figure may have: only the spine's problems count here.
            let spine: Vec<_> = pose_check::problems(&glide)
                .into_iter()
                .filter(|(code, _)| *code == Code::PoseSpine)
                .collect();
            assert_eq!(spine, Vec::new(), "{id}");
        }
    }
}
