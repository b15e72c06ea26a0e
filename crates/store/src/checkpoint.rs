//! Moving the write-ahead log into the database file off the writer's path.
//!
//! By default SQLite checkpoints inside the commit that takes the WAL past
//! 1,000 pages: one commit in a few hundred (an officer's edit, or one of
//! the short transactions a pull is applied in) also copies ~4 MB into the
//! database and syncs it, while every other write waits on the writer. With
//! a [`Checkpointer`] the writer never checkpoints: a connection of its own
//! does it on a thread, PASSIVE — it never blocks the writer or a reader —,
//! soon after writes. See docs/architecture.md « What changed, and who waits ».

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use crate::connection::{Store, side_connection};
use crate::error::StoreResult;
use crate::key::StoreKey;

/// Writes arriving closer together than this share one checkpoint.
const COALESCE: Duration = Duration::from_millis(50);
/// Without any write, a checkpoint now and then anyway (cheap when the WAL
/// is already in the file).
const IDLE: Duration = Duration::from_secs(5);

/// The thread that checkpoints the WAL of one database file.
pub struct Checkpointer {
    cue: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing the database at `path` (already opened by
    /// [`Store::open`]) and hands checkpoints off from `writer`.
    pub fn start(path: &Path, key: &StoreKey, writer: &Store) -> StoreResult<Self> {
        let conn = side_connection(path, key)?;
        let (cue, cues) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("tremplin-checkpoint".into())
            .spawn(move || run(&conn, &cues))?;
        writer.conn.execute_batch("PRAGMA wal_autocheckpoint = 0;")?;
        Ok(Self { cue: Some(cue), thread: Some(thread) })
    }

    /// Says the writer has committed (never waits: a cue already pending
    /// covers this write too).
    pub fn nudge(&self) {
        if let Some(cue) = &self.cue {
            let _ = cue.try_send(());
        }
    }
}

fn run(conn: &Connection, cues: &mpsc::Receiver<()>) {
    loop {
        match cues.recv_timeout(IDLE) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        // A failed checkpoint (the file busy, the disk full) is retried at
        // the next cue; the WAL keeps every committed write meanwhile.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        std::thread::sleep(COALESCE);
    }
}

impl Drop for Checkpointer {
    /// Stops the thread and closes its connection, so that closing the
    /// writer afterwards folds the WAL into the file as usual.
    fn drop(&mut self) {
        self.cue.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
