//! Progress ladders: the doses an item climbs through, from the file's start dose (level 0)
//! up its `progress` steps. Pure: which level a person is at comes from the journal.

use crate::program::{Catalog, Dose, Item, Step, dose};

/// One rung of an item's ladder: which exercise, at what dose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rung {
    pub exercise: String,
    pub dose: Dose,
}

/// Every rung of the item's ladder, level 0 first. Steps are climbed in order: a step applies
/// until its cap is reached, then the next takes over; `Harder` switches to the harder variant
/// and restarts from the item's first dose. Steps the checker would refuse add no rungs.
pub fn ladder(item: &Item, catalog: &Catalog) -> Vec<Rung> {
    let mut rung = Rung {
        exercise: item.exercise.clone(),
        dose: item.dose,
    };
    let mut rungs = vec![rung.clone()];
    for step in &item.progress {
        loop {
            let next = match *step {
                Step::Harder => {
                    let harder = catalog.get(&rung.exercise).and_then(|e| e.harder.clone());
                    match harder {
                        Some(h) if catalog.get(&h).is_some() => Some(Rung {
                            exercise: h,
                            dose: item.dose,
                        }),
                        _ => None,
                    }
                }
                _ => climb(rung.dose, *step).map(|dose| Rung {
                    exercise: rung.exercise.clone(),
                    dose,
                }),
            };
            match next {
                Some(n) => {
                    rung = n;
                    rungs.push(rung.clone());
                    if matches!(step, Step::Harder) {
                        break;
                    }
                }
                None => break,
            }
        }
    }
    rungs
}

/// The dose one step further up, or `None` when the step is at its cap (or does not fit).
fn climb(dose: Dose, step: Step) -> Option<Dose> {
    fn bump(value: &mut u32, by: u32, cap: u32, max: u32) -> bool {
        let cap = cap.min(max);
        if by == 0 || *value >= cap {
            return false;
        }
        *value = (*value + by).min(cap);
        true
    }
    let mut next = dose;
    let moved = match (step, &mut next) {
        (Step::AddReps { step, up_to }, Dose::Reps { reps, .. } | Dose::Holds { reps, .. }) => {
            bump(reps, step, up_to, *dose::REPS.end())
        }
        (Step::AddTime { step, up_to }, Dose::Time { secs, .. }) => {
            bump(secs, step, up_to, *dose::SECS.end())
        }
        (Step::AddTime { step, up_to }, Dose::Holds { hold, .. }) => {
            bump(hold, step, up_to, *dose::HOLD.end())
        }
        (
            Step::AddSets { up_to },
            Dose::Reps { sets, .. } | Dose::Holds { sets, .. } | Dose::Time { sets, .. },
        ) => bump(sets, 1, up_to, *dose::SETS.end()),
        _ => false,
    };
    moved.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{Item, Library};

    fn item(dose: Dose, progress: Vec<Step>) -> Item {
        Item {
            exercise: "sit-to-stand".into(),
            dose,
            progress,
        }
    }

    const REPS: Dose = Dose::Reps {
        sets: 2,
        reps: 8,
        rest: 60,
        tempo: Some(4),
        per_side: false,
    };

    #[test]
    fn steps_are_climbed_in_order_until_each_cap() {
        let lib = Library::bundled();
        let cat = Catalog::new(lib, &[]);
        let i = item(
            REPS,
            vec![
                Step::AddReps { step: 2, up_to: 11 },
                Step::AddSets { up_to: 3 },
                Step::Harder,
            ],
        );
        let rungs = ladder(&i, &cat);
        let shape: Vec<(String, u32, u32)> = rungs
            .iter()
            .map(|r| (r.exercise.clone(), r.dose.sets(), r.dose.reps().unwrap()))
            .collect();
        let harder = lib.get("sit-to-stand").unwrap().harder.clone().unwrap();
        assert_eq!(
            shape,
            vec![
                ("sit-to-stand".into(), 2, 8),
                ("sit-to-stand".into(), 2, 10),
                ("sit-to-stand".into(), 2, 11),
                ("sit-to-stand".into(), 3, 11),
                (harder, 2, 8),
            ]
        );
    }

    #[test]
    fn holds_grow_their_hold_and_time_its_seconds() {
        let cat = Catalog::new(Library::bundled(), &[]);
        let holds = Dose::Holds {
            sets: 1,
            reps: 5,
            hold: 3,
            rest: 0,
            per_side: false,
        };
        let rungs = ladder(
            &item(holds, vec![Step::AddTime { step: 1, up_to: 5 }]),
            &cat,
        );
        let holds: Vec<u32> = rungs
            .iter()
            .map(|r| match r.dose {
                Dose::Holds { hold, .. } => hold,
                _ => 0,
            })
            .collect();
        assert_eq!(holds, vec![3, 4, 5]);
        let time = Dose::Time {
            secs: 30,
            sets: 1,
            rest: 0,
            per_side: true,
        };
        let rungs = ladder(
            &item(
                time,
                vec![Step::AddTime {
                    step: 15,
                    up_to: 50,
                }],
            ),
            &cat,
        );
        assert_eq!(rungs.len(), 3);
        assert_eq!(rungs[2].dose.work_secs(), 50);
    }

    #[test]
    fn a_ladder_without_steps_has_one_rung_and_bad_steps_add_none() {
        let cat = Catalog::new(Library::bundled(), &[]);
        assert_eq!(ladder(&item(REPS, vec![]), &cat).len(), 1);
        let bad = vec![
            Step::AddTime { step: 1, up_to: 9 },
            Step::AddReps { step: 0, up_to: 12 },
            Step::AddReps { step: 1, up_to: 5 },
        ];
        assert_eq!(ladder(&item(REPS, bad), &cat).len(), 1);
    }
}
