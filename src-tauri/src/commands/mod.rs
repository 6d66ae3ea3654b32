//! Tauri commands, one module per domain; each unpacks its arguments and
//! calls the core. `list.rs` declares every command once: [`COMMANDS`],
//! [`handler`] and the permission manifest all come from it.

pub mod backups;
pub mod editing;
pub mod files;
pub mod find;
pub mod outlets;
pub mod review;
#[cfg(test)]
pub mod signatures;
pub mod sources;
pub mod spelling;
pub mod stories;
pub mod team;
pub mod transfer;
pub mod wire;
pub mod workflow;

/// Declares the commands once: their names and the handler for all of them.
macro_rules! app_commands {
    ($($module:ident :: $name:ident),* $(,)?) => {
        /// Every command's name, as `invoke` calls it.
        #[cfg_attr(not(test), allow(dead_code))]
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The invoke handler for every command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }
    };
}

include!("list.rs");
