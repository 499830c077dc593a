//! What `resize_image` is asked for, checked: Zola's operations (`scale`, `fit_width`,
//! `fit_height`, `fit`, `fill`) worked out against the image's size as a crop and a
//! resize, and the format and quality to write.

/// A resize operation with the sizes it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Exactly this width and height, whatever the aspect ratio.
    Scale(u32, u32),
    /// This width; the height keeps the aspect ratio.
    FitWidth(u32),
    /// This height; the width keeps the aspect ratio.
    FitHeight(u32),
    /// Within this width and height, keeping the aspect ratio (never enlarged).
    Fit(u32, u32),
    /// Exactly this width and height, cropping the middle to keep the aspect ratio.
    Fill(u32, u32),
}

impl Operation {
    /// The operation named `op` with the sizes given, or what is missing.
    pub fn from_args(op: &str, width: Option<u32>, height: Option<u32>) -> Result<Self, String> {
        let need = |w: Option<u32>, what: &str| {
            w.filter(|&n| n > 0)
                .ok_or_else(|| format!("op=\"{op}\" needs a {what} above 0"))
        };
        Ok(match op {
            "scale" => Operation::Scale(need(width, "width")?, need(height, "height")?),
            "fit_width" => Operation::FitWidth(need(width, "width")?),
            "fit_height" => Operation::FitHeight(need(height, "height")?),
            "fit" => Operation::Fit(need(width, "width")?, need(height, "height")?),
            "fill" => Operation::Fill(need(width, "width")?, need(height, "height")?),
            other => {
                return Err(format!(
                    "`{other}` is not an operation: use scale, fit_width, fit_height, fit or fill"
                ));
            }
        })
    }

    /// The crop (x, y, width, height) then the resize (width, height) this operation
    /// makes of an image of `(w, h)` pixels; `None` for a step not needed.
    pub fn plan(self, (w, h): (u32, u32)) -> Plan {
        let (w64, h64) = (u64::from(w.max(1)), u64::from(h.max(1)));
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX).max(1);
        match self {
            Operation::Scale(tw, th) => Plan::resize(tw, th),
            Operation::FitWidth(tw) => Plan::resize(tw, clamp(h64 * u64::from(tw) / w64)),
            Operation::FitHeight(th) => Plan::resize(clamp(w64 * u64::from(th) / h64), th),
            Operation::Fit(tw, th) => {
                if w <= tw && h <= th {
                    Plan::default()
                } else if w64 * u64::from(th) > h64 * u64::from(tw) {
                    Operation::FitWidth(tw).plan((w, h))
                } else {
                    Operation::FitHeight(th).plan((w, h))
                }
            }
            Operation::Fill(tw, th) => {
                let factor_w = w64 as f64 / f64::from(tw);
                let factor_h = h64 as f64 / f64::from(th);
                if (factor_w - factor_h).abs() <= 0.1 {
                    return Plan::resize(tw, th);
                }
                // Crop the middle to the target's aspect ratio first (fewer pixels to
                // resize), then resize exactly.
                let (cw, ch) = if factor_w < factor_h {
                    (w, clamp((factor_w * f64::from(th)).round() as u64).min(h))
                } else {
                    (clamp((factor_h * f64::from(tw)).round() as u64).min(w), h)
                };
                Plan {
                    crop: Some(((w - cw) / 2, (h - ch) / 2, cw, ch)),
                    resize: Some((tw, th)),
                }
            }
        }
    }
}

/// A crop, then a resize.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Plan {
    /// x, y, width, height.
    pub crop: Option<(u32, u32, u32, u32)>,
    /// width, height.
    pub resize: Option<(u32, u32)>,
}

impl Plan {
    fn resize(w: u32, h: u32) -> Self {
        Plan {
            crop: None,
            resize: Some((w, h)),
        }
    }

    /// The size of the result for an image of `size`.
    pub fn size(&self, size: (u32, u32)) -> (u32, u32) {
        self.resize
            .or(self.crop.map(|(_, _, w, h)| (w, h)))
            .unwrap_or(size)
    }
}

/// The file format written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// JPEG at a quality from 1 to 100.
    Jpeg(u8),
    /// PNG (lossless).
    Png,
    /// WebP, written lossless (the pure-Rust encoder has no lossy mode).
    WebP,
}

impl Format {
    /// The format named `format` (`auto` is JPEG for a lossy source, PNG otherwise) at
    /// `quality` (JPEG only; 75 when not given).
    pub fn from_args(
        format: &str,
        lossy_source: bool,
        quality: Option<i64>,
    ) -> Result<Self, String> {
        let quality = match quality {
            None => 75,
            Some(q @ 1..=100) => q as u8,
            Some(q) => return Err(format!("quality must be from 1 to 100; {q} is not")),
        };
        Ok(match format {
            "auto" if lossy_source => Format::Jpeg(quality),
            "auto" | "png" => Format::Png,
            "jpg" | "jpeg" => Format::Jpeg(quality),
            "webp" => Format::WebP,
            other => {
                return Err(format!(
                    "`{other}` is not a format resize_image writes: use auto, jpg, png or webp"
                ));
            }
        })
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg(_) => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_keep_or_fill_the_aspect_ratio_as_zola_does() {
        let size = (1200, 800);
        let plan = |op: Operation| op.plan(size);
        assert_eq!(plan(Operation::Scale(100, 100)).size(size), (100, 100));
        assert_eq!(plan(Operation::FitWidth(600)).size(size), (600, 400));
        assert_eq!(plan(Operation::FitHeight(200)).size(size), (300, 200));
        assert_eq!(plan(Operation::Fit(300, 300)).size(size), (300, 200));
        // An image already inside the box is left as it is.
        assert_eq!(plan(Operation::Fit(5000, 5000)), Plan::default());
        assert_eq!(plan(Operation::Fit(5000, 5000)).size(size), size);
        // Fill crops the middle to a square, then resizes.
        let fill = plan(Operation::Fill(200, 200));
        assert_eq!(fill.crop, Some((200, 0, 800, 800)));
        assert_eq!(fill.size(size), (200, 200));
        // Nearly the same ratio: no crop.
        assert_eq!(plan(Operation::Fill(600, 401)).crop, None);
    }

    #[test]
    fn arguments_are_checked() {
        assert!(Operation::from_args("fit_width", None, Some(3)).is_err());
        assert!(Operation::from_args("fill", Some(3), Some(0)).is_err());
        assert!(Operation::from_args("stretch", Some(3), Some(3)).is_err());
        assert_eq!(Format::from_args("auto", true, None), Ok(Format::Jpeg(75)));
        assert_eq!(Format::from_args("auto", false, Some(10)), Ok(Format::Png));
        assert!(Format::from_args("jpg", true, Some(0)).is_err());
        assert!(Format::from_args("avif", true, None).is_err());
    }
}
