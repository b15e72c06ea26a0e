//! Opening the encrypted database: key, integrity probe, SQL functions,
//! pragmas, migrations, reference data, device identity.

use std::path::Path;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, ErrorCode};
use uuid::Uuid;

use crate::changes::{ChangeFeed, Changes};
use crate::error::{StoreError, StoreResult};
use crate::key::StoreKey;
use crate::{meta, migrations, reference};

/// The local store. One connection, used from one thread at a time (the app
/// layer wraps it in a mutex).
pub struct Store {
    pub(crate) conn: Connection,
    device_id: Uuid,
    /// Outbox entries written and rows touched: lets the app notice local
    /// edits (to schedule a push) and tell screens what changed, without
    /// querying or locking the store.
    pub(crate) feed: ChangeFeed,
    /// Test hook: the next pulled page fails after this many rows, as if
    /// the process died mid-apply.
    pub(crate) fail_pull_after: Option<usize>,
}

/// Another connection to a database [`Store::open`] has already brought up
/// to date (the reader, the checkpointer): read-write at the file level
/// (WAL readers update the shared-memory index), keyed, patient when busy.
pub(crate) fn side_connection(path: &Path, key: &StoreKey) -> StoreResult<Connection> {
    initialise_sqlcipher()?;
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.execute_batch(&format!("PRAGMA key = \"{}\"; PRAGMA busy_timeout = 5000;", key.pragma_value()))?;
    Ok(conn)
}

impl Store {
    /// Opens (or creates) the database at `path`, encrypted with `key`, and
    /// brings its schema and reference data up to date.
    pub fn open(path: &Path, key: &StoreKey) -> StoreResult<Self> {
        initialise_sqlcipher()?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn, key, migrations::LATEST_SCHEMA_VERSION)
    }

    /// A second, read-only connection to a database [`Store::open`] has
    /// already brought up to date: queries run on it beside the writer (in
    /// WAL mode a reader never waits for a write transaction).
    pub fn open_reader(path: &Path, key: &StoreKey) -> StoreResult<Self> {
        let conn = side_connection(path, key)?;
        register_functions(&conn)?;
        // Any write statement is refused.
        conn.execute_batch(
            "PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -32768;
             PRAGMA query_only = ON;",
        )?;
        let device_id = meta::ensure_device_id(&conn)?;
        Ok(Self { conn, device_id, feed: ChangeFeed::default(), fail_pull_after: None })
    }

    /// An encrypted in-memory database, for tests and benchmarks.
    pub fn open_in_memory(key: &StoreKey) -> StoreResult<Self> {
        initialise_sqlcipher()?;
        Self::init(Connection::open_in_memory()?, key, migrations::LATEST_SCHEMA_VERSION)
    }

    /// Opens applying migrations only up to `version`: lets tests build a
    /// database as an older release left it.
    #[doc(hidden)]
    pub fn open_at_schema_version(path: &Path, key: &StoreKey, version: u32) -> StoreResult<Self> {
        initialise_sqlcipher()?;
        Self::init(Connection::open(path)?, key, version)
    }

    fn init(mut conn: Connection, key: &StoreKey, schema_version: u32) -> StoreResult<Self> {
        conn.execute_batch(&format!("PRAGMA key = \"{}\";", key.pragma_value()))?;
        // SQLCipher only notices a wrong key (or a file that is not a
        // database) at the first read.
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
            return Err(match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) => StoreError::WrongKey,
                _ => e.into(),
            });
        }
        register_functions(&conn)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA secure_delete = ON;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -65536;",
        )?;
        // secure_delete: freed space is zeroed, so an erased record leaves
        // nothing in the file (SQLCipher's default, stated rather than
        // relied on). 64 MiB of page cache: every page read from disk is
        // decrypted, so keeping the working set in memory matters.
        migrations::apply(&mut conn, schema_version)?;
        reference::ensure_loaded(&mut conn)?;
        // Refresh the planner's statistics where tables changed a lot.
        conn.execute_batch("PRAGMA optimize = 0x10002;")?;
        let device_id = meta::ensure_device_id(&conn)?;
        Ok(Self { conn, device_id, feed: ChangeFeed::default(), fail_pull_after: None })
    }

    /// How many outbox entries this handle has written (since it opened).
    pub fn local_changes(&self) -> u64 {
        self.feed.local_changes()
    }

    /// A handle on what this store changes, read without locking it.
    pub fn change_feed(&self) -> ChangeFeed {
        self.feed.clone()
    }

    /// What changed since the last call (and forgets it).
    pub fn take_changes(&self) -> Changes {
        self.feed.take()
    }

    /// This installation's identity in the sync protocol.
    pub fn device_id(&self) -> Uuid {
        self.device_id
    }

    pub fn schema_version(&self) -> StoreResult<u32> {
        migrations::current_version(&self.conn)
    }

    /// Direct access for tests that need to inject faults or inspect raw
    /// rows. Production code goes through the typed API.
    #[doc(hidden)]
    pub fn raw_connection(&self) -> &Connection {
        &self.conn
    }
}

/// Deletes a database file with its WAL companions (`-wal`, `-shm`), those
/// that exist. The caller must have closed every connection to it.
pub fn remove_database_files(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// SQLite marks itself initialised before it runs SQLCipher's own start-up
/// (`SQLITE_EXTRA_INIT`), so a second thread opening its first connection at
/// that moment gets "sqlcipher not initialized" when keying. Finishing the
/// initialisation once, before any connection, closes that window.
fn initialise_sqlcipher() -> StoreResult<()> {
    static INIT: std::sync::OnceLock<std::os::raw::c_int> = std::sync::OnceLock::new();
    // SAFETY: sqlite3_initialize has no preconditions and is idempotent.
    let rc = *INIT.get_or_init(|| unsafe { rusqlite::ffi::sqlite3_initialize() });
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None)))
    }
}

/// `fold(text)`: lower case without accents; `name_key(text)`: the same with
/// whitespace collapsed. Used by generated columns, triggers and queries.
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags =
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("fold", 1, flags, |ctx| {
        Ok(ctx.get::<Option<String>>(0)?.map(|s| tremplin_domain::text::fold(&s)))
    })?;
    conn.create_scalar_function("name_key", 1, flags, |ctx| {
        Ok(ctx.get::<Option<String>>(0)?.map(|s| tremplin_domain::text::name_key(&s)))
    })?;
    Ok(())
}
