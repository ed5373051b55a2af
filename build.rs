// `sqlx::migrate!` embeds ./migrations at compile time; without this, adding a migration file
// does not rebuild the crate and the binary runs the old list (what `sqlx migrate build-script`
// writes). The locale files are compiled in the same way (fluent-templates' `static_loader!`
// reads them without telling cargo), so an edited text would otherwise leave the old one in.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=locales");
}
