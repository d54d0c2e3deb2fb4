//! `.cargo/cmake-wrapper`, the cmake that highs-sys runs, called the way a build calls it: from a
//! parallel make whose jobserver pipe sits on low descriptors. A wrapper that takes a fixed descriptor
//! for its lock (it once used 9) replaces the jobserver's read end, and the sub-make of
//! `cmake --build` stops with "read jobs pipe: Bad file descriptor" (issue 9, defect 1).

use crate::common::root;
use std::fs;
use std::process::Command;

/// A stand-in for cmake: runs a parallel sub-make that needs jobserver tokens, and lists the files
/// its own descriptors point at.
const FAKE_CMAKE: &str = r#"#!/usr/bin/env bash
ls -l /proc/$$/fd > "$FAKE_OUT/fds.txt" 2>/dev/null
echo "$@" > "$FAKE_OUT/args.txt"
exec make -s -f "$FAKE_OUT/sub.mk"
"#;

const SUB_MK: &str =
    "all: a b c d e f\na b c d e f:\n\t@sleep 0.05; echo $@ >> $(FAKE_OUT)/made.txt\n";

/// The recipe is marked `+` so that make passes its jobserver down, as cargo passes its own to
/// highs-sys's build script.
const TOP_MK: &str = "all:\n\t+@$(WRAPPER) --build out --target install\n";

#[test]
fn wrapper_keeps_the_jobserver_descriptors_of_a_parallel_make() {
    if Command::new("make").arg("--version").output().is_err() {
        eprintln!("skipped: no make on this machine");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bin = d.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let cmake = bin.join("cmake");
    fs::write(&cmake, FAKE_CMAKE).unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&cmake)
        .status()
        .unwrap();
    fs::write(d.join("sub.mk"), SUB_MK).unwrap();
    fs::write(d.join("top.mk"), TOP_MK).unwrap();
    // A libclang already in place, so that the wrapper only looks for cmake.
    let tools = d.join("tools");
    fs::create_dir_all(tools.join("clang/native")).unwrap();
    fs::write(tools.join("clang/native/libclang.so"), b"").unwrap();

    let wrapper = root().join(".cargo/cmake-wrapper");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // Descriptors 3–8 taken first, so that make's jobserver pipe lands on 9 and 10, as cargo's did.
    let out = Command::new("bash")
        .arg("-c")
        .arg(
            "exec 3</dev/null 4</dev/null 5</dev/null 6</dev/null 7</dev/null 8</dev/null; \
             make -j4 -f \"$FAKE_OUT/top.mk\" 2>&1",
        )
        .env("PATH", path)
        .env("FAKE_OUT", d)
        .env("WRAPPER", &wrapper)
        .env("ROTAPLAN_BUILDTOOLS", &tools)
        // CI sets this to force the PyPI path; here the fake cmake on PATH must be the one found.
        .env_remove("ROTAPLAN_BUILDTOOLS_FROM")
        .env_remove("MAKEFLAGS")
        .env_remove("CARGO_MAKEFLAGS")
        .env_remove("MFLAGS")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "make failed: {text}");
    assert!(!text.contains("Bad file descriptor"), "{text}");
    let mut made: Vec<String> = fs::read_to_string(d.join("made.txt"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    made.sort();
    assert_eq!(made, ["a", "b", "c", "d", "e", "f"]);
    assert_eq!(
        fs::read_to_string(d.join("args.txt")).unwrap().trim(),
        "--build out --target install"
    );
    // The real cmake inherits no descriptor of the wrapper's lock.
    let fds = fs::read_to_string(d.join("fds.txt")).unwrap();
    assert!(
        fds.contains("pipe:"),
        "the jobserver pipe reached cmake: {fds}"
    );
    assert!(!fds.contains(".lock"), "the lock leaked into cmake: {fds}");
}
