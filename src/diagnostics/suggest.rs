//! "Did you mean …?": the nearest of the names an editor could have meant, for a misspelt field,
//! source id, era, kind, anchor or file. Every "did you mean" hint of explainer is worded here.

/// The closest of `candidates` to a misspelt `word`, if one is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        // Highest score wins; ties go to the fewest edits, then to the alphabetically first, so the
        // answer never depends on the order candidates came in.
        .max_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then_with(|| strsim::levenshtein(word, b.1).cmp(&strsim::levenshtein(word, a.1)))
                .then_with(|| b.1.cmp(a.1))
        })
        .map(|(_, candidate)| candidate)
}

/// The hint "did you mean `weight`?" when one of `candidates` is close to `word`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|close| format!("did you mean `{close}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_near_misses() {
        let fields = ["title", "weight", "kind"];
        assert_eq!(closest("wieght", fields), Some("weight"));
        assert_eq!(
            did_you_mean("wieght", fields).as_deref(),
            Some("did you mean `weight`?")
        );
        assert_eq!(closest("colour", fields), None);
        assert_eq!(
            closest("العنوان", ["العنوانين", "title"]),
            Some("العنوانين")
        );
    }

    #[test]
    fn ties_are_broken_the_same_way_whatever_the_order() {
        let a = closest("wire-three", ["wire-two", "wire-one"]);
        let b = closest("wire-three", ["wire-one", "wire-two"]);
        assert_eq!(a, b);
        assert_eq!(
            closest("wire-tow", ["wire-one", "wire-two"]),
            Some("wire-two")
        );
    }
}
