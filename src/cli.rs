//! The command line: `safesite build`, `check`, `report`, `serve`, `new` and `init`; exit
//! codes 0 (ok),
//! 1 (content or validation errors) and 2 (usage errors, from clap).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions, Mode};
use crate::diagnostics::{plural, render_human, render_json};

/// safesite: an accessible website for a safeguarding children partnership, from Markdown.
#[derive(Debug, Parser)]
#[command(name = "safesite", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The old output stays in place if the build fails.
    Build(BuildArgs),
    /// Check the site for problems without writing anything.
    Check(CheckArgs),
    /// Write the statutory report for the board and the scrutineer: topics met and
    /// missing, dates due or overdue in the next 90 days, and the recommendations tracker.
    ///
    /// One self-contained HTML page (or JSON with --format json), written to FILE or to
    /// standard output; never into the site's output folder. The site is checked first:
    /// if it has errors they are shown as by `check`, and no report is written.
    Report(ReportArgs),
    /// Make a new content file of a kind, with every required field and heading.
    ///
    /// KIND is one of: arrangements, scrutiny-report, yearly-report, self-assessment,
    /// practice-review, threshold, s11-audit, page.
    /// PATH is under content/: reports/scrutiny-report-2025-26 makes
    /// content/reports/scrutiny-report-2025-26.md; end it with / for a page bundle.
    New(NewArgs),
    /// Make a new partnership site in DIR (default: this folder).
    Init(InitArgs),
    /// Preview the site on this computer, rebuilding and reloading the browser on every change.
    ///
    /// The preview is built into a temporary folder (public/ is left alone) with base_url
    /// set to the local address. Serves on 127.0.0.1 only unless --interface names another
    /// address.
    Serve(ServeArgs),
}

/// `safesite serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The port to listen on (0 picks a free one).
    #[arg(long, short = 'p', default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Anything but loopback lets other computers reach the
    /// preview server, which is not made for that: you get a warning.
    #[arg(long, short = 'i', default_value = "127.0.0.1", value_name = "ADDRESS")]
    interface: String,
    /// Open the site in the default browser.
    #[arg(long, short = 'O')]
    open: bool,
    /// Look for changes every half second instead of waiting for the system to report
    /// them: for network drives, Windows drives under WSL (/mnt/c) and Docker volumes,
    /// where saves are not reported.
    #[arg(long)]
    poll: bool,
}

/// `safesite new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to make.
    kind: String,
    /// Where, under content/.
    path: String,
    /// The site folder, holding config.toml.
    #[arg(long, short = 'r', default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

/// `safesite init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the new site.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The partnership's name.
    #[arg(long, default_value = "Our Safeguarding Children Partnership")]
    name: String,
}

/// Options shared by every command that reads a site.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder, holding config.toml.
    #[arg(long, short = 'r', default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Include pages marked `draft = true`, and pages whose publish_from is still to
    /// come (marked "scheduled for …").
    #[arg(long)]
    pub drafts: bool,
}

/// `safesite build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site (default: output_dir from config.toml, usually public).
    #[arg(long = "output-dir", short = 'o', value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site will be published at, replacing base_url from config.toml.
    #[arg(long, short = 'u', value_name = "URL")]
    base_url: Option<String>,
}

/// How `check` reports.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Messages for people.
    Human,
    /// A JSON array, one object per problem.
    Json,
}

/// `safesite check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Also fetch every link to another site and report the broken ones (results are
    /// kept for a day in .cache/safesite/links.json).
    #[arg(long)]
    links: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// What `report` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// The same data as JSON.
    Json,
}

/// `safesite report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the report (default: standard output).
    #[arg(long = "output", short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    format: ReportFormat,
    /// List the pages' change notes from this day on, such as the day of the last board
    /// meeting (YYYY-MM-DD; default: the last 90 days).
    #[arg(long, value_name = "DATE")]
    since: Option<jiff::civil::Date>,
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build(args) => build_command(args, color),
        Command::Check(args) => check_command(args, color),
        Command::Report(args) => report_command(args, color),
        Command::New(args) => new_command(args, color),
        Command::Init(args) => init_command(args, color),
        Command::Serve(args) => serve_command(args, color),
    }
}

/// Prints one error and returns exit code 1.
fn fail(d: crate::diagnostics::Diagnostic, color: bool) -> ExitCode {
    eprint!("{}", render_human(&[d], color));
    ExitCode::FAILURE
}

fn serve_command(args: ServeArgs, color: bool) -> ExitCode {
    let options = crate::serve::ServeOptions {
        root: args.site.root,
        port: args.port,
        interface: args.interface,
        open: args.open,
        poll: args.poll,
        drafts: args.site.drafts,
        color,
    };
    match crate::serve::run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => fail(d, color),
    }
}

fn new_command(args: NewArgs, color: bool) -> ExitCode {
    let today = match crate::content::date::today() {
        Ok(t) => t,
        Err(d) => return fail(d, color),
    };
    match crate::scaffold::new_content(&args.root, &args.kind, &args.path, today) {
        Ok(path) => {
            println!(
                "Created {} from the {} archetype.\nFill in everything marked TODO, then run `safesite check`.",
                path.display(),
                args.kind
            );
            ExitCode::SUCCESS
        }
        Err(d) => fail(d, color),
    }
}

fn init_command(args: InitArgs, color: bool) -> ExitCode {
    let today = match crate::content::date::today() {
        Ok(t) => t,
        Err(d) => return fail(d, color),
    };
    match crate::scaffold::init(&args.dir, &args.name, today) {
        Ok(files) => {
            println!(
                "Created a new site for {} in {}:",
                args.name,
                args.dir.display()
            );
            for f in files {
                println!("  {}", f.display());
            }
            let cd = if args.dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", args.dir.display())
            };
            println!("Next: {cd}safesite check, then fill in everything marked TODO.");
            ExitCode::SUCCESS
        }
        Err(d) => fail(d, color),
    }
}

fn build_command(args: BuildArgs, color: bool) -> ExitCode {
    let options = BuildOptions {
        root: args.site.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.site.drafts,
        scheduled: args.site.drafts,
        links: false,
        changes_since: None,
    };
    let outcome = build::run(&options, Mode::Build);
    eprint!("{}", render_human(&outcome.diagnostics, color));
    if outcome.failed() {
        eprintln!("Build failed: nothing was written, and any previous output is unchanged.");
        return ExitCode::FAILURE;
    }
    let where_to = outcome
        .output
        .as_ref()
        .map(|p| format!(" → {}", p.display()))
        .unwrap_or_default();
    println!("{}{where_to}", outcome.summary("Built", ""));
    let cleaned = outcome.counts.images_cleaned;
    if cleaned > 0 {
        println!(
            "Published {cleaned} {} without {} metadata (such as where a photo was taken); [privacy] keep_image_metadata keeps it on purpose.",
            crate::diagnostics::plural(cleaned, "image", "images"),
            crate::diagnostics::plural(cleaned, "its", "their"),
        );
    }
    if outcome.counts.pdfs_off {
        println!(
            "PDFs are off: this safesite was built without its `pdf` feature, so reports have no PDF."
        );
    }
    ExitCode::SUCCESS
}

fn check_command(args: CheckArgs, color: bool) -> ExitCode {
    let options = BuildOptions {
        root: args.site.root,
        drafts: args.site.drafts,
        links: args.links,
        ..BuildOptions::default()
    };
    let outcome = build::run(&options, Mode::Check);
    let warnings = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_warning())
        .count();
    let failed = outcome.failed() || (args.strict && warnings > 0);
    match args.format {
        Format::Json => println!("{}", render_json(&outcome.diagnostics)),
        Format::Human => {
            for report in &outcome.statutory {
                println!("{}", crate::check::render_table(report));
            }
            eprint!("{}", render_human(&outcome.diagnostics, color));
            if failed && !outcome.failed() {
                eprintln!(
                    "Check failed: with --strict, warnings count as errors. Fix the {} above, or run without --strict.",
                    plural(warnings, "warning", "warnings")
                );
            }
            if !failed {
                let verdict = if warnings == 0 {
                    "no problems found"
                } else {
                    "no errors"
                };
                println!("{}: {verdict}", outcome.summary("Checked", ""));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn report_command(args: ReportArgs, color: bool) -> ExitCode {
    let options = BuildOptions {
        root: args.site.root,
        drafts: args.site.drafts,
        changes_since: args.since,
        ..BuildOptions::default()
    };
    let outcome = build::run(&options, Mode::Report);
    eprint!("{}", render_human(&outcome.diagnostics, color));
    let failed = outcome.failed();
    let Some(board) = outcome.board.filter(|_| !failed) else {
        eprintln!("No report was written: fix the errors above, then run `safesite report` again.");
        return ExitCode::FAILURE;
    };
    let text = match args.format {
        ReportFormat::Html => crate::report::html::render(&board),
        ReportFormat::Json => crate::report::to_json(&board) + "\n",
    };
    match &args.output {
        None => print!("{text}"),
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                return fail(
                    crate::diagnostics::Diagnostic::error(format!(
                        "could not write the report to {}: {e}",
                        path.display()
                    ))
                    .with_hint("check that the folder exists and that you can write to it"),
                    color,
                );
            }
            eprintln!("Wrote the report to {}", path.display());
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
