//! Opening a page in the user's web browser, for `build --open` and `serve --open`.

use std::process::{Command, Stdio};

/// Opens a file path or URL with the desktop's default handler; where there is none (a server, a
/// container, CI), says where the page is instead.
pub fn open(target: &str) {
    let opened = if cfg!(target_os = "macos") {
        Command::new("open").arg(target).status()
    } else if cfg!(windows) {
        Command::new("cmd")
            .args(["/C", "start", ""])
            .arg(target)
            .status()
    } else {
        Command::new("xdg-open")
            .arg(target)
            .stderr(Stdio::null())
            .status()
    };
    if !opened.is_ok_and(|status| status.success()) {
        let shown = if target.contains("://") {
            target.to_string()
        } else {
            format!("file://{target}")
        };
        println!("Open {shown} in a web browser to see the page");
    }
}
