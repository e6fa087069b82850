//! YAML aliases bounded. An anchor (`&quote`) names a value and an alias (`*quote`) repeats it, so
//! a few lines can stand for gigabytes: twenty thousand aliases of one 200 KB value took all the
//! machine's memory when the fields were read. Before that, the front matter is walked once
//! without keeping anything, counting the text each alias repeats, and refused past a limit that
//! grows with the file.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

/// The most text the front matter may stand for, aliases repeated, as a multiple of its own size.
pub const MAX_EXPANSION: usize = 16;

/// Never less than this, so that a short file may still repeat a value a few times.
const FLOOR: usize = 64 * 1024;

/// Whether `yaml` stands for more than [`MAX_EXPANSION`] times its own size once its aliases are
/// repeated. Only a text with an anchor (`&`) can have aliases; any other is not walked.
pub fn expands_too_far(yaml: &str) -> bool {
    if !yaml.contains('&') || !yaml.contains('*') {
        return false;
    }
    let budget = Cell::new(yaml.len().saturating_mul(MAX_EXPANSION).max(FLOOR));
    let walked = Budget(&budget).deserialize(serde_yaml::Deserializer::from_str(yaml));
    matches!(walked, Err(e) if e.to_string().contains(OVER))
}

const OVER: &str = "over the expansion budget";

/// What is left to read, shared by every value of the walk.
struct Budget<'a>(&'a Cell<usize>);

impl Budget<'_> {
    /// Spends `n` bytes (and one for the value itself), or stops the walk.
    fn spend<E: de::Error>(&self, n: usize) -> Result<(), E> {
        let left = self.0.get();
        match left.checked_sub(n.saturating_add(1)) {
            Some(rest) => {
                self.0.set(rest);
                Ok(())
            }
            None => Err(E::custom(OVER)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(8)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(8)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(8)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.spend(text.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while seq.next_element_seed(Budget(self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while map.next_key_seed(Budget(self.0))?.is_some() {
            map.next_value_seed(Budget(self.0))?;
        }
        Ok(())
    }

    /// A tagged value (`!tag value`).
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(Budget(self.0))?;
        variant.newtype_variant_seed(Budget(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_aliases_of_a_long_value_are_refused_and_a_few_are_not() {
        let long = "€ — “x” ".repeat(20_000);
        let mut yaml = format!("quote: &q \"{long}\"\nmore:\n");
        for _ in 0..20_000 {
            yaml.push_str("  - *q\n");
        }
        assert!(expands_too_far(&yaml));
        let few = format!("quote: &q \"{long}\"\nmore: [*q, *q, *q]\n");
        assert!(!expands_too_far(&few));
        assert!(!expands_too_far("title: R&D spending * 2\n"));
    }
}
