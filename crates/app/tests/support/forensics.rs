//! Reads an encrypted store as an attacker with the key would: every page
//! of the file decrypted, free pages included, to prove erased text is gone.
//! SQLCipher 4 defaults: 4,096-byte pages, each ending with a 16-byte IV
//! and a 64-byte HMAC; page 1 starts with the 16-byte salt; AES-256-CBC.

use std::path::Path;

use aes::cipher::{BlockCipherDecrypt, KeyInit};

const PAGE: usize = 4096;
const RESERVE: usize = 80;

/// The plaintext of every page of the database file, concatenated.
pub fn decrypted_pages(db: &Path, key: &[u8; 32]) -> Vec<u8> {
    let file = std::fs::read(db).unwrap();
    assert_eq!(file.len() % PAGE, 0, "whole pages");
    let aes = aes::Aes256::new_from_slice(key).unwrap();
    let mut out = Vec::with_capacity(file.len());
    for (n, page) in file.chunks(PAGE).enumerate() {
        let start = if n == 0 { 16 } else { 0 };
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
    out
}

/// Bytes in the write-ahead log (0 once checkpointed and truncated).
pub fn wal_len(db: &Path) -> u64 {
    let wal = db.with_file_name(format!("{}-wal", db.file_name().unwrap().to_string_lossy()));
    std::fs::metadata(wal).map_or(0, |m| m.len())
}
