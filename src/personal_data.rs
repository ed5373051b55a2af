//! How features contribute what they hold about a person, to the download and to erasure.
//!
//! A feature that stores personal data adds a [`Part`] (its key in the download) and an
//! [`Erase`] step to the lists in `startup.rs`; `accounts::data` walks them. This module names
//! no feature, so the account pages need not import every feature that keeps something.

use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

/// Reads one feature's records of a person, as JSON.
pub type Collect = for<'c> fn(&'c mut PgConnection, Uuid) -> BoxFuture<'c, Result<Value, AppError>>;

/// Removes (or anonymises) one feature's records of a person, in the deletion's transaction.
pub type Erase =
    for<'c> fn(&'c mut PgConnection, Uuid, DateTime<Utc>) -> BoxFuture<'c, Result<(), AppError>>;

/// One key of the download.
pub struct Part {
    pub key: &'static str,
    pub collect: Collect,
}

/// Every feature's contribution, in order: parts in the download's order, erasures in the
/// order they must run (a feature that passes things on to others goes before those others
/// forget the person).
pub struct PersonalData {
    pub parts: &'static [Part],
    pub erasures: &'static [Erase],
}
