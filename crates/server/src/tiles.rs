//! An optional raster tile background for the map page (`creacity serve --tiles URL_TEMPLATE`).
//!
//! Without it nothing is fetched from the network: the map is SVG drawn from the workspace. With
//! it, a small script of the page places the `{z}/{x}/{y}` tiles of that template under the SVG,
//! which is drawn in the same Web-Mercator projection (EPSG:3857, 256-pixel tiles), and the page's
//! Content-Security-Policy lets images come from that one origin.

use crate::error::ApiError;

/// A tile server: the URL template, its origin and the attribution to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileSource {
    template: String,
    origin: String,
    attribution: String,
}

impl TileSource {
    /// Checks a template such as `https://tiles.example.org/{z}/{x}/{y}.png`: `http(s)://`, a
    /// literal host (no placeholders in it, as the page's security policy names it), and the
    /// three placeholders `{z}`, `{x}`, `{y}` in the path.
    ///
    /// ```
    /// let t = creacity_server::TileSource::new("https://tiles.example.org/{z}/{x}/{y}.png", None).unwrap();
    /// assert_eq!(t.origin(), "https://tiles.example.org");
    /// assert!(creacity_server::TileSource::new("https://{s}.example.org/{z}/{x}/{y}.png", None).is_err());
    /// ```
    ///
    /// # Errors
    /// An [`ApiError`] of kind `invalid` naming what is wrong.
    pub fn new(template: &str, attribution: Option<&str>) -> Result<Self, ApiError> {
        let bad = |why: &str| ApiError::invalid(format!("tile URL template {template:?}: {why}"));
        let rest = template
            .strip_prefix("https://")
            .or_else(|| template.strip_prefix("http://"))
            .ok_or_else(|| bad("must start with https:// or http://"))?;
        if template
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`;".contains(c))
        {
            return Err(bad(
                "must not contain spaces, quotes, '<', '>', '\\' or ';'",
            ));
        }
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || host.contains(['{', '}', '@']) {
            return Err(bad(
                "the host must be written out (no {s} subdomains, no user name)",
            ));
        }
        for p in ["{z}", "{x}", "{y}"] {
            if !rest.contains(p) {
                return Err(bad(&format!("the placeholder {p} is missing")));
            }
        }
        let attribution = attribution.unwrap_or("").trim().to_string();
        if attribution.chars().count() > 300 {
            return Err(ApiError::invalid(
                "tile attribution: at most 300 characters",
            ));
        }
        let scheme_len = template.len() - rest.len();
        Ok(Self {
            template: template.to_string(),
            origin: format!("{}{host}", &template[..scheme_len]),
            attribution,
        })
    }

    /// The URL template.
    pub fn template(&self) -> &str {
        &self.template
    }

    /// `scheme://host[:port]`, added to the map page's `img-src`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The attribution text (may be empty; the page then names the origin).
    pub fn attribution(&self) -> &str {
        &self.attribution
    }
}

#[cfg(test)]
mod tests {
    use super::TileSource;

    #[test]
    fn templates_are_checked() {
        let t = TileSource::new(
            "http://127.0.0.1:8081/t/{z}/{x}/{y}.png",
            Some(" © Someone "),
        )
        .unwrap();
        assert_eq!(t.origin(), "http://127.0.0.1:8081");
        assert_eq!(t.attribution(), "© Someone");
        for bad in [
            "ftp://x.org/{z}/{x}/{y}",
            "https://x.org/{z}/{x}.png",
            "https://x.org/{z}/{x}/{y}.png?a=\"b\"",
            "https://x.org/{z}/{x}/{y}.png; script-src *",
            "https://user@x.org/{z}/{x}/{y}",
            "https:///{z}/{x}/{y}",
        ] {
            assert!(TileSource::new(bad, None).is_err(), "{bad}");
        }
    }
}
