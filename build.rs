// `sqlx::migrate!` embeds ./migrations at compile time; without this, adding a migration file
// does not rebuild the crate and the binary runs the old list (what `sqlx migrate build-script`
// writes).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
