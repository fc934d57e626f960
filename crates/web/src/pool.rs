//! A small pool of open [`Store`]s: handlers run store calls on tokio's
//! blocking threads, each borrowing one connection (SQLite in WAL mode lets
//! the readers run beside one writer).

use crate::error::AppError;
use casewatch_store::{Store, StoreError};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long a request waits for a free connection before it fails.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);

/// Open stores waiting to be borrowed.
pub(crate) struct StorePool {
    idle: Mutex<Vec<Store>>,
    freed: Condvar,
}

impl StorePool {
    /// Opens `size` (at least 1) connections to the database at `path`,
    /// migrating it on the first.
    pub(crate) fn open(path: &Path, size: usize) -> Result<StorePool, StoreError> {
        let mut idle = Vec::with_capacity(size.max(1));
        for _ in 0..size.max(1) {
            idle.push(Store::open(path)?);
        }
        Ok(StorePool {
            idle: Mutex::new(idle),
            freed: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Store>> {
        // A panic while holding this lock cannot leave the Vec inconsistent.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Borrows a store, waiting for one to be returned when all are out.
    fn acquire(&self) -> Result<Store, AppError> {
        let mut idle = self.lock();
        loop {
            if let Some(store) = idle.pop() {
                return Ok(store);
            }
            let (guard, timeout) = self
                .freed
                .wait_timeout(idle, ACQUIRE_TIMEOUT)
                .unwrap_or_else(|e| e.into_inner());
            idle = guard;
            if timeout.timed_out() && idle.is_empty() {
                return Err(AppError::Unavailable("every database connection is busy".into()));
            }
        }
    }

    fn release(&self, store: Store) {
        self.lock().push(store);
        self.freed.notify_one();
    }

    /// Runs `f` with a borrowed store on a blocking thread.
    pub(crate) async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
    {
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            // Returns the store to the pool on drop, even if `f` panics.
            struct Back<'a>(&'a StorePool, Option<Store>);
            impl Drop for Back<'_> {
                fn drop(&mut self) {
                    if let Some(s) = self.1.take() {
                        self.0.release(s);
                    }
                }
            }
            let mut back = Back(&pool, Some(pool.acquire()?));
            match back.1.as_mut() {
                Some(store) => f(store),
                None => Err(AppError::Internal("no database connection".into())),
            }
        })
        .await
        .map_err(|e| AppError::Internal(format!("a database task failed: {e}")))?
    }
}
