#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| safesite_fuzz::documents(data));
