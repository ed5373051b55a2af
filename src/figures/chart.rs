//! The record as a picture: answer time by month for the last 12 months (median and 90th
//! percentile, unanswered invitations as their own mark) and the next steps open, done and
//! overdue — drawn on the server as SVG, with a sentence and a table saying the same.
//!
//! The month's figures are the response record's ([`crate::invitations::record`]), read in
//! the same statement: the same invitations, timed the same way, grouped by the Copenhagen
//! month they were sent in. The SVG carries classes and presentation attributes only (the CSP
//! forbids `style`), and a viewBox, so it scales to any width and the stylesheet colours it in
//! high contrast.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;

use crate::agreements::shown::Followed;
use crate::invitations::record::duration_text;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::web::i18n::{Locale, Tr, push_number};

/// One month's figures, as the SQL computes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthFigures {
    pub month: NaiveDate,
    pub counted: i64,
    pub replied: i64,
    pub unanswered: i64,
    /// Seconds; infinite when unanswered ones decide it; `None` with no data.
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

/// The first day of the month, 11 months before the Copenhagen month of `now`.
pub fn first_month(now: DateTime<Utc>) -> NaiveDate {
    let local = now.with_timezone(&Copenhagen).date_naive();
    let this = local.with_day(1).unwrap_or(local);
    this.checked_sub_months(Months::new(11)).unwrap_or(this)
}

/// The twelve months ending with the one of `now`, from the record's months
/// ([`crate::invitations::record::record_with_months`]): a month without invitations is
/// there, with nothing counted.
pub fn twelve(now: DateTime<Utc>, rows: &[MonthFigures]) -> Vec<MonthFigures> {
    let first = first_month(now);
    (0..12)
        .map(|n| {
            let month = first.checked_add_months(Months::new(n)).unwrap_or(first);
            rows.iter()
                .find(|r| r.month == month)
                .cloned()
                .unwrap_or(MonthFigures {
                    month,
                    ..MonthFigures::default()
                })
        })
        .collect()
}

/// A bar: where it stands and how tall; `silent` when unanswered invitations decide it.
pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub height: i64,
    pub silent: bool,
}

/// One month as drawn and as a table row.
pub struct Month {
    /// "jan." under the bars; "januar 2026" in the table.
    pub short: String,
    pub long: String,
    pub x: i64,
    pub median: Option<Bar>,
    pub p90: Option<Bar>,
    pub figures: MonthFigures,
    pub median_text: String,
    pub p90_text: String,
}

/// A line of the value axis.
pub struct Tick {
    pub y: i64,
    pub label: String,
}

/// A stretch of the next steps' bar.
pub struct Segment {
    pub class: &'static str,
    pub x: i64,
    pub width: i64,
    pub count: i64,
    pub label: String,
}

/// The charts with their sentence and table.
pub struct Chart {
    pub months: Vec<Month>,
    pub ticks: Vec<Tick>,
    pub summary: String,
    pub any: bool,
    pub steps: Vec<Segment>,
    pub steps_any: bool,
}

// The drawing's coordinates: the viewBox is 720 × 300, the plot 60–710 wide and 20–240 high.
const LEFT: i64 = 60;
const SLOT: i64 = 54;
const TOP: i64 = 20;
const BOTTOM: i64 = 240;
const STEPS_WIDTH: i64 = 700;

/// The height in the drawing of `days` when the axis goes to `max` days.
fn scaled(days: f64, max: f64) -> i64 {
    ((days / max) * (BOTTOM - TOP) as f64).round() as i64
}

fn bar(secs: Option<f64>, x: i64, max_days: f64) -> Option<Bar> {
    let secs = secs?;
    let (height, silent) = if secs.is_infinite() {
        (BOTTOM - TOP, true)
    } else {
        (scaled(secs / 86_400.0, max_days).max(2), false)
    };
    Some(Bar {
        x,
        y: BOTTOM - height,
        height,
        silent,
    })
}

/// The axis' top: the slowest finite time, in whole days (at least one).
fn axis_days(months: &[MonthFigures]) -> f64 {
    let slowest = months
        .iter()
        .flat_map(|m| [m.median, m.p90])
        .flatten()
        .filter(|s| s.is_finite())
        .fold(0.0_f64, f64::max);
    (slowest / 86_400.0).ceil().max(1.0)
}

/// What decides a chart: the language, each month's figures (the times by their bits, so that
/// two keys are equal only when every input is) and the next steps' counts.
type Key = (
    Locale,
    Vec<(NaiveDate, [i64; 3], [Option<u64>; 2])>,
    [i64; 3],
);

impl Chart {
    /// The chart of `figures` and `steps` in `tr`'s language, as [`Chart::draw`] draws it, drawn
    /// once per worker thread for the same inputs: the same record gives the same chart until a
    /// figure moves, and its 26 answer times, 12 month names and its summary through Fluent
    /// were ~40,000 instructions a page (bench/README.md). A thread keeps at most 256 charts
    /// and starts afresh past that.
    pub fn new(tr: &Tr, figures: Vec<MonthFigures>, steps: &Followed) -> Arc<Chart> {
        const KEPT: usize = 256;
        thread_local! {
            static DRAWN: RefCell<HashMap<Key, Arc<Chart>>> = RefCell::new(HashMap::new());
        }
        let key: Key = (
            tr.locale,
            figures
                .iter()
                .map(|m| {
                    (
                        m.month,
                        [m.counted, m.replied, m.unanswered],
                        [m.median.map(f64::to_bits), m.p90.map(f64::to_bits)],
                    )
                })
                .collect(),
            [steps.open, steps.done, steps.overdue],
        );
        if let Some(chart) = DRAWN.with(|drawn| drawn.borrow().get(&key).cloned()) {
            return chart;
        }
        let chart = Arc::new(Chart::draw(tr, figures, steps));
        DRAWN.with(|drawn| {
            let mut drawn = drawn.borrow_mut();
            if drawn.len() >= KEPT {
                drawn.clear();
            }
            drawn.insert(key, chart.clone());
        });
        chart
    }

    /// The chart drawn afresh.
    pub fn draw(tr: &Tr, figures: Vec<MonthFigures>, steps: &Followed) -> Chart {
        let max = axis_days(&figures);
        let months: Vec<Month> = figures
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                let x = LEFT + i as i64 * SLOT;
                // The month's name as the dates have it (`month-N`, read once per language):
                // looking the key up anew and formatting with `format!` was a third of the
                // chart's work, twelve times a page.
                let name = tr.month(f.month.month());
                let mut long = String::with_capacity(name.len() + 5);
                long.push_str(name);
                long.push(' ');
                push_number(&mut long, f.month.year().unsigned_abs(), 1);
                Month {
                    short: name.chars().take(3).collect(),
                    long,
                    x,
                    median: bar(f.median, x + 8, max),
                    p90: bar(f.p90, x + 28, max),
                    median_text: duration_text(tr, f.median),
                    p90_text: duration_text(tr, f.p90),
                    figures: f,
                }
            })
            .collect();
        let ticks = [0.0, max / 2.0, max]
            .iter()
            .map(|d| Tick {
                y: BOTTOM - scaled(*d, max),
                label: if *d == 0.0 {
                    "0".to_string()
                } else {
                    duration_text(tr, Some(d * 86_400.0))
                },
            })
            .collect();
        let counted: i64 = months.iter().map(|m| m.figures.counted).sum();
        let unanswered: i64 = months.iter().map(|m| m.figures.unanswered).sum();
        // Months timed by a reply: a month that silence decides is neither fastest nor slowest.
        let timed = months
            .iter()
            .filter(|m| m.figures.median.is_some_and(f64::is_finite));
        let fastest = timed.clone().min_by(|a, b| {
            a.figures
                .median
                .partial_cmp(&b.figures.median)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let slowest = timed.max_by(|a, b| {
            a.figures
                .median
                .partial_cmp(&b.figures.median)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let summary = match (fastest, slowest) {
            (Some(f), Some(s)) => tr.t_args(
                "fig-chart-summary",
                &[
                    ("counted", counted.into()),
                    ("fastest", f.long.clone().into()),
                    ("fastest_time", f.median_text.clone().into()),
                    ("slowest", s.long.clone().into()),
                    ("slowest_time", s.median_text.clone().into()),
                    ("unanswered", unanswered.into()),
                ],
            ),
            _ if counted > 0 => tr.t_args(
                "fig-chart-summary-silent",
                &[
                    ("counted", counted.into()),
                    ("unanswered", unanswered.into()),
                ],
            ),
            _ => tr.t("fig-chart-empty"),
        };
        Chart {
            any: counted > 0,
            steps: segments(tr, steps),
            steps_any: steps.open + steps.done > 0,
            months,
            ticks,
            summary,
        }
    }
}

/// Done, open in time and overdue, side by side in one bar as wide as all of them.
fn segments(tr: &Tr, steps: &Followed) -> Vec<Segment> {
    let total = (steps.open + steps.done).max(1);
    let mut x = 10;
    [
        ("steps-done", steps.done, "fig-steps-done"),
        ("steps-open", steps.open - steps.overdue, "fig-steps-open"),
        ("steps-overdue", steps.overdue, "fig-steps-overdue"),
    ]
    .into_iter()
    .map(|(class, count, label)| {
        let width = count * STEPS_WIDTH / total;
        let s = Segment {
            class,
            x,
            width,
            count,
            label: tr.count(label, count),
        };
        x += width;
        s
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn the_twelve_months_end_with_the_copenhagen_month_of_now() {
        // 23:30 UTC on 31 December is already January in Copenhagen.
        assert_eq!(
            first_month(at("2026-12-31T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
        );
        assert_eq!(
            first_month(at("2026-12-12T09:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
        );
    }

    #[test]
    fn bars_scale_to_the_slowest_time_and_silence_fills_the_height() {
        let month = |median: f64, p90: f64| MonthFigures {
            month: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            counted: 5,
            replied: 4,
            unanswered: 1,
            median: Some(median),
            p90: Some(p90),
        };
        let figures = vec![
            month(3.0 * 86_400.0, f64::INFINITY),
            month(86_400.0, 4.0 * 86_400.0),
        ];
        assert_eq!(axis_days(&figures), 4.0);
        let tr = Tr::new(Locale::Da);
        let chart = Chart::new(&tr, figures, &Followed::default());
        let first = &chart.months[0];
        assert_eq!(first.short, "dec");
        let median = first.median.as_ref().unwrap();
        assert_eq!(
            (median.height, median.silent),
            (165, false),
            "3 of 4 days of 220"
        );
        let p90 = first.p90.as_ref().unwrap();
        assert_eq!((p90.y, p90.height, p90.silent), (TOP, 220, true));
        assert_eq!(first.p90_text, "ikke besvaret");
        assert!(chart.summary.contains("december 2026"), "{}", chart.summary);
    }

    /// Everything a chart shows, as text, to compare two charts.
    fn shown(c: &Chart) -> String {
        let mut out = format!(
            "{}|{}|{}|{}\n",
            c.summary,
            c.any,
            c.steps_any,
            c.months.len()
        );
        for m in &c.months {
            let bar = |b: &Option<Bar>| b.as_ref().map(|b| (b.x, b.y, b.height, b.silent));
            out += &format!(
                "{}|{}|{}|{:?}|{:?}|{:?}|{}|{}\n",
                m.short,
                m.long,
                m.x,
                bar(&m.median),
                bar(&m.p90),
                m.figures,
                m.median_text,
                m.p90_text
            );
        }
        for t in &c.ticks {
            out += &format!("{}|{}\n", t.y, t.label);
        }
        for s in &c.steps {
            out += &format!("{}|{}|{}|{}|{}\n", s.class, s.x, s.width, s.count, s.label);
        }
        out
    }

    #[test]
    fn a_kept_chart_is_the_chart_drawn_afresh_for_the_same_figures_only() {
        let now = at("2026-12-07T07:30:00Z");
        let month = |n: u32, median: Option<f64>, p90: Option<f64>| MonthFigures {
            month: NaiveDate::from_ymd_opt(2026, n, 1).unwrap(),
            counted: i64::from(n) * 3,
            replied: i64::from(n) * 2,
            unanswered: i64::from(n % 3),
            median,
            p90,
        };
        let rows = vec![
            month(2, Some(3_600.0), Some(90_000.0)),
            month(5, Some(200_000.5), Some(f64::INFINITY)),
            month(11, None, None),
            month(12, Some(86_400.0 * 4.25), Some(86_400.0 * 9.0)),
        ];
        let steps = Followed {
            open: 4,
            done: 2,
            overdue: 1,
            ..Followed::default()
        };
        for locale in Locale::ALL {
            let tr = Tr::new(locale);
            let kept = Chart::new(&tr, twelve(now, &rows), &steps);
            let again = Chart::new(&tr, twelve(now, &rows), &steps);
            assert!(Arc::ptr_eq(&kept, &again), "the second is the kept one");
            assert_eq!(
                shown(&kept),
                shown(&Chart::draw(&tr, twelve(now, &rows), &steps))
            );
            // One figure moved, or the steps, or the language: another chart.
            let mut moved = rows.clone();
            moved[1].median = Some(200_000.25);
            let other = Chart::new(&tr, twelve(now, &moved), &steps);
            assert_eq!(
                shown(&other),
                shown(&Chart::draw(&tr, twelve(now, &moved), &steps))
            );
            assert_ne!(shown(&other), shown(&kept));
            let fewer = Followed {
                open: 4,
                done: 1,
                overdue: 1,
                ..Followed::default()
            };
            let other = Chart::new(&tr, twelve(now, &rows), &fewer);
            assert_eq!(
                shown(&other),
                shown(&Chart::draw(&tr, twelve(now, &rows), &fewer))
            );
        }
        let da = Chart::new(&Tr::new(Locale::Da), twelve(now, &rows), &steps);
        let en = Chart::new(&Tr::new(Locale::En), twelve(now, &rows), &steps);
        assert_ne!(da.summary, en.summary);
    }

    #[test]
    fn the_next_steps_bar_splits_done_open_and_overdue() {
        let steps = Followed {
            open: 3,
            done: 1,
            overdue: 1,
            ..Followed::default()
        };
        let tr = Tr::new(Locale::Da);
        let s = segments(&tr, &steps);
        let widths: Vec<(i64, i64)> = s.iter().map(|s| (s.count, s.width)).collect();
        assert_eq!(widths, [(1, 175), (2, 350), (1, 175)]);
        assert_eq!(s[2].x, 10 + 175 + 350);
    }
}
