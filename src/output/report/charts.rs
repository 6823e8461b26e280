//! The report's charts as inline SVG, drawn with plotters' SVG backend. Each chart is readable
//! printed in black and white: shapes differ by pattern (hatching, cross-hatching, solid),
//! marker (circle, triangle, cross) and label, never by colour alone. Each carries a `<title>`
//! and a `<desc>` (its text alternative; the table beside it holds every figure) and refers to
//! nothing outside the page: the namespace attribute is dropped (inline SVG in HTML needs
//! none) and patterns are `url(#id)` references to the chart's own `<defs>`.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::output::handout::html::escape;

const WIDTH: u32 = 680;
const FONT: &str = "sans-serif";
const GREY: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);
/// Stand-in fills swapped for the chart's patterns after drawing.
const HATCH: RGBColor = RGBColor(0x01, 0x02, 0x03);
const CROSS: RGBColor = RGBColor(0x01, 0x02, 0x04);

/// A chart ready for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Unique in the page: ids inside the SVG start with it.
    pub id: String,
    pub title: String,
    /// The text alternative, in sentences.
    pub desc: String,
    /// The `<svg>` element.
    pub svg: String,
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), String>;

fn draw(id: &str, title: &str, desc: &str, height: u32, f: impl FnOnce(&Area) -> Drawn) -> Chart {
    let mut svg = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|()| f(&root))
            .and_then(|()| root.present().map_err(|e| e.to_string()))
    };
    let svg = match drawn {
        Ok(()) => finish(id, title, desc, &svg),
        // Drawing into a string cannot fail in practice; if it ever does, the table beside
        // the chart still holds every figure.
        Err(e) => format!(
            "<p class=\"no-chart\">The chart could not be drawn ({}); the table below has its figures.</p>",
            escape(&e)
        ),
    };
    Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        desc: desc.to_owned(),
        svg,
    }
}

/// Names the chart for screen readers, adds its patterns, and drops the namespace URL.
fn finish(id: &str, title: &str, desc: &str, svg: &str) -> String {
    let svg = svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    let svg = svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" "),
        1,
    );
    let Some(open_end) = svg.find('>') else {
        return svg;
    };
    let defs = format!(
        "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n<defs>\
         <pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000000\" stroke-width=\"1.5\"/></pattern>\
         <pattern id=\"{id}-cross\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect width=\"6\" height=\"6\" fill=\"#FFFFFF\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000000\" stroke-width=\"1.5\"/>\
         <line x1=\"0\" y1=\"3\" x2=\"6\" y2=\"3\" stroke=\"#000000\" stroke-width=\"1.5\"/></pattern></defs>\n",
        escape(title),
        escape(desc)
    );
    let mut out = String::with_capacity(svg.len() + defs.len());
    out.push_str(&svg[..=open_end]);
    out.push('\n');
    out.push_str(&defs);
    out.push_str(&svg[open_end + 1..]);
    out.replace("fill=\"#010203\"", &format!("fill=\"url(#{id}-hatch)\""))
        .replace("fill=\"#010204\"", &format!("fill=\"url(#{id}-cross)\""))
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// An x axis of `n` slots (weeks) labelled by `labels`: slot `i` spans `i - 0.5..i + 0.5`.
fn slot_label(labels: &[String]) -> impl Fn(&f64) -> String + '_ {
    move |x: &f64| {
        let i = x.round();
        if (x - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// How many x labels fit: about one per 70 pixels.
fn label_count(n: usize) -> usize {
    n.clamp(1, (WIDTH as usize - 80) / 70)
}

type Slots<'c, 'b> = ChartContext<'c, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The frame the week-by-week charts share: `labels.len()` slots along x (`slot_label`), 0 to
/// `top` up, `y_labels` labels (plotters' own count when none) written by `y_label`.
fn slot_chart<'c, 'b>(
    root: &Area<'b>,
    labels: &[String],
    top: f64,
    y_desc: &str,
    y_labels: Option<usize>,
    y_label: &dyn Fn(&f64) -> String,
) -> Result<Slots<'c, 'b>, String> {
    let n = labels.len().max(1);
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(40)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..top)
        .map_err(err)?;
    let x_label = slot_label(labels);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .x_labels(label_count(n))
        .x_label_formatter(&x_label)
        .y_label_formatter(y_label)
        .y_desc(y_desc)
        .label_style((FONT, 12))
        .light_line_style(WHITE);
    if let Some(count) = y_labels {
        mesh.y_labels(count);
    }
    mesh.draw().map_err(err)?;
    Ok(chart)
}

/// Sessions done each week (grey bars, outlined) against the plan (a thick black line).
pub fn adherence(
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    done: &[u32],
    planned: &[Option<u32>],
) -> Chart {
    let top = done
        .iter()
        .copied()
        .chain(planned.iter().flatten().copied())
        .max()
        .unwrap_or(1)
        .max(1) as f64
        + 1.0;
    draw(id, title, desc, 240, |root| {
        let mut chart = slot_chart(
            root,
            labels,
            top,
            "sessions",
            Some(top as usize + 1),
            &|y| format!("{y:.0}"),
        )?;
        let bar = |i: usize, v: f64| [(i as f64 - 0.35, 0.0), (i as f64 + 0.35, v)];
        chart
            .draw_series(
                done.iter()
                    .enumerate()
                    .map(|(i, &d)| Rectangle::new(bar(i, d as f64), GREY.filled())),
            )
            .map_err(err)?
            .label("done")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], GREY.filled()));
        chart
            .draw_series(
                done.iter()
                    .enumerate()
                    .map(|(i, &d)| Rectangle::new(bar(i, d as f64), BLACK.stroke_width(1))),
            )
            .map_err(err)?;
        chart
            .draw_series(planned.iter().enumerate().filter_map(|(i, p)| {
                p.map(|p| {
                    PathElement::new(
                        vec![(i as f64 - 0.45, p as f64), (i as f64 + 0.45, p as f64)],
                        BLACK.stroke_width(3),
                    )
                })
            }))
            .map_err(err)?
            .label("planned")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 12, y)], BLACK.stroke_width(3)));
        legend(&mut chart)
    })
}

fn legend<'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, Cartesian2d<X, Y>>,
) -> Drawn {
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE)
        .border_style(BLACK)
        .label_font((FONT, 12))
        .draw()
        .map_err(err)
}

/// An exercise's level at each session, as steps with a circle per session.
pub fn levels(
    id: &str,
    title: &str,
    desc: &str,
    points: &[(i64, u32)],
    since: i64,
    until: i64,
    date: &dyn Fn(i64) -> String,
) -> Chart {
    let top = points.iter().map(|p| p.1).max().unwrap_or(0) as f64 + 1.0;
    draw(id, title, desc, 170, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .x_label_area_size(26)
            .y_label_area_size(40)
            .build_cartesian_2d(since as f64 - 0.5..until as f64 + 0.5, 0f64..top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(6)
            .x_label_formatter(&|x| date(x.round() as i64))
            .y_labels(top as usize + 1)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .y_desc("level")
            .label_style((FONT, 12))
            .light_line_style(WHITE)
            .draw()
            .map_err(err)?;
        let mut steps = Vec::new();
        for (i, &(d, l)) in points.iter().enumerate() {
            steps.push((d as f64, l as f64));
            let next = points.get(i + 1).map_or(d, |p| p.0);
            steps.push((next as f64, l as f64));
        }
        chart
            .draw_series(LineSeries::new(steps, BLACK.stroke_width(2)))
            .map_err(err)?;
        chart
            .draw_series(
                points
                    .iter()
                    .map(|&(d, l)| Circle::new((d as f64, l as f64), 3, BLACK.filled())),
            )
            .map_err(err)?;
        Ok(())
    })
}

/// Check-ins each week, stacked by how they felt: fine (white), mild ache (hatched), sore
/// (cross-hatched), sharp (solid black).
pub fn check_ins(
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    counts: &[[u32; 4]],
) -> Chart {
    let top = counts
        .iter()
        .map(|c| c.iter().sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1) as f64
        * 1.35;
    draw(id, title, desc, 260, |root| {
        let mut chart = slot_chart(root, labels, top, "check-ins", None, &|y| format!("{y:.0}"))?;
        let fills = [
            WHITE.filled(),
            HATCH.filled(),
            CROSS.filled(),
            BLACK.filled(),
        ];
        let names = [
            "fine or muscles working",
            "mild ache",
            "stronger soreness",
            "sharp pain",
        ];
        for (k, (fill, name)) in fills.into_iter().zip(names).enumerate() {
            let rects: Vec<_> = counts
                .iter()
                .enumerate()
                .filter(|(_, c)| c[k] > 0)
                .map(|(i, c)| {
                    let below: u32 = c[..k].iter().sum();
                    [
                        (i as f64 - 0.35, below as f64),
                        (i as f64 + 0.35, (below + c[k]) as f64),
                    ]
                })
                .collect();
            chart
                .draw_series(rects.iter().map(|&r| Rectangle::new(r, fill)))
                .map_err(err)?
                .label(name)
                .legend(move |(x, y)| {
                    // White needs its outline to show in the legend.
                    let style = if k == 0 { BLACK.stroke_width(1) } else { fill };
                    Rectangle::new([(x, y - 5), (x + 12, y + 5)], style)
                });
            chart
                .draw_series(
                    rects
                        .iter()
                        .map(|&r| Rectangle::new(r, BLACK.stroke_width(1))),
                )
                .map_err(err)?;
        }
        legend(&mut chart)
    })
}

/// The mean effort each week (a line with circles), the 5-8 aimed at in resistance work (a
/// hatched band), and the weeks with sharp pain (triangles) and red flags (crosses) on top.
pub fn effort(
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    effort: &[Option<f64>],
    sharp: &[bool],
    red: &[bool],
) -> Chart {
    let n = labels.len().max(1);
    draw(id, title, desc, 280, |root| {
        let mut chart = slot_chart(root, labels, 13.5, "effort (0-10)", Some(6), &|y| {
            if *y <= 10.0 {
                format!("{y:.0}")
            } else {
                String::new()
            }
        })?;
        chart
            .draw_series([Rectangle::new(
                [(-0.5, 5.0), (n as f64 - 0.5, 8.0)],
                HATCH.filled(),
            )])
            .map_err(err)?
            .label("resistance aims at 5-8")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], HATCH.filled()));
        // The line breaks across weeks without check-ins.
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut runs = Vec::new();
        for (i, e) in effort.iter().enumerate() {
            match e {
                Some(v) => run.push((i as f64, *v)),
                None => runs.push(std::mem::take(&mut run)),
            }
        }
        runs.push(run);
        for r in runs.into_iter().filter(|r| r.len() > 1) {
            chart
                .draw_series(LineSeries::new(r, BLACK.stroke_width(2)))
                .map_err(err)?;
        }
        chart
            .draw_series(
                effort
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| e.map(|v| Circle::new((i as f64, v), 4, BLACK.filled()))),
            )
            .map_err(err)?
            .label("mean effort")
            .legend(|(x, y)| Circle::new((x + 6, y), 4, BLACK.filled()));
        chart
            .draw_series(
                sharp
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| **s)
                    .map(|(i, _)| TriangleMarker::new((i as f64, 11.0), 7, BLACK.filled())),
            )
            .map_err(err)?
            .label("sharp pain that week")
            .legend(|(x, y)| TriangleMarker::new((x + 6, y), 7, BLACK.filled()));
        chart
            .draw_series(
                red.iter()
                    .enumerate()
                    .filter(|(_, r)| **r)
                    .map(|(i, _)| Cross::new((i as f64, 12.4), 6, BLACK.stroke_width(3))),
            )
            .map_err(err)?
            .label("red flag that week")
            .legend(|(x, y)| Cross::new((x + 6, y), 6, BLACK.stroke_width(3)));
        legend(&mut chart)
    })
}

/// What a trend chart draws besides the results.
pub struct Guides {
    /// The norm for the person's age: a hatched band.
    pub band: Option<(f64, f64, String)>,
    /// A flag cut-off: a dashed line.
    pub cutoff: Option<(f64, String)>,
}

/// A test's results over time, each labelled with its value, against the norm band and the
/// flag cut-off.
pub fn trend(
    id: &str,
    title: &str,
    desc: &str,
    points: &[(i64, f64)],
    guides: &Guides,
    unit: &str,
    date: &dyn Fn(i64) -> String,
) -> Chart {
    let (first, last) = match (points.first(), points.last()) {
        (Some(f), Some(l)) => (f.0, l.0),
        _ => (0, 1),
    };
    let pad = ((last - first) / 10).max(7);
    let (x0, x1) = ((first - pad) as f64, (last + pad) as f64);
    let mut ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    if let Some((lo, hi, _)) = &guides.band {
        ys.extend([*lo, *hi]);
    }
    if let Some((c, _)) = &guides.cutoff {
        ys.push(*c);
    }
    if ys.is_empty() {
        ys.push(0.0);
    }
    let lo = ys.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = (hi - lo).max(1.0);
    let (y0, y1) = ((lo - span * 0.25).max(0.0), hi + span * 0.45);
    draw(id, title, desc, 240, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(48)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(5)
            .x_label_formatter(&|x| date(x.round() as i64))
            .y_labels(6)
            .y_desc(unit)
            .label_style((FONT, 12))
            .light_line_style(WHITE)
            .draw()
            .map_err(err)?;
        if let Some((lo, hi, label)) = &guides.band {
            let (lo, hi) = if lo == hi {
                (lo - span * 0.01, hi + span * 0.01)
            } else {
                (*lo, *hi)
            };
            chart
                .draw_series([Rectangle::new([(x0, lo), (x1, hi)], HATCH.filled())])
                .map_err(err)?
                .label(label.clone())
                .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], HATCH.filled()));
        }
        if let Some((c, label)) = &guides.cutoff {
            chart
                .draw_series(DashedLineSeries::new(
                    [(x0, *c), (x1, *c)],
                    8,
                    5,
                    BLACK.stroke_width(2),
                ))
                .map_err(err)?
                .label(label.clone())
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 5, y)], BLACK.stroke_width(2)));
        }
        let line: Vec<(f64, f64)> = points.iter().map(|&(d, v)| (d as f64, v)).collect();
        chart
            .draw_series(LineSeries::new(line.clone(), BLACK.stroke_width(2)))
            .map_err(err)?;
        chart
            .draw_series(line.iter().map(|&p| Circle::new(p, 4, BLACK.filled())))
            .map_err(err)?
            .label("result")
            .legend(|(x, y)| Circle::new((x + 6, y), 4, BLACK.filled()));
        chart
            .draw_series(line.iter().map(|&(x, y)| {
                Text::new(
                    crate::assess::one_decimal(y),
                    (x, y + span * 0.12),
                    (FONT, 12)
                        .into_font()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }))
            .map_err(err)?;
        legend(&mut chart)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_names_itself_has_its_patterns_and_no_namespace_url() {
        let labels: Vec<String> = ["1 Dec", "8 Dec"].map(String::from).to_vec();
        let c = check_ins(
            "c1",
            "Check-ins <per> week",
            "Two weeks & more.",
            &labels,
            &[[3, 1, 1, 0], [2, 0, 0, 1]],
        );
        assert!(
            c.svg
                .starts_with("<svg role=\"img\" aria-labelledby=\"c1-title c1-desc\""),
            "{}",
            &c.svg[..80]
        );
        assert!(
            c.svg
                .contains("<title id=\"c1-title\">Check-ins &lt;per&gt; week</title>")
        );
        assert!(
            c.svg
                .contains("<desc id=\"c1-desc\">Two weeks &amp; more.</desc>")
        );
        assert!(c.svg.contains("fill=\"url(#c1-hatch)\""));
        assert!(c.svg.contains("fill=\"url(#c1-cross)\""));
        assert!(!c.svg.contains("http"));
        assert!(!c.svg.contains("#010203"));
        assert!(
            c.svg.contains(">\nsharp pain\n</text>"),
            "the legend names each pattern"
        );
    }

    #[test]
    fn every_chart_draws_with_empty_and_single_data() {
        let date = |d: i64| d.to_string();
        let none: Vec<String> = Vec::new();
        for c in [
            adherence("a", "t", "d", &none, &[], &[]),
            levels("b", "t", "d", &[], 0, 0, &date),
            levels("b2", "t", "d", &[(5, 2)], 5, 5, &date),
            check_ins("c", "t", "d", &none, &[]),
            effort("e", "t", "d", &none, &[], &[], &[]),
            trend(
                "f",
                "t",
                "d",
                &[],
                &Guides {
                    band: None,
                    cutoff: None,
                },
                "s",
                &date,
            ),
            trend(
                "g",
                "t",
                "d",
                &[(3, 17.2)],
                &Guides {
                    band: Some((17.2, 17.2, "average".into())),
                    cutoff: Some((5.0, "flag".into())),
                },
                "s",
                &date,
            ),
        ] {
            assert!(c.svg.starts_with("<svg "), "{}: {}", c.id, c.svg);
            assert!(c.svg.trim_end().ends_with("</svg>"), "{}", c.id);
        }
    }
}
