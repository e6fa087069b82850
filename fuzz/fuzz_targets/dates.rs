//! Partial dates and timestamps: any text parses or is refused, never a panic; what parses prints
//! back to a form that parses to the same date.
#![no_main]

use explainer::dates::{PartialDate, Timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(date) = PartialDate::parse(text) {
        let again = PartialDate::parse(&date.iso()).expect("the ISO form parses");
        assert_eq!(again, date);
        let _ = date.human();
    }
    if let Ok(stamp) = Timestamp::parse(text) {
        let _ = Timestamp::parse(&stamp.iso()).expect("the ISO form parses");
        let _ = stamp.human();
    }
});
