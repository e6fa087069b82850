//! Writes newsroom photos for the image benchmark (scripts/bench-images.sh): N JPEGs of 4000×3000
//! pixels, taken on their side (EXIF orientation 6) with a GPS position, each a little different so
//! that each is a picture of its own to the cache.
//!
//! cargo run --release --example photos -- 50 /tmp/photos

#[path = "../tests/support/photos.rs"]
#[allow(dead_code)]
mod photos;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u8 = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let folder = std::path::PathBuf::from(args.next().unwrap_or_else(|| "photos".to_string()));
    std::fs::create_dir_all(&folder).expect("make the folder");
    for n in 0..count {
        let path = folder.join(format!("photo-{n:03}.jpg"));
        std::fs::write(&path, photos::newsroom_photo(n)).expect("write a photo");
    }
    println!("{count} photos in {}", folder.display());
}
