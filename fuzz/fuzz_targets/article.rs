//! Fuzzes the `article` importer (see `factdesk_core::fuzzing::article`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factdesk_core::fuzzing::article(data));
