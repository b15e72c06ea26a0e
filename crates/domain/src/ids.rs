//! Row identifiers: UUIDv7 made on the device that creates the row, so ids
//! never collide across offline devices and sort by creation time.

use uuid::Uuid;

pub type RowId = Uuid;

pub fn new_row_id() -> RowId {
    Uuid::now_v7()
}
