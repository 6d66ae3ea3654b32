//! Fuzzes the `outlets_csv` importer (see `factdesk_core::fuzzing::outlets_csv`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factdesk_core::fuzzing::outlets_csv(data));
