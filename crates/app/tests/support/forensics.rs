//! Reads an encrypted store as an attacker with the key would: every page
//! of the file decrypted, free pages included, to prove erased text is gone.
//! SQLCipher 4 defaults: 4,096-byte pages, each ending with a 16-byte IV
//! and a 64-byte HMAC; page 1 starts with the 16-byte salt; AES-256-CBC.

use std::path::Path;

use aes::cipher::{BlockCipherDecrypt, KeyInit};

const PAGE: usize = 4096;
const RESERVE: usize = 80;

/// The plaintext of every page of the database file, then of every frame
/// of its write-ahead log, concatenated.
pub fn decrypted_pages(db: &Path, key: &[u8; 32]) -> Vec<u8> {
    let aes = aes::Aes256::new_from_slice(key).unwrap();
    let file = std::fs::read(db).unwrap();
    assert_eq!(file.len() % PAGE, 0, "whole pages");
    let mut out = Vec::with_capacity(file.len());
    for (n, page) in file.chunks(PAGE).enumerate() {
        decrypt_page(&aes, page, n == 0, &mut out);
    }
    // WAL: a 32-byte header, then frames of a 24-byte header (the page
    // number first) and a page.
    let wal = std::fs::read(wal_path(db)).unwrap_or_default();
    for frame in wal.get(32..).unwrap_or_default().chunks(24 + PAGE).filter(|f| f.len() == 24 + PAGE) {
        let number = u32::from_be_bytes(frame[..4].try_into().unwrap());
        decrypt_page(&aes, &frame[24..], number == 1, &mut out);
    }
    out
}

fn decrypt_page(aes: &aes::Aes256, page: &[u8], first: bool, out: &mut Vec<u8>) {
    let start = if first { 16 } else { 0 };
    let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
    let mut previous: [u8; 16] = iv.try_into().unwrap();
    for chunk in page[start..PAGE - RESERVE].chunks(16) {
        let mut block = aes::Block::default();
        block.copy_from_slice(chunk);
        aes.decrypt_block(&mut block);
        for (b, p) in block.iter_mut().zip(previous) {
            *b ^= p;
        }
        previous = chunk.try_into().unwrap();
        out.extend_from_slice(&block);
    }
}

/// `text` appears in `bytes`.
pub fn contains(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

fn wal_path(db: &Path) -> std::path::PathBuf {
    db.with_file_name(format!("{}-wal", db.file_name().unwrap().to_string_lossy()))
}

/// Bytes in the write-ahead log (0 once checkpointed and truncated).
pub fn wal_len(db: &Path) -> u64 {
    std::fs::metadata(wal_path(db)).map_or(0, |m| m.len())
}
