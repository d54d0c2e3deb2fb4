//! `--help` in the language of the command line: `--lang` anywhere in argv, else the locale (the
//! rule of the command line's own errors). English is clap's derive as written in the command
//! modules; for Vietnamese the built `Command` gets every description, argument help, example
//! section and heading from report::help's rows before it parses.

use clap::{Arg, Command};
use rotaplan::domain::Lang;
use rotaplan::report::help::{HelpWord, help, with_values, word};
use std::ffi::OsString;

/// The language of `--help` and of the command line's errors: `--lang vi|en` (or `--lang=…`)
/// anywhere in `argv`, else the locale.
pub(crate) fn lang_of(argv: &[OsString]) -> Lang {
    let mut flag = None;
    let mut args = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            flag = args.next().map(|v| v.into_owned());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v.to_string());
        }
    }
    super::Langs::from_cli(flag.as_deref()).plain()
}

/// The command line of rotaplan with its help in `lang`.
pub(crate) fn command(lang: Lang) -> Command {
    use clap::CommandFactory;
    let mut c = super::Cli::command();
    if lang == Lang::En {
        return c;
    }
    // Built first: the help and version flags and the global arguments are then in every command.
    c.build();
    localise(c, "", lang)
}

/// The command at `path` with its words in `lang`, its subcommands too.
fn localise(mut c: Command, path: &str, lang: Lang) -> Command {
    if let Some(about) = help(lang, path, "@about") {
        c = c.about(about).long_about(None::<&str>);
    }
    if let Some(examples) = help(lang, path, "@examples") {
        c = c.after_help(examples).after_long_help(None::<&str>);
    }
    let usage = c
        .render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", word(lang, HelpWord::OptionsPlaceholder))
        .replace(
            "<COMMAND>",
            &format!("<{}>", word(lang, HelpWord::CommandPlaceholder)),
        );
    c = c
        .override_usage(usage)
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            word(lang, HelpWord::Usage)
        ))
        .subcommand_help_heading(word(lang, HelpWord::Commands))
        .subcommand_value_name(word(lang, HelpWord::CommandPlaceholder));
    let ids: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        c = c.mut_arg(&id, |a| localise_arg(a, path, lang));
    }
    let subs: Vec<String> = c
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        if name == "help" {
            c = c.mut_subcommand(&name, |s| {
                s.about(word(lang, HelpWord::HelpCommand))
                    .long_about(None::<&str>)
            });
            continue;
        }
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        c = c.mut_subcommand(&name, |s| localise(s, &sub_path, lang));
    }
    c
}

/// One argument's help, default and possible values in `lang`, under the heading of its kind.
fn localise_arg(a: Arg, path: &str, lang: Lang) -> Arg {
    let id = a.get_id().as_str().to_string();
    let text = match id.as_str() {
        "help" => {
            return a
                .help(word(lang, HelpWord::PrintHelp))
                .long_help(word(lang, HelpWord::PrintHelpLong))
                .help_heading(word(lang, HelpWord::Options));
        }
        "version" => {
            return a
                .help(word(lang, HelpWord::PrintVersion))
                .help_heading(word(lang, HelpWord::Options));
        }
        // A global argument is the top level's, in every command.
        _ => help(lang, path, &id).or_else(|| help(lang, "", &id)),
    };
    let Some(text) = text else {
        return a;
    };
    let takes_value = a.get_action().takes_values();
    let default = (takes_value && !a.is_hide_default_value_set())
        .then(|| {
            a.get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|d| !d.is_empty());
    let values: Vec<(String, Option<String>)> = if takes_value && !a.is_hide_possible_values_set() {
        a.get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| {
                let name = v.get_name().to_string();
                let words = v.get_help().map(|_| {
                    help(lang, path, &format!("{id}={name}"))
                        .or_else(|| help(lang, "", &format!("{id}={name}")))
                        .unwrap_or_default()
                        .to_string()
                });
                (name, words)
            })
            .collect()
    } else {
        Vec::new()
    };
    let heading = if a.is_positional() {
        HelpWord::Arguments
    } else {
        HelpWord::Options
    };
    let env = (!a.is_hide_env_set())
        .then(|| a.get_env().map(|e| e.to_string_lossy().into_owned()))
        .flatten();
    a.help(with_values(
        lang,
        text,
        default.as_deref(),
        &values,
        env.as_deref(),
    ))
    .long_help(None::<&str>)
    .hide_default_value(true)
    .hide_possible_values(true)
    .hide_env(true)
    .help_heading(word(lang, heading))
}
