//! `/tal`'s row of arrays (`national_figures`, migration 0078) read from PostgreSQL's binary
//! form in one loop per array. sqlx's decoder takes each element through its general path —
//! a value made, its type checked, a time built from the epoch's date plus a duration — at
//! ~230 instructions an element, and the row has 98 × 11 of them: a quarter of the page's
//! server work (bench/README.md). The text form, or anything unexpected in the bytes, takes
//! sqlx's decoder, so what is read never differs from what it would read.

use chrono::{DateTime, Utc};
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgHasArrayType, PgTypeInfo, PgValueFormat, PgValueRef};
use sqlx::{Decode, Postgres, Type};

/// An array column, read by [`Element::read`] when it comes in binary.
#[derive(Debug)]
pub struct Array<T>(pub Vec<T>);

/// An element type of the arrays, with its type's OID as PostgreSQL writes it in the array.
pub trait Element: Sized {
    const OID: u32;
    /// The element from its bytes (`None` for NULL); `None` when they do not read as one.
    fn read(bytes: Option<&[u8]>) -> Option<Self>;
}

impl Element for Option<i64> {
    const OID: u32 = 20; // int8
    fn read(bytes: Option<&[u8]>) -> Option<Self> {
        match bytes {
            None => Some(None),
            Some(b) => Some(Some(i64::from_be_bytes(b.try_into().ok()?))),
        }
    }
}

impl Element for Option<f64> {
    const OID: u32 = 701; // float8
    fn read(bytes: Option<&[u8]>) -> Option<Self> {
        match bytes {
            None => Some(None),
            Some(b) => Some(Some(f64::from_be_bytes(b.try_into().ok()?))),
        }
    }
}

/// PostgreSQL's epoch, 2000-01-01, in microseconds after Unix's.
const PG_EPOCH_MICROS: i64 = 946_684_800_000_000;

impl Element for Option<DateTime<Utc>> {
    const OID: u32 = 1184; // timestamptz
    fn read(bytes: Option<&[u8]>) -> Option<Self> {
        match bytes {
            None => Some(None),
            // Microseconds since 2000-01-01 UTC; ±infinity and times out of chrono's range
            // take sqlx's way.
            Some(b) => i64::from_be_bytes(b.try_into().ok()?)
                .checked_add(PG_EPOCH_MICROS)
                .and_then(DateTime::from_timestamp_micros)
                .map(Some),
        }
    }
}

impl Element for String {
    const OID: u32 = 25; // text
    fn read(bytes: Option<&[u8]>) -> Option<Self> {
        std::str::from_utf8(bytes?).ok().map(str::to_string)
    }
}

/// The next big-endian `i32` of `rest`.
fn int4(rest: &mut &[u8]) -> Option<i32> {
    let (head, tail) = rest.split_first_chunk::<4>()?;
    *rest = tail;
    Some(i32::from_be_bytes(*head))
}

/// A one-dimensional array of `T` in PostgreSQL's binary form (`array_send`): the number of
/// dimensions, a flag for NULLs, the element type; each dimension's length and lower bound;
/// then each element as its length (−1 for NULL) and its bytes. An empty array has no
/// dimension.
fn parse<T: Element>(bytes: &[u8]) -> Option<Vec<T>> {
    let mut rest = bytes;
    let dimensions = int4(&mut rest)?;
    let _has_nulls = int4(&mut rest)?;
    if int4(&mut rest)? as u32 != T::OID {
        return None;
    }
    match dimensions {
        0 => return rest.is_empty().then(Vec::new),
        1 => {}
        _ => return None,
    }
    let len = usize::try_from(int4(&mut rest)?).ok()?;
    let _lower_bound = int4(&mut rest)?;
    let mut out = Vec::with_capacity(len.min(rest.len() / 4));
    for _ in 0..len {
        let element = match usize::try_from(int4(&mut rest)?) {
            Ok(n) => {
                let (element, tail) = rest.split_at_checked(n)?;
                rest = tail;
                Some(element)
            }
            Err(_) => None,
        };
        out.push(T::read(element)?);
    }
    rest.is_empty().then_some(out)
}

impl<'r, T> Decode<'r, Postgres> for Array<T>
where
    T: Element,
    Vec<T>: Decode<'r, Postgres>,
{
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.format() == PgValueFormat::Binary
            && let Some(elements) = value.as_bytes().ok().and_then(parse::<T>)
        {
            return Ok(Array(elements));
        }
        Ok(Array(Vec::<T>::decode(value)?))
    }
}

impl<T: PgHasArrayType> Type<Postgres> for Array<T> {
    fn type_info() -> PgTypeInfo {
        T::array_type_info()
    }

    fn compatible(ty: &PgTypeInfo) -> bool {
        T::array_compatible(ty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An array as `array_send` writes it.
    fn sent(oid: u32, elements: &[Option<&[u8]>]) -> Vec<u8> {
        let mut b = Vec::new();
        let int4 = |b: &mut Vec<u8>, n: i32| b.extend_from_slice(&n.to_be_bytes());
        if elements.is_empty() {
            int4(&mut b, 0);
            int4(&mut b, 0);
            int4(&mut b, oid as i32);
            return b;
        }
        int4(&mut b, 1);
        int4(&mut b, elements.iter().any(Option::is_none) as i32);
        int4(&mut b, oid as i32);
        int4(&mut b, elements.len() as i32);
        int4(&mut b, 1);
        for e in elements {
            match e {
                None => int4(&mut b, -1),
                Some(e) => {
                    int4(&mut b, e.len() as i32);
                    b.extend_from_slice(e);
                }
            }
        }
        b
    }

    #[test]
    fn arrays_read_as_postgres_sends_them() {
        let n = 7_i64.to_be_bytes();
        let m = (-1_i64).to_be_bytes();
        assert_eq!(
            parse::<Option<i64>>(&sent(20, &[Some(&n), None, Some(&m)])),
            Some(vec![Some(7), None, Some(-1)])
        );
        assert_eq!(parse::<Option<i64>>(&sent(20, &[])), Some(vec![]));
        let x = 1.5_f64.to_be_bytes();
        let inf = f64::INFINITY.to_be_bytes();
        assert_eq!(
            parse::<Option<f64>>(&sent(701, &[Some(&x), Some(&inf), None])),
            Some(vec![Some(1.5), Some(f64::INFINITY), None])
        );
        // 2026-12-07 14:00:00.5 UTC.
        let at = DateTime::parse_from_rfc3339("2026-12-07T14:00:00.5Z")
            .unwrap()
            .to_utc();
        let micros = (at.timestamp_micros() - PG_EPOCH_MICROS).to_be_bytes();
        assert_eq!(
            parse::<Option<DateTime<Utc>>>(&sent(1184, &[Some(&micros), None])),
            Some(vec![Some(at), None])
        );
        assert_eq!(
            parse::<String>(&sent(25, &[Some("Ærø".as_bytes()), Some(b"")])),
            Some(vec!["Ærø".to_string(), String::new()])
        );
    }

    /// Whatever does not read as the expected array is left to sqlx's decoder.
    #[test]
    fn anything_else_is_left_to_sqlx() {
        let n = 7_i64.to_be_bytes();
        // Another element type, a short element, bytes left over, a NULL name, cut short.
        assert_eq!(parse::<Option<i64>>(&sent(23, &[Some(&n)])), None);
        assert_eq!(parse::<Option<i64>>(&sent(20, &[Some(&n[..4])])), None);
        let mut long = sent(20, &[Some(&n)]);
        long.push(0);
        assert_eq!(parse::<Option<i64>>(&long), None);
        assert_eq!(parse::<String>(&sent(25, &[None])), None);
        let whole = sent(20, &[Some(&n), Some(&n)]);
        assert_eq!(parse::<Option<i64>>(&whole[..whole.len() - 1]), None);
        // Infinity as a time.
        let infinity = i64::MAX.to_be_bytes();
        assert_eq!(
            parse::<Option<DateTime<Utc>>>(&sent(1184, &[Some(&infinity)])),
            None
        );
    }
}
