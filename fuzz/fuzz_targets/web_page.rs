//! Fuzzes the `web_page` importer (see `factdesk_core::fuzzing::web_page`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factdesk_core::fuzzing::web_page(data));
