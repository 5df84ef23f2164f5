//! Shell integration, with the real tools: the completion scripts load in
//! bash, zsh and fish and complete commands and flags; the manual pages
//! render in groff without a warning and read in man. `.ci/run` installs
//! the shells and groff when missing; without them these tests fail.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// The folder of the negkb binary under test, first on the PATH.
fn path_with_negkb() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_negkb")).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn shell(program: &str, script: &str) -> Output {
    Command::new(program)
        .args(["-c", script])
        .env("PATH", path_with_negkb())
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed (.ci/run installs it): {e}"))
}

#[test]
fn bash_completes_commands_and_flags() {
    let complete = |words: &str| {
        let script = format!(
            "source <(negkb completions bash)
             COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMP_LINE=\"{words}\"; COMP_POINT=${{#COMP_LINE}}
             _negkb negkb \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let out = shell("bash", &script);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let commands = complete("negkb cha");
    assert_eq!(
        commands.split_whitespace().collect::<Vec<_>>(),
        ["changes", "chart"]
    );
    let flags = complete("negkb changes --");
    for flag in ["--from", "--to", "--party", "--stale-after", "--width"] {
        assert!(flags.lines().any(|l| l == flag), "{flag} missing:\n{flags}");
    }
    let shells = complete("negkb completions ''");
    let shells: Vec<&str> = shells
        .split_whitespace()
        .filter(|w| !w.starts_with('-'))
        .collect();
    assert_eq!(shells, ["bash", "zsh", "fish"]);
}

#[test]
fn fish_completes_commands_and_flags() {
    let out = shell(
        "fish",
        "negkb completions fish | source; complete -C 'negkb chan'; complete -C 'negkb talks --st'",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().any(|l| l.starts_with("changes\t")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("--status")), "{text}");
}

#[test]
fn zsh_loads_the_completion_function() {
    let out = shell(
        "zsh",
        "autoload -U compinit && compinit -u -d \"$HOME/.negkb-zcompdump\"
         source <(negkb completions zsh)
         print -r -- ${+functions[_negkb]} ${+_comps[negkb]}",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "1 1", "{}", stderr(&out));
    let script = stdout(&run(&["completions", "zsh"]));
    for word in ["changes", "--from", "--stale-after", "completions"] {
        assert!(script.contains(word), "{word} missing from the zsh script");
    }
}

#[test]
fn manual_pages_render_without_warnings() {
    let page = |args: &[&str]| {
        let out = run(&[&["man"][..], args].concat());
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out.stdout
    };
    let mut commands = vec![vec![]];
    for c in [
        "seed",
        "check",
        "draft",
        "changes",
        "talks",
        "export",
        "completions",
        "man",
    ] {
        commands.push(vec![c]);
    }
    for args in &commands {
        let roff = page(args);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("negkb.1");
        std::fs::write(&file, &roff).unwrap();
        let groff = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&file)
            .output()
            .expect("groff must be installed (.ci/run installs it)");
        assert!(
            groff.status.success() && groff.stderr.is_empty(),
            "{args:?}: {}",
            stderr(&groff)
        );
        let man = Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .expect("man must be installed (.ci/run installs it)");
        let text = String::from_utf8_lossy(&man.stdout).replace('\u{8}', "");
        assert!(man.status.success(), "{args:?}: {}", stderr(&man));
        match args.first() {
            None => {
                for word in ["SYNOPSIS", "--db", "--width", "changes", "completions"] {
                    assert!(text.contains(word), "{word} missing from negkb(1)");
                }
            }
            Some(&"changes") => {
                assert!(text.contains("negkb-changes"), "{text}");
                assert!(text.contains("--stale-after"), "{text}");
            }
            Some(c) => assert!(text.contains(&format!("negkb-{c}")), "{text}"),
        }
    }
    let unknown = run(&["man", "nonsense"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_stderr_contains(&unknown, "choose from: seed, check");
}
