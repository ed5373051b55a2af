//! The response record computed on the server from the months the database keeps
//! (`record_months`, migration 0096), read by `record_kept_read` (0097, 0100): the record's CSV
//! reads it so. `record_columns` did the same arithmetic in SQL, in a statement whose fixed work
//! was most of its cost; here PostgreSQL only reads ~13 kept rows (no line of `record_lines`),
//! and the sums, the binary searches and the percentiles are a few µs of Rust.
//!
//! Every figure is `record_figures`' (0064), the record's reference, which `record_kept::`
//! compares with this at every clock where a figure changes:
//! - a whole month's counts are kept as they are; "unanswered" is its unreplied lines whose
//!   salon started by `now`, "open now" its waiting lines whose salon is after `now` (their
//!   starts are kept sorted: a binary search each);
//! - "open over 14 days" is a whole month's "open now" when the month ended by now − 14 days,
//!   none when it began after, and for the one month holding now − 14 days its kept lines'
//!   count: waiting, sent before now − 14 days, their salon after `now`;
//! - the period's first, partial month (the 12 months start at `now`'s second) comes as its
//!   kept lines, those sent after `since` decided one by one as `record_figures` decides them;
//! - the median and p90 are `percentile_disc`'s: position k = ⌈p·n⌉ in the reply times sorted,
//!   n = replies + unanswered, the unanswered slower than any reply — "unanswered" when k
//!   falls among them.

use chrono::{DateTime, Duration, DurationRound, Utc};
use sqlx::error::BoxDynError;
use sqlx::postgres::types::PgRecordDecoder;
use sqlx::postgres::{PgTypeInfo, PgValueRef};
use sqlx::{Decode, Postgres, Type};

use crate::figures::arrays::Array;
use crate::invitations::record::Record;

/// `record_kept_read`'s value (migrations 0097, 0100): the period's kept months as parallel
/// arrays (the first the partial one when it began by `since`), their sorted arrays
/// concatenated with each month's length, the lines of the partial month and of the month
/// holding now − 14 days likewise, and the counts the months cannot give. An empty aggregate is NULL: `None`, read as empty.
#[derive(Debug, Default)]
pub struct KeptRead {
    pub month_start: Option<Array<Option<DateTime<Utc>>>>,
    pub month_end: Option<Array<Option<DateTime<Utc>>>>,
    pub counted: Option<Array<Option<i64>>>,
    pub replied: Option<Array<Option<i64>>>,
    pub accepted: Option<Array<Option<i64>>>,
    pub declined: Option<Array<Option<i64>>>,
    pub proposed: Option<Array<Option<i64>>>,
    pub by_email: Option<Array<Option<i64>>>,
    pub typed: Option<Array<Option<i64>>>,
    pub secs: Option<Array<Option<f64>>>,
    pub unreplied_starts: Option<Array<Option<DateTime<Utc>>>>,
    pub unreplied_len: Option<Array<Option<i64>>>,
    pub waiting_starts: Option<Array<Option<DateTime<Utc>>>>,
    pub waiting_len: Option<Array<Option<i64>>>,
    pub line_sent: Option<Array<Option<DateTime<Utc>>>>,
    pub line_starts: Option<Array<Option<DateTime<Utc>>>>,
    pub line_secs: Option<Array<Option<f64>>>,
    pub line_flags: Option<Array<Option<i64>>>,
    pub line_len: Option<Array<Option<i64>>>,
    pub decisions: Option<i64>,
    pub decisions_with_salons: Option<i64>,
    pub passed_on: Option<i64>,
}

impl Type<Postgres> for KeptRead {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("record_kept_read")
    }
}

/// Read by position, field after field; each array by [`Array`]'s loop over its binary form.
impl<'r> Decode<'r, Postgres> for KeptRead {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        let mut d = PgRecordDecoder::new(value)?;
        Ok(KeptRead {
            month_start: d.try_decode()?,
            month_end: d.try_decode()?,
            counted: d.try_decode()?,
            replied: d.try_decode()?,
            accepted: d.try_decode()?,
            declined: d.try_decode()?,
            proposed: d.try_decode()?,
            by_email: d.try_decode()?,
            typed: d.try_decode()?,
            secs: d.try_decode()?,
            unreplied_starts: d.try_decode()?,
            unreplied_len: d.try_decode()?,
            waiting_starts: d.try_decode()?,
            waiting_len: d.try_decode()?,
            line_sent: d.try_decode()?,
            line_starts: d.try_decode()?,
            line_secs: d.try_decode()?,
            line_flags: d.try_decode()?,
            line_len: d.try_decode()?,
            decisions: d.try_decode()?,
            decisions_with_salons: d.try_decode()?,
            passed_on: d.try_decode()?,
        })
    }
}

/// A kept line's booleans, as `record_months` packs them.
const ACCEPTED: i64 = 1;
const DECLINED: i64 = 2;
const PROPOSED: i64 = 4;
const WAITING: i64 = 8;
const BY_EMAIL: i64 = 16;
const TYPED: i64 = 32;

fn all<T: Copy>(a: &Option<Array<Option<T>>>) -> &[Option<T>] {
    a.as_ref().map_or(&[], |a| a.0.as_slice())
}

fn at<T: Copy + Default>(a: &[Option<T>], i: usize) -> T {
    a.get(i).copied().flatten().unwrap_or_default()
}

/// `percentile_disc(p)` over `replied` sorted reply times and `unanswered` slower ones, with
/// PostgreSQL's position ⌈p·n⌉ in the same float arithmetic.
fn percentile(p: f64, sorted: &[f64], replied: i64, unanswered: i64) -> Option<f64> {
    let n = replied + unanswered;
    if n == 0 {
        return None;
    }
    let k = (p * n as f64).ceil().max(1.0) as i64;
    if k > replied {
        return Some(f64::INFINITY);
    }
    sorted.get((k - 1) as usize).copied()
}

impl KeptRead {
    /// The record of the period from `since` to `now` (both as PostgreSQL receives them: to
    /// the microsecond).
    pub fn record(&self, now: DateTime<Utc>, since: DateTime<Utc>) -> Record {
        let micro = |t: DateTime<Utc>| t.duration_trunc(Duration::microseconds(1)).unwrap_or(t);
        let (now, since) = (micro(now), micro(since));
        let old_before = now - Duration::days(14);
        let mut r = Record {
            decisions: self.decisions.unwrap_or(0),
            decisions_with_salons: self.decisions_with_salons.unwrap_or(0),
            passed_on: self.passed_on,
            ..Record::default()
        };
        let mut times: Vec<f64> = Vec::new();

        let starts = all(&self.month_start);
        let (ends, unreplied, waiting) = (
            all(&self.month_end),
            all(&self.unreplied_starts),
            all(&self.waiting_starts),
        );
        let (unreplied_len, waiting_len) = (all(&self.unreplied_len), all(&self.waiting_len));
        let lines = Lines {
            sent: all(&self.line_sent),
            starts: all(&self.line_starts),
            secs: all(&self.line_secs),
            flags: all(&self.line_flags),
        };
        let line_len = all(&self.line_len);
        let (mut u_at, mut w_at, mut l_at) = (0usize, 0usize, 0usize);
        for (i, start) in starts.iter().enumerate() {
            let u_len = at(unreplied_len, i) as usize;
            let w_len = at(waiting_len, i) as usize;
            let l_len = at(line_len, i) as usize;
            let u = unreplied.get(u_at..u_at + u_len).unwrap_or(&[]);
            let w = waiting.get(w_at..w_at + w_len).unwrap_or(&[]);
            let month_lines = l_at..l_at + l_len;
            (u_at, w_at, l_at) = (u_at + u_len, w_at + w_len, l_at + l_len);

            // The first, partial month (it began by `since`): its lines sent after `since`,
            // one by one.
            if start.is_some_and(|s| s <= since) {
                for j in month_lines {
                    if lines.sent_at(j).is_some_and(|s| s > since) {
                        lines.decide(j, now, old_before, &mut r, &mut times);
                    }
                }
                continue;
            }

            // A whole month: its counts as kept.
            r.counted += at(all(&self.counted), i);
            r.replied += at(all(&self.replied), i);
            r.accepted += at(all(&self.accepted), i);
            r.declined += at(all(&self.declined), i);
            r.proposed += at(all(&self.proposed), i);
            r.by_email += at(all(&self.by_email), i);
            r.typed += at(all(&self.typed), i);
            // sorted: those started by now come first
            r.unanswered += u.partition_point(|s| s.is_some_and(|s| s <= now)) as i64;
            let open = (w.len() - w.partition_point(|s| s.is_some_and(|s| s <= now))) as i64;
            r.open_now += open;
            let whole_old = ends
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|e| e <= old_before);
            let none_old = start.is_some_and(|s| s >= old_before);
            r.open_old += if whole_old {
                open
            } else if none_old {
                0
            } else {
                // the month holding now − 14 days: its open lines sent before it
                month_lines
                    .filter(|&j| {
                        lines.open(j, now) && lines.sent_at(j).is_some_and(|s| s < old_before)
                    })
                    .count() as i64
            };
        }
        // the whole months' reply times (the partial month's are its lines')
        times.extend(all(&self.secs).iter().flatten());

        // The percentiles: the months' sorted times and the partial month's, merged by one
        // sort, only when a percentile is one of them.
        let needed = |p: f64| (p * (r.replied + r.unanswered) as f64).ceil() as i64 <= r.replied;
        if needed(0.5) || needed(0.9) {
            times.sort_unstable_by(f64::total_cmp);
        }
        r.median = percentile(0.5, &times, r.replied, r.unanswered);
        r.p90 = percentile(0.9, &times, r.replied, r.unanswered);
        r
    }
}

/// The kept lines read (the partial month's and the one holding now − 14 days), by position.
struct Lines<'a> {
    sent: &'a [Option<DateTime<Utc>>],
    starts: &'a [Option<DateTime<Utc>>],
    secs: &'a [Option<f64>],
    flags: &'a [Option<i64>],
}

impl Lines<'_> {
    fn sent_at(&self, j: usize) -> Option<DateTime<Utc>> {
        self.sent.get(j).copied().flatten()
    }

    /// Waiting, its salon after `now`.
    fn open(&self, j: usize, now: DateTime<Utc>) -> bool {
        let starts = self.starts.get(j).copied().flatten();
        at(self.flags, j) & WAITING != 0 && starts.is_some_and(|s| s > now)
    }

    /// One line of the partial month, decided as `record_figures` decides it.
    fn decide(
        &self,
        j: usize,
        now: DateTime<Utc>,
        old_before: DateTime<Utc>,
        r: &mut Record,
        times: &mut Vec<f64>,
    ) {
        let flags = at(self.flags, j);
        let started = self
            .starts
            .get(j)
            .copied()
            .flatten()
            .is_some_and(|s| s <= now);
        r.counted += 1;
        match self.secs.get(j).copied().flatten() {
            Some(s) => {
                r.replied += 1;
                times.push(s);
            }
            None if started => r.unanswered += 1,
            None => {}
        }
        let has = |f: i64| flags & f != 0;
        r.accepted += has(ACCEPTED) as i64;
        r.declined += has(DECLINED) as i64;
        r.proposed += has(PROPOSED) as i64;
        r.by_email += has(BY_EMAIL) as i64;
        r.typed += has(TYPED) as i64;
        if self.open(j, now) {
            r.open_now += 1;
            if self.sent_at(j).is_some_and(|s| s < old_before) {
                r.open_old += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    /// The period's start in the tests: its first, partial month is Copenhagen's December 2025.
    fn since() -> DateTime<Utc> {
        t(2025, 12, 7, 12)
    }

    fn a<T>(v: Vec<T>) -> Option<Array<Option<T>>> {
        Some(Array(v.into_iter().map(Some).collect()))
    }

    /// One whole month (Copenhagen's November 2026) with `secs` replies, the unreplied lines'
    /// starts and the waiting lines' starts.
    fn month(
        secs: Vec<f64>,
        unreplied: Vec<DateTime<Utc>>,
        waiting: Vec<DateTime<Utc>>,
    ) -> KeptRead {
        let counted = (secs.len() + unreplied.len()) as i64;
        KeptRead {
            month_start: a(vec![t(2026, 10, 31, 23)]),
            month_end: a(vec![t(2026, 11, 30, 23)]),
            counted: a(vec![counted]),
            replied: a(vec![secs.len() as i64]),
            accepted: a(vec![0]),
            declined: a(vec![0]),
            proposed: a(vec![0]),
            by_email: a(vec![0]),
            typed: a(vec![0]),
            unreplied_len: a(vec![unreplied.len() as i64]),
            waiting_len: a(vec![waiting.len() as i64]),
            secs: a(secs),
            unreplied_starts: a(unreplied),
            waiting_starts: a(waiting),
            ..KeptRead::default()
        }
    }

    #[test]
    fn nothing_kept_is_an_empty_record() {
        let r = KeptRead::default().record(t(2026, 12, 7, 12), since());
        assert_eq!(r, Record::default());
        assert_eq!((r.median, r.p90), (None, None));
    }

    #[test]
    fn one_reply_is_the_median_and_the_p90() {
        let r = month(vec![3600.0], vec![], vec![]).record(t(2026, 12, 7, 12), since());
        assert_eq!((r.counted, r.replied, r.unanswered), (1, 1, 0));
        assert_eq!((r.median, r.p90), (Some(3600.0), Some(3600.0)));
    }

    #[test]
    fn the_median_is_percentile_disc_for_odd_and_even_counts() {
        let now = t(2026, 12, 7, 12);
        // odd: ⌈0.5·3⌉ = 2nd
        let r = month(vec![10.0, 20.0, 30.0], vec![], vec![]).record(now, since());
        assert_eq!(r.median, Some(20.0));
        // even: ⌈0.5·4⌉ = 2nd, the lower of the middle two; p90 ⌈3.6⌉ = 4th
        let r = month(vec![10.0, 20.0, 30.0, 40.0], vec![], vec![]).record(now, since());
        assert_eq!((r.median, r.p90), (Some(20.0), Some(40.0)));
        // two replies and two unanswered (started): the median a reply, the p90 unanswered
        let started = t(2026, 11, 20, 12);
        let r = month(vec![10.0, 20.0], vec![started, started], vec![]).record(now, since());
        assert_eq!(
            (r.unanswered, r.median, r.p90),
            (2, Some(20.0), Some(f64::INFINITY))
        );
        // one reply, two unanswered: more than half unanswered
        let r = month(vec![10.0], vec![started, started], vec![]).record(now, since());
        assert_eq!(r.median, Some(f64::INFINITY));
    }

    #[test]
    fn a_salon_starting_exactly_now_makes_its_line_unanswered_not_open() {
        let now = t(2026, 12, 7, 12);
        let r = month(
            vec![],
            vec![now, now + Duration::seconds(1)],
            vec![now + Duration::seconds(1)],
        )
        .record(now, since());
        assert_eq!((r.unanswered, r.open_now), (1, 1));
        // a clock with nanoseconds reads as PostgreSQL receives it, to the microsecond
        let r = month(vec![], vec![now], vec![]).record(now + Duration::nanoseconds(500), since());
        assert_eq!(r.unanswered, 1);
    }

    #[test]
    fn open_over_14_days_splits_only_the_month_holding_now_minus_14_days() {
        let ahead = t(2027, 3, 1, 12);
        let mut k = month(vec![], vec![], vec![ahead, ahead]);
        // its two waiting lines: one sent well before the month's end, one in its last hour
        k.line_sent = a(vec![
            t(2026, 11, 10, 12),
            t(2026, 11, 30, 22) + Duration::minutes(30),
        ]);
        k.line_starts = a(vec![ahead, ahead]);
        k.line_secs = Some(Array(vec![None, None]));
        k.line_flags = a(vec![WAITING, WAITING | PROPOSED]);
        k.line_len = a(vec![2]);
        // now − 14 days on the month's last instant's side: the month is the split one
        assert_eq!(k.record(t(2026, 12, 14, 22), since()).open_old, 1);
        // the month ended exactly at now − 14 days: wholly old
        assert_eq!(
            k.record(t(2026, 11, 30, 23) + Duration::days(14), since())
                .open_old,
            2
        );
        // now − 14 days exactly at the month's start: none old
        assert_eq!(
            k.record(t(2026, 10, 31, 23) + Duration::days(14), since())
                .open_old,
            0
        );
    }

    #[test]
    fn the_partial_months_lines_are_decided_one_by_one() {
        let now = t(2026, 12, 7, 12);
        let sent = |d: u32| Some(t(2025, 12, d, 12));
        fn ahead() -> DateTime<Utc> {
            t(2027, 1, 5, 12)
        }
        let november = month(vec![10.0], vec![], vec![]);
        let both = |a: &Option<Array<Option<i64>>>, partial: i64| {
            Some(Array(vec![Some(partial), a.as_ref().unwrap().0[0]]))
        };
        // the partial month (Copenhagen's December 2025, its kept counts not read) and November
        let k = KeptRead {
            month_start: a(vec![t(2025, 11, 30, 23), t(2026, 10, 31, 23)]),
            month_end: a(vec![t(2025, 12, 31, 23), t(2026, 11, 30, 23)]),
            counted: both(&november.counted, 99),
            replied: both(&november.replied, 99),
            accepted: both(&november.accepted, 99),
            declined: both(&november.declined, 99),
            proposed: both(&november.proposed, 99),
            by_email: both(&november.by_email, 99),
            typed: both(&november.typed, 99),
            unreplied_len: a(vec![0, 0]),
            waiting_len: a(vec![0, 0]),
            // the first line was sent before `since`: not the period's
            line_sent: Some(Array(vec![sent(6), sent(8), sent(9), sent(10), sent(11)])),
            line_starts: Some(Array(vec![
                Some(ahead()),
                Some(t(2025, 12, 20, 12)),
                None,
                Some(ahead()),
                Some(ahead()),
            ])),
            line_secs: Some(Array(vec![Some(1.0), Some(50.0), None, None, None])),
            line_flags: Some(Array(vec![
                Some(WAITING | ACCEPTED),
                Some(ACCEPTED | BY_EMAIL),
                Some(TYPED),
                Some(WAITING | PROPOSED),
                Some(DECLINED),
            ])),
            line_len: a(vec![5, 0]),
            ..november
        };
        let r = k.record(now, since());
        assert_eq!((r.counted, r.replied, r.unanswered), (5, 2, 0));
        assert_eq!((r.accepted, r.declined, r.proposed), (1, 1, 1));
        assert_eq!((r.by_email, r.typed, r.open_now, r.open_old), (1, 1, 1, 1));
        // the months' and the lines' times merged: 10, 50
        assert_eq!((r.median, r.p90), (Some(10.0), Some(50.0)));
    }

    #[test]
    fn months_slice_their_concatenated_arrays_by_their_lengths() {
        let now = t(2026, 12, 7, 12);
        let (past, ahead) = (t(2026, 11, 1, 12), t(2027, 1, 1, 12));
        let k = KeptRead {
            month_start: a(vec![t(2026, 9, 30, 22), t(2026, 10, 31, 23)]),
            month_end: a(vec![t(2026, 10, 31, 23), t(2026, 11, 30, 23)]),
            counted: a(vec![3, 2]),
            replied: a(vec![1, 0]),
            accepted: a(vec![1, 0]),
            declined: a(vec![0, 0]),
            proposed: a(vec![0, 0]),
            by_email: a(vec![0, 0]),
            typed: a(vec![0, 0]),
            secs: a(vec![7.0]),
            unreplied_starts: a(vec![past, ahead, ahead]),
            unreplied_len: a(vec![2, 1]),
            waiting_starts: a(vec![ahead, ahead, ahead]),
            waiting_len: a(vec![1, 2]),
            ..KeptRead::default()
        };
        let r = k.record(now, since());
        assert_eq!(
            (r.counted, r.replied, r.unanswered, r.open_now),
            (5, 1, 1, 3)
        );
        // October wholly old (it ended before now − 14 days): its one waiting line; November
        // holds now − 14 days, its share is the database's count (none here)
        assert_eq!(r.open_old, 1);
    }
}
