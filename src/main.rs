//! The `safesite` binary: everything lives in the library; see `safesite::cli`.

fn main() -> std::process::ExitCode {
    safesite::cli::run()
}
