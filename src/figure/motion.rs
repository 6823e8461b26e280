//! Which key pose the figure shows, in step with the coach: the start pose while getting
//! ready, resting or checking in; then, through paced work, the pose each phase of the rep
//! goes to (the rep's first part or "hold" to the second pose, its later parts or "relax" on
//! to the next, round the figure's poses), so the picture changes only when the phase does. Work the coach does not
//! pace (timed work, reps the person counts) shows the working pose, still.

use crate::training::plan::{Pace, PhaseKind, Stage};

/// The step of the movement to show (an index into the figure's poses, counted round: see
/// `Figure::pose_at`).
pub fn step(kind: PhaseKind, pace: Option<Pace>) -> usize {
    match (kind, pace) {
        (PhaseKind::Work, Some(p)) => {
            let within = match p.stage {
                Stage::Move(0) | Stage::Hold => 0,
                Stage::Move(_) | Stage::Relax => 1,
            };
            (p.rep.max(1) as usize - 1) * 2 + within + 1
        }
        (PhaseKind::Work, None) => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::figure::Figures;
    use crate::program::{Dose, Library};
    use crate::training::plan::{ItemKey, Planned, pace};

    fn steps(id: &str, d: Dose, secs: u32) -> Vec<usize> {
        let planned = Planned {
            key: ItemKey(id.into()),
            block: "b".into(),
            exercise: Library::bundled().get(id).unwrap().clone(),
            dose: d,
            level: 0,
        };
        (0..secs)
            .map(|t| step(PhaseKind::Work, pace(&planned, t)))
            .collect()
    }

    #[test]
    fn tempo_reps_go_to_the_end_pose_and_back_once_a_rep() {
        let d = Dose::Reps {
            sets: 1,
            reps: 2,
            rest: 0,
            tempo: Some(4),
            per_side: false,
        };
        // Sit to stand at 4 s a rep: stand 1 ... sit 3.
        assert_eq!(steps("sit-to-stand", d, 8), [1, 2, 2, 2, 3, 4, 4, 4]);
        let f = Figures::bundled().get("sit-to-stand").unwrap();
        let shown: Vec<_> = steps("sit-to-stand", d, 8)
            .into_iter()
            .map(|s| f.pose_at(s))
            .collect();
        assert_eq!(shown[0], f.end(), "standing up goes to standing");
        assert_eq!(shown[2], f.start(), "sitting down goes back to the chair");
    }

    #[test]
    fn holds_hold_the_second_pose_and_relax_to_the_next() {
        let d = Dose::Holds {
            sets: 1,
            reps: 2,
            hold: 3,
            rest: 0,
            per_side: false,
        };
        let f = Figures::bundled().get("bird-dog").unwrap();
        let shown: Vec<_> = steps("bird-dog", d, 10)
            .into_iter()
            .map(|s| f.pose_at(s))
            .collect();
        // Four poses: table, one side, table, the other side.
        assert_eq!(shown[0], &f.poses[1]);
        assert_eq!(shown[3], &f.poses[2]);
        assert_eq!(shown[5], &f.poses[3]);
    }

    #[test]
    fn the_picture_changes_only_when_the_phase_does() {
        let d = Dose::Reps {
            sets: 1,
            reps: 5,
            rest: 0,
            tempo: Some(6),
            per_side: false,
        };
        let s = steps("sit-to-stand", d, 30);
        let changes = s.windows(2).filter(|w| w[0] != w[1]).count();
        assert_eq!(
            changes, 9,
            "two phases a rep, five reps: nine changes after the first"
        );
    }

    #[test]
    fn outside_work_the_start_pose_shows_and_unpaced_work_holds_still() {
        for kind in [
            PhaseKind::GetReady,
            PhaseKind::Rest,
            PhaseKind::SwitchSides,
            PhaseKind::CheckIn,
        ] {
            assert_eq!(step(kind, None), 0);
        }
        let timed = Dose::Time {
            secs: 60,
            sets: 1,
            rest: 0,
            per_side: false,
        };
        assert!(steps("tandem-stance", timed, 60).iter().all(|&s| s == 1));
    }
}
