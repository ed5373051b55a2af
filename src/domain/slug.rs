/// The readable part of a URL: lower case ASCII letters, digits and hyphens (æ→ae, ø→oe,
/// å→aa), at most 60 characters, cut at a hyphen. Used for salons and units.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        match c {
            'æ' | 'ä' => slug.push_str("ae"),
            'ø' | 'ö' => slug.push_str("oe"),
            'å' => slug.push_str("aa"),
            'ü' => slug.push_str("ue"),
            'é' | 'è' | 'ê' => slug.push('e'),
            c if c.is_ascii_alphanumeric() => slug.push(c),
            _ if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            _ => {}
        }
    }
    if slug.len() > 60 {
        slug.truncate(60);
        if let Some(cut) = slug.rfind('-') {
            slug.truncate(cut);
        }
    }
    slug.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_spell_danish_letters_in_ascii() {
        assert_eq!(slugify("Teknik og Miljø"), "teknik-og-miljoe");
        assert_eq!(slugify("Byrådet"), "byraadet");
        assert_eq!(slugify("  Børn & Unge – Læring "), "boern-unge-laering");
        assert_eq!(slugify("!!!"), "");
        assert!(slugify(&"lang titel ".repeat(20)).len() <= 60);
    }
}
