//! `resize_image` and `get_image_metadata`, with Zola's arguments and fields; the work
//! is done by [`crate::images`].

use std::sync::Arc;

use tera::{Kwargs, TeraResult, Value};

use super::files::SiteFiles;
use crate::images::Images;
use crate::images::ops::Operation;

/// A number argument given as an integer or a float (`(w / 2) | round` is a float);
/// `None` when it is not given or is 0.
fn size(kwargs: &Kwargs, name: &str) -> TeraResult<Option<u32>> {
    let Some(v) = kwargs.get::<Value>(name)? else {
        return Ok(None);
    };
    if v.is_none() || v.is_undefined() {
        return Ok(None);
    }
    let n = v
        .as_i64()
        .or_else(|| {
            v.as_f64()
                .filter(|f| f.is_finite())
                .map(|f| f.round() as i64)
        })
        .ok_or_else(|| {
            tera::Error::message(format!("resize_image: `{name}` must be a number, not {v}"))
        })?;
    u32::try_from(n).map(|n| (n > 0).then_some(n)).map_err(|_| {
        tera::Error::message(format!("resize_image: `{name}` must be 0 or more, not {n}"))
    })
}

/// An error about the image file `path`: what is wrong, then (after
/// [`crate::templates::HELP`]) what to do.
fn image_error(function: &str, path: &str, problem: &str) -> tera::Error {
    let (what, fix) = problem
        .split_once("; ")
        .unwrap_or((problem, "check the file"));
    tera::Error::message(format!(
        "{function}: the image `{path}`: {what}{}{fix}",
        crate::templates::HELP
    ))
}

/// `resize_image(path, width, height, op="fill", format="auto", quality=75)`.
pub(super) fn resize_image(
    files: &SiteFiles,
    images: &Arc<Images>,
    kwargs: &Kwargs,
) -> TeraResult<Value> {
    let path: &str = kwargs.must_get("path")?;
    let op: &str = kwargs.get("op")?.unwrap_or("fill");
    let format: &str = kwargs.get("format")?.unwrap_or("auto");
    let quality: Option<i64> = kwargs.get("quality")?;
    let op = Operation::from_args(op, size(kwargs, "width")?, size(kwargs, "height")?)
        .map_err(|e| tera::Error::message(format!("resize_image: {e}")))?;
    let file = files.find("resize_image", path)?;
    let resized = images
        .resize(&file, path, op, format, quality)
        .map_err(|e| image_error("resize_image", path, &e))?;
    Ok(Value::from_serializable(&resized))
}

/// `get_image_metadata(path, allow_missing=false)`: `{width, height, format, mime}`, or
/// nothing for a missing file when `allow_missing` is true.
pub(super) fn get_image_metadata(
    files: &SiteFiles,
    images: &Arc<Images>,
    kwargs: &Kwargs,
) -> TeraResult<Value> {
    let path: &str = kwargs.must_get("path")?;
    let file = match files.find("get_image_metadata", path) {
        Ok(f) => f,
        Err(_) if kwargs.get::<bool>("allow_missing")?.unwrap_or(false) => {
            return Ok(Value::none());
        }
        Err(e) => return Err(e),
    };
    let meta = images
        .metadata(&file)
        .map_err(|e| image_error("get_image_metadata", path, &e))?;
    Ok(Value::from_serializable(&serde_json::json!({
        "width": meta.size.0,
        "height": meta.size.1,
        "format": meta.format_name(),
        "mime": meta.mime(),
    })))
}
