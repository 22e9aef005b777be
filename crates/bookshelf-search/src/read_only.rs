//! The index folder as the searcher opens it: tantivy's memory-mapped folder without its lock
//! files, so that reading a site never writes into it (a reader leaves `.tantivy-meta.lock`
//! behind, which made a served site differ from a built one and a read-only site unreadable).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index folder that is only read: nothing else writes it while it is open (a build writes
/// a new folder, or a new index in place of this one), so the reader needs no lock.
#[derive(Debug, Clone)]
pub(crate) struct ReadOnly(MmapDirectory);

impl ReadOnly {
    pub(crate) fn open(path: &Path) -> Result<Self, tantivy::TantivyError> {
        Ok(Self(MmapDirectory::open(path)?))
    }
}

fn refused(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        format!(
            "the search index is opened read-only (`{}`)",
            path.display()
        ),
    )
}

impl Directory for ReadOnly {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(refused(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            refused(path),
            PathBuf::from(path),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, _: &[u8]) -> std::io::Result<()> {
        Err(refused(path))
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
