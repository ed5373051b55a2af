//! Counting the SQL statements a request runs, from sqlx's own event for each statement it
//! executes (target `sqlx::query`), so the count is what reached the database.
//!
//! Like [`super::logs::LogCapture`], per thread: a `#[tokio::test]` runs the app on the test's
//! own thread, so a count sees that test's requests only. Count with the background worker off
//! (the harness's default) and nothing else in flight.

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

thread_local! {
    static STATEMENTS: RefCell<Option<Arc<Mutex<Vec<String>>>>> = const { RefCell::new(None) };
}

/// Records the summary of each statement sqlx runs on a counting thread.
pub struct StatementLayer;

struct Summary(String);

impl Visit for Summary {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "summary" {
            self.0 = value.to_string();
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" && self.0.is_empty() {
            self.0 = format!("{value:?}");
        }
    }
}

impl<S: Subscriber> Layer<S> for StatementLayer {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        STATEMENTS.with(|s| {
            if let Some(statements) = s.borrow().as_ref() {
                let mut summary = Summary(String::new());
                event.record(&mut summary);
                statements.lock().unwrap().push(summary.0);
            }
        });
    }
}

/// The statements run on this thread from now (or the last [`QueryCount::take`]) until dropped.
pub struct QueryCount(Arc<Mutex<Vec<String>>>);

impl QueryCount {
    pub fn start() -> QueryCount {
        super::logs::install();
        let statements = Arc::new(Mutex::new(Vec::new()));
        STATEMENTS.with(|s| *s.borrow_mut() = Some(statements.clone()));
        QueryCount(statements)
    }

    /// The app's statements so far, starting a new count. Left out: sqlx's own look-ups of a
    /// custom type (its oid, an enum's labels, a composite's fields), which each pooled
    /// connection makes once, on first use of the type — which connection a request gets is
    /// chance (the pool hands out its idle connections in turn), and they are no query of the
    /// app's.
    pub fn take(&self) -> Vec<String> {
        let all = std::mem::take(&mut *self.0.lock().unwrap());
        all.into_iter().filter(|s| !is_type_lookup(s)).collect()
    }
}

impl Drop for QueryCount {
    fn drop(&mut self) {
        STATEMENTS.with(|s| *s.borrow_mut() = None);
    }
}

fn is_type_lookup(summary: &str) -> bool {
    let summary = summary.trim_start();
    summary.starts_with("SELECT oid::regtype::text, typtype")
        || summary.starts_with("SELECT enumlabel FROM pg_catalog.pg_enum")
        // A composite type's fields (the record's `record_columns`, migration 0084).
        || summary.starts_with("SELECT attname, atttypid")
}
