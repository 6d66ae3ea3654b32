//! Fuzzes the `ninjs` importer (see `factdesk_core::fuzzing::ninjs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factdesk_core::fuzzing::ninjs(data));
