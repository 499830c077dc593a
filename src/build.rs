//! One run of the pipeline, shared by `build` and `check`:
//! config → load content → templates → Markdown → jobs → output.

mod session;

pub use session::{Session, describe};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::check::{self, StatutoryReport};
use crate::config::{Config, OutputProblem};
use crate::content::partnership::Partnership;
use crate::content::{contacts, kinds};
use crate::diagnostics::{Diagnostic, Diagnostics, plural};
use crate::output::Sink;
use crate::render::{Copies, JobCounts, KindInputs, links, render_site, run_jobs};
use crate::report::BoardReport;
use crate::templates::{Library, Templates};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding `config.toml`).
    pub root: PathBuf,
    /// Where to write; `config.output_dir` under the root when `None`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Include pages whose `publish_from` is still to come, marked as scheduled
    /// (`serve`, `build --drafts`).
    pub scheduled: bool,
    /// Fetch every external link (`check --links`).
    pub links: bool,
    /// The day `report` lists changes from (`report --since`).
    pub changes_since: Option<jiff::civil::Date>,
}

/// Whether the run writes the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the site (atomically).
    Build,
    /// Validate everything, write nothing.
    Check,
    /// Validate like [`Mode::Check`] and gather the board report (`safesite report`).
    Report,
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// Everything found, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// What was rendered.
    pub counts: JobCounts,
    /// How long it took.
    pub elapsed: Duration,
    /// The output folder (written only by a successful build).
    pub output: Option<PathBuf>,
    /// The statutory met/missing table of each arrangements page and yearly report.
    pub statutory: Vec<StatutoryReport>,
    /// The board report, gathered in [`Mode::Report`] once the content has loaded.
    pub board: Option<BoardReport>,
}

impl Outcome {
    /// The one-line summary people see: `Built 9 pages, 4 sections in 45 ms`, with
    /// `after` (such as " after a change to content/a.md") before the time.
    pub fn summary(&self, verb: &str, after: &str) -> String {
        let c = self.counts;
        format!(
            "{verb} {} {}, {} {}{after} in {} ms",
            c.pages,
            plural(c.pages, "page", "pages"),
            c.sections,
            plural(c.sections, "section", "sections"),
            self.elapsed.as_millis()
        )
    }

    /// Whether any diagnostic is an error.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Runs the pipeline once.
pub fn run(options: &BuildOptions, mode: Mode) -> Outcome {
    run_inner(options, mode, None)
}

/// Builds the site, and when that succeeds keeps what it knew, so that edits can then
/// be applied with [`Session::update`] (for `serve`).
pub fn run_keeping(options: &BuildOptions) -> (Outcome, Option<Session>) {
    let mut session = None;
    let outcome = run_inner(options, Mode::Build, Some(&mut session));
    (outcome, session)
}

fn run_inner(options: &BuildOptions, mode: Mode, keep: Option<&mut Option<Session>>) -> Outcome {
    let start = Instant::now();
    let mut diags = Diagnostics::new();
    let mut found = Found::default();
    let (counts, output) = pipeline(options, mode, &mut diags, &mut found, keep);
    Outcome {
        diagnostics: diags.sorted_for(crate::config::settings_file(&options.root)),
        counts,
        elapsed: start.elapsed(),
        output,
        statutory: found.statutory,
        board: found.board,
    }
}

/// What a run finds besides diagnostics.
#[derive(Default)]
struct Found {
    statutory: Vec<StatutoryReport>,
    board: Option<BoardReport>,
}

fn pipeline(
    options: &BuildOptions,
    mode: Mode,
    all: &mut Diagnostics,
    found: &mut Found,
    keep: Option<&mut Option<Session>>,
) -> (JobCounts, Option<PathBuf>) {
    let root = options.root.as_path();
    let loaded = match Config::load(root, options.base_url.as_deref()) {
        Ok(l) => l,
        Err(ds) => {
            all.extend(ds);
            return (JobCounts::default(), None);
        }
    };
    all.extend(loaded.warnings);
    let config = loaded.config;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    if let Err(d) = check_output_folder(root, &output) {
        all.push(d);
        return (JobCounts::default(), None);
    }

    let mut diags = Vec::new();
    // One day for every stage: what is withdrawn, overdue or due is decided as of it.
    let today = crate::content::date::today().unwrap_or_else(|d| {
        diags.push(d);
        jiff::civil::Date::constant(2000, 1, 1)
    });
    let loaded = match crate::load::load(root, &config) {
        Ok(l) => l,
        Err(d) => {
            all.extend(diags);
            all.push(d);
            return (JobCounts::default(), None);
        }
    };
    let (site, texts, place_diags) =
        crate::content::place(loaded, &config, today, options.drafts, options.scheduled);
    diags.extend(place_diags);

    let site = Arc::new(site);
    // Shortcodes see the pages before their Markdown is rendered: fields, no content.
    let config = Arc::new(config);
    let before = Arc::new(Library::new(Arc::clone(&site), Arc::clone(&config)));
    let theme_dir = config.theme_dir(root);
    let mut templates = match Templates::load(
        root,
        theme_dir.as_deref(),
        &config,
        &before,
        config.markdown.smart_punctuation,
    ) {
        Ok((t, warnings)) => {
            diags.extend(warnings);
            t
        }
        Err(ds) => {
            all.extend(diags);
            all.extend(ds);
            return (JobCounts::default(), None);
        }
    };
    let partnership = Partnership::load(root).unwrap_or_else(|d| {
        diags.push(d);
        None
    });
    let (frameworks, framework_diags) = kinds::frameworks::load_used(root, &site);
    diags.extend(framework_diags);
    let copies = Copies::find(root, &config, &site, templates.stylesheets());
    let known = &copies.known;
    let documents = crate::content::documents::Inspected::default();
    diags.extend(crate::render::downloads::check_static_documents(
        root,
        &copies.files,
        &documents,
        mode != Mode::Build,
    ));
    let inputs = KindInputs {
        root,
        known,
        partnership: partnership.as_ref(),
        today,
        frameworks: &frameworks,
        document_access: mode != Mode::Build,
        documents: &documents,
    };
    let (contacts, contact_diags) = contacts::load(root, today);
    diags.extend(contact_diags);
    templates.insert_global(
        "contacts",
        contacts.as_ref().map_or_else(tera::Value::none, |c| {
            tera::Value::from_serializable(&c.view())
        }),
    );
    let (mut rendered, renders) =
        render_site(&site, texts, &config, &templates, &inputs, &mut diags);
    let library = Arc::new(before.with_renders(Arc::clone(&site), Arc::new(renders)));
    templates.use_library(&library);
    let context = kinds::CheckContext {
        root,
        config: &config,
        today,
        partnership: partnership.as_ref(),
        frameworks: &frameworks,
    };
    let (reports, kind_diags) = check::kinds(&site, &library, &context);
    diags.extend(kind_diags);
    if mode != Mode::Build {
        diags.extend(check::theme_pages(&library));
        diags.extend(check::security_txt(&config, today));
        diags.extend(crate::content::kinds::record_checks::advise_versions(&site));
    }
    if mode == Mode::Check && options.links {
        let external = rendered
            .pages
            .iter()
            .chain(&rendered.sections)
            .flat_map(|b| b.external.iter());
        diags.extend(check::external::check_links(external, &config, root));
    }
    if mode == Mode::Report {
        found.board = Some(crate::report::gather(
            &site,
            &context,
            contacts.as_ref(),
            &reports,
            options.changes_since,
        ));
    }
    found.statutory = reports;
    let sink = match mode {
        Mode::Check | Mode::Report => Sink::Discard,
        Mode::Build if diags.iter().any(Diagnostic::is_error) => Sink::Discard,
        Mode::Build => match Sink::staging(&output) {
            Ok(s) => s,
            Err(e) => {
                all.extend(diags);
                all.push(Diagnostic::error(format!(
                    "could not create a build folder beside {}: {e}",
                    output.display()
                )));
                return (JobCounts::default(), None);
            }
        },
    };
    let done = run_jobs(
        &copies, &config, &rendered, &library, &templates, &sink, &mut diags,
    );
    let mut counts = done.counts;
    publish_images(&templates, &sink, &mut counts, &mut diags);
    // Root-relative links to a file that failed to load would only repeat that error.
    if !diags.iter().any(Diagnostic::is_error) {
        diags.append(&mut rendered.link_warnings);
        links::check_anchors(&site, &rendered, &mut diags);
    }
    #[cfg(feature = "search")]
    if mode == Mode::Build
        && config.searches_any_language()
        && !diags.iter().any(Diagnostic::is_error)
        && let Err(d) = crate::search::index_site(&sink, &crate::search::Scope::of(&config))
    {
        diags.push(d);
    }
    let failed = diags.iter().any(Diagnostic::is_error);
    all.extend(diags);
    if failed || mode != Mode::Build {
        return (counts, None);
    }
    match sink.commit() {
        Ok(()) => {
            templates.images().prune();
            if let Some(keep) = keep {
                *keep = Some(Session::new(session::Made {
                    root: root.to_path_buf(),
                    output: output.clone(),
                    config,
                    site,
                    templates,
                    library,
                    rendered,
                    plan: done.plan,
                    known: copies.known,
                }));
            }
            (counts, Some(output))
        }
        Err(e) => {
            all.push(Diagnostic::error(format!(
                "could not put the new site in place at {}: {e}",
                output.display()
            )));
            (counts, None)
        }
    }
}

/// Copies the images templates resized (since the last call) into the output's
/// `processed_images/`.
pub(crate) fn publish_images(
    templates: &Templates,
    sink: &Sink,
    counts: &mut JobCounts,
    diags: &mut Vec<Diagnostic>,
) {
    for (made, dest) in templates.images().take_new() {
        match sink.copy(&made, &dest) {
            Ok(()) => counts.files += 1,
            Err(e) => diags.push(Diagnostic::error(format!(
                "could not copy the resized image {} to the output: {e}",
                made.display()
            ))),
        }
    }
}

/// Refuses output folders that would overwrite the site's own files.
fn check_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let message = match crate::config::output_problem(root, output) {
        None => return Ok(()),
        Some(OutputProblem::HoldsSite) => format!(
            "the output folder {} holds the site itself, and building would replace it",
            output.display()
        ),
        Some(OutputProblem::Inside(dir)) => {
            format!("the output folder {} is inside {dir}/", output.display())
        }
    };
    Err(Diagnostic::error(message).with_hint(
        "choose an output folder outside content/, templates/, static/ and themes/, such as public",
    ))
}
