//! Fuzzes the `itn` importer (see `factdesk_core::fuzzing::itn`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factdesk_core::fuzzing::itn(data));
