//! Reading input files safely: bounded, never blocking, text only.
//!
//! Contract: [`read_text`] loads a regular file as UTF-8 text, or says
//! precisely why it will not: not a regular file (a FIFO, a device, a
//! directory: refused before any read, so a FIFO with no writer cannot block
//! and `/dev/zero` cannot fill memory), larger than the input limit, empty,
//! binary or not UTF-8. The limit is [`DEFAULT_MAX_INPUT_MB`] unless the
//! environment variable [`MAX_INPUT_ENV`] or [`set_max_input_bytes`] (the
//! CLI's `--max-input-mb`) says otherwise; pasted text is held to the same
//! limit through [`check_size`].

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The default size limit of one input (a story, an article, a registry CSV).
pub const DEFAULT_MAX_INPUT_MB: u64 = 20;
/// The environment variable that sets the input limit in megabytes.
pub const MAX_INPUT_ENV: &str = "FACTDESK_MAX_INPUT_MB";

const MB: u64 = 1024 * 1024;

/// 0 means "not set in this process": fall back to the environment.
static MAX_INPUT_BYTES: AtomicU64 = AtomicU64::new(0);

/// Sets the input limit for this process (overrides the environment).
pub fn set_max_input_bytes(bytes: u64) {
    MAX_INPUT_BYTES.store(bytes.max(1), Ordering::Relaxed);
}

/// The input limit in bytes now in force.
pub fn max_input_bytes() -> u64 {
    match MAX_INPUT_BYTES.load(Ordering::Relaxed) {
        0 => std::env::var(MAX_INPUT_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|&mb| mb > 0)
            .map_or(DEFAULT_MAX_INPUT_MB * MB, |mb| mb.saturating_mul(MB)),
        set => set,
    }
}

fn too_large(path: &Path, size: Option<u64>, limit: u64) -> Error {
    let how_big = match size {
        Some(n) => format!("the input is {:.1} MB", n as f64 / MB as f64),
        None => "the input is larger than the limit".to_string(),
    };
    Error::BadInput {
        path: path.to_path_buf(),
        why: format!(
            "{how_big}; the limit is {:.1} MB (set {MAX_INPUT_ENV} or --max-input-mb to raise it)",
            limit as f64 / MB as f64
        ),
    }
}

/// Refuses text longer than the input limit (pasted or received input).
pub fn check_size(origin: &Path, len: usize) -> Result<()> {
    let limit = max_input_bytes();
    if len as u64 > limit {
        return Err(too_large(origin, Some(len as u64), limit));
    }
    Ok(())
}

fn open_regular(path: &Path) -> Result<std::fs::File> {
    // Closing a descriptor of an open database would drop its locks.
    crate::db_files::refuse_if_held(path, "read")?;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO without a writer blocks in open(2) unless non-blocking.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            why: format!("{kind}; only regular files can be read"),
        });
    }
    Ok(file)
}

/// Reads at most the input limit of `path`'s bytes, refusing what is larger.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let limit = max_input_bytes();
    let file = open_regular(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err(too_large(path, Some(size), limit));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The size may lie (a file still growing, /proc): never read past the limit.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, None, limit));
    }
    Ok(bytes)
}

/// Reads `path` as UTF-8 text, refusing what [`read_bytes`] and
/// [`text_from_bytes`] refuse.
pub fn read_text(path: &Path) -> Result<String> {
    text_from_bytes(path, read_bytes(path)?)
}

/// The text checks of [`read_text`] on bytes already in hand.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String> {
    check_size(path, bytes.len())?;
    let bad = |why: String| Error::BadInput {
        path: path.to_path_buf(),
        why,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(bad("the file is empty".into()));
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(bad(format!("binary data, not text (a NUL byte at offset {at})")));
    }
    String::from_utf8(bytes).map_err(|e| {
        bad(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn dev_zero_is_refused_without_reading() {
        let err = read_text(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(err.code(), "bad-input");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn a_fifo_without_a_writer_is_refused_at_once() {
        let dir = tempfile::TempDir::new().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        let started = Instant::now();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || tx.send(read_text(&path).map(|_| ()).map_err(|e| e.to_string())));
        let result = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("reading a FIFO without a writer must not block");
        let err = result.unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(20));
    }

    #[test]
    fn directories_are_named_as_such() {
        let dir = tempfile::TempDir::new().unwrap();
        let err = read_text(dir.path()).unwrap_err().to_string();
        assert!(err.contains("a directory"), "{err}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_the_limit_named() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'a'; (DEFAULT_MAX_INPUT_MB * MB + 10) as usize]).unwrap();
        let err = read_text(&path).unwrap_err().to_string();
        assert!(err.contains("the limit is 20.0 MB"), "{err}");
        assert!(err.contains(MAX_INPUT_ENV), "{err}");
        let err = check_size(Path::new("pasted text"), (DEFAULT_MAX_INPUT_MB * MB + 1) as usize)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("pasted text: the input is 20.0 MB"), "{err}");
    }

    #[test]
    fn binary_empty_and_non_utf8_are_named() {
        let p = Path::new("x");
        assert!(text_from_bytes(p, b"  \n".to_vec())
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(text_from_bytes(p, b"ab\0c".to_vec())
            .unwrap_err()
            .to_string()
            .contains("offset 2"));
        assert!(text_from_bytes(p, b"ab\xffc".to_vec())
            .unwrap_err()
            .to_string()
            .contains("UTF-8"));
    }
}
