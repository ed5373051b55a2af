//! Capturing what the app logs during one test.
//!
//! One global subscriber is installed for the whole test binary (scoped subscribers miss events
//! when other tests run at the same time, because tracing caches per call site). It writes each
//! event into the buffer of the thread that emitted it, if that thread is capturing: a
//! `#[tokio::test]` runs the app's tasks on its own single thread, so it sees its own logs only.

use std::cell::RefCell;
use std::io::Write;
use std::sync::{Arc, Mutex, Once};

use tracing_subscriber::Layer;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

thread_local! {
    static BUFFER: RefCell<Option<Arc<Mutex<Vec<u8>>>>> = const { RefCell::new(None) };
}

struct ThreadWriter;

impl Write for ThreadWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        BUFFER.with(|b| {
            if let Some(buffer) = b.borrow().as_ref() {
                buffer.lock().unwrap().extend_from_slice(buf);
            }
        });
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the test binary's one subscriber: the log text for [`LogCapture`], and every SQL
/// statement for [`super::queries::QueryCount`] (which needs sqlx's statement events whatever
/// the log filter says).
pub fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let text = tracing_subscriber::fmt::layer()
            .with_writer(|| ThreadWriter)
            .with_ansi(false)
            .with_filter(tracing_subscriber::EnvFilter::new(
                "debug,sqlx=warn,hyper=info,h2=info,rustls=info",
            ));
        let statements = super::queries::StatementLayer.with_filter(
            tracing_subscriber::filter::Targets::new()
                .with_target("sqlx::query", tracing::Level::TRACE),
        );
        let _ = tracing_subscriber::registry()
            .with(text)
            .with(statements)
            .try_init();
    });
}

/// The logs of the current thread from now until dropped.
pub struct LogCapture(Arc<Mutex<Vec<u8>>>);

impl LogCapture {
    pub fn start() -> LogCapture {
        install();
        let buffer = Arc::new(Mutex::new(Vec::new()));
        BUFFER.with(|b| *b.borrow_mut() = Some(buffer.clone()));
        LogCapture(buffer)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Drop for LogCapture {
    fn drop(&mut self) {
        BUFFER.with(|b| *b.borrow_mut() = None);
    }
}
