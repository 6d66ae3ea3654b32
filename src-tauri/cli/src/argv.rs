//! Passwords out of the process's arguments: a `postgres://user:PASSWORD@…`
//! address given on the command line is overwritten in place, in the
//! memory the kernel shows as `/proc/PID/cmdline` (what `ps` prints), as
//! soon as the arguments have been parsed, as database clients do.
//!
//! Contract: [`scrub_passwords`] replaces every password of a database
//! address in the original arguments with `x`s of the same length (the
//! parsed copy the program uses is untouched). It needs the arguments'
//! original memory, which glibc hands to `.init_array` functions on Linux;
//! elsewhere it does nothing, and the docs say to use `~/.pgpass`.

use std::ops::Range;

/// Where the password of the first database address in `arg` is, if it has one.
pub fn password_range(arg: &[u8]) -> Option<Range<usize>> {
    let text = std::str::from_utf8(arg).ok()?;
    let start = ["postgres://", "postgresql://"]
        .iter()
        .filter_map(|scheme| text.find(scheme).map(|i| i + scheme.len()))
        .min()?;
    let rest = &text[start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let at = rest[..authority_end].rfind('@')?;
    let colon = rest[..at].find(':')?;
    Some(start + colon + 1..start + at).filter(|r| !r.is_empty())
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod original {
    use std::ffi::{c_char, c_int};
    use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

    static ARGC: AtomicUsize = AtomicUsize::new(0);
    static ARGV: AtomicPtr<*mut c_char> = AtomicPtr::new(std::ptr::null_mut());

    /// glibc calls the `.init_array` functions with the program's own
    /// `argc` and `argv` before `main`.
    extern "C" fn capture(argc: c_int, argv: *mut *mut c_char, _env: *mut *mut c_char) {
        ARGC.store(argc.max(0) as usize, Ordering::SeqCst);
        ARGV.store(argv, Ordering::SeqCst);
    }

    #[used]
    #[link_section = ".init_array"]
    static CAPTURE: extern "C" fn(c_int, *mut *mut c_char, *mut *mut c_char) = capture;

    pub fn scrub(range: impl Fn(&[u8]) -> Option<std::ops::Range<usize>>) {
        let argv = ARGV.load(Ordering::SeqCst);
        if argv.is_null() {
            return;
        }
        for i in 0..ARGC.load(Ordering::SeqCst) {
            // SAFETY: argv holds argc pointers to NUL-terminated strings the
            // process owns for its whole life (glibc's contract for
            // .init_array functions); the writes stay inside each string.
            unsafe {
                let arg = *argv.add(i);
                if arg.is_null() {
                    continue;
                }
                let bytes = std::ffi::CStr::from_ptr(arg).to_bytes();
                if let Some(r) = range(bytes) {
                    for at in r {
                        *arg.add(at) = b'x' as c_char;
                    }
                }
            }
        }
    }
}

/// Overwrites the passwords in this process's original arguments.
pub fn scrub_passwords() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    original::scrub(password_range);
}

#[cfg(test)]
mod tests {
    use super::password_range;

    #[test]
    fn finds_the_password_of_an_address_and_nothing_else() {
        let at = |s: &str| password_range(s.as_bytes()).map(|r| &s[r]).map(str::to_string);
        assert_eq!(
            at("postgres://anna:secret@db.example/desk").as_deref(),
            Some("secret")
        );
        assert_eq!(
            at("--db=postgresql://a:p%40ss@h:5432/d?sslmode=require").as_deref(),
            Some("p%40ss")
        );
        assert_eq!(at("postgres://anna@db.example/desk"), None);
        assert_eq!(at("postgres://db.example/desk?user=a@b"), None);
        assert_eq!(at("/home/anna/desk.sqlite3"), None);
        assert_eq!(at("postgres://anna:@db/desk"), None);
    }
}
