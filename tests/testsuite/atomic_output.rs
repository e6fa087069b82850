//! A build killed at any moment (`kill -9`, a power cut of the process) leaves the previous output
//! folder complete and exactly as it was, and the next build cleans up what the killed one left.

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::common::TestSite;

/// The `basic` fixture with many long sections, so that a build takes long enough to be killed
/// in every phase: reading, rendering, writing the staging folder, swapping it in.
fn large_site() -> TestSite {
    let site = TestSite::fixture("basic");
    let paragraph =
        "Officials said the agreement would change the mission of the troops. ".repeat(12);
    for n in 0..300 {
        let mut text = format!("---\ntitle: Part {n}\nweight: {}\n---\n", 100 + n);
        for k in 0..6 {
            let _ = write!(text, "### Point {k}\n\n{paragraph}[@wire-one]\n\n");
        }
        site.write(&format!("content/part-{n:03}.md"), &text);
    }
    site
}

/// A small deterministic generator for the kill delays (no dependency needed for this).
struct Delays(u64);

impl Delays {
    fn next_below(&mut self, bound: u128) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (u128::from(self.0) % bound.max(1)) as u64
    }
}

fn leftovers(site: &TestSite) -> Vec<String> {
    std::fs::read_dir(&site.root)
        .expect("read site folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".explainer-") && name != ".explainer-spare-public")
        .collect()
}

#[test]
fn killing_a_build_at_any_moment_leaves_the_previous_output_complete() {
    let site = large_site();
    let started = Instant::now();
    let first = site.build(&[]);
    let full = started.elapsed();
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let before = site.output_snapshot();
    assert!(before.len() > 3, "the build writes several files");

    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    eprintln!("kill delays seeded with {seed}; a full build took {full:?}");
    let mut delays = Delays(seed);
    let root = site.root.display().to_string();
    for round in 0..40 {
        // Delays up to a little past a full build, so that some kills land in the swap and after it.
        let delay = Duration::from_micros(delays.next_below(full.as_micros() * 6 / 5));
        let mut child = Command::new(env!("CARGO_BIN_EXE_explainer"))
            .args(["build", "--root", &root])
            .current_dir(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start explainer");
        std::thread::sleep(delay);
        // SIGKILL: the process gets no chance to clean up.
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(
            site.output_snapshot(),
            before,
            "round {round} (killed after {delay:?}, seed {seed}): the output must be complete and unchanged"
        );
    }

    let last = site.build(&[]);
    assert_eq!(last.code, Some(0), "{}", last.stderr);
    assert_eq!(site.output_snapshot(), before);
    assert_eq!(
        leftovers(&site),
        Vec::<String>::new(),
        "the next build removes the folders killed builds left behind"
    );
}
