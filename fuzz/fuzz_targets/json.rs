//! Fuzzes the `json` importer (see `factdesk_core::fuzzing::json`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factdesk_core::fuzzing::json(data));
