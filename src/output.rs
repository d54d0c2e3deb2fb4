//! Output that is never half written, whatever happens (a kill at any instant, a full disk):
//!
//! - [`write_atomic`]: one file, written to a hidden temporary file beside it (`.NAME.tmp-PID`),
//!   flushed to disk, renamed over the target, and the folder flushed;
//! - [`write_set`]: a folder of files that belong together (a plan's five files), written as a
//!   new hidden sibling folder (`.NAME.new-PID`) and swapped in with one atomic exchange, so that
//!   the folder holds all the old files or all the new ones, never a mix;
//! - [`clean_leftovers`]: the hidden temporaries a killed process left, removed at the next start.

use sha2::{Digest, Sha256};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The folder of `path` (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into())
}

/// `p` made absolute with its `.` and `..` parts resolved by the words alone (no symbolic link
/// is followed; `std::path::absolute` keeps `..`).
pub fn lexical_absolute(p: &Path) -> PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether writing `path` would replace one of `inputs` (the same file, through any link).
pub fn is_one_of(path: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(me) = std::fs::canonicalize(path) else {
        return false;
    };
    inputs
        .iter()
        .any(|i| std::fs::canonicalize(i).is_ok_and(|c| c == me))
}

/// Flush a folder's entries (a rename in it) to disk. Not every platform can open a folder for
/// that; there, the rename's own guarantees are all there is.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

fn write_file_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = &regular_target(path)?;
    let dir = parent_of(path);
    fs::create_dir_all(dir)?;
    let name = name_of(path);
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = write_file_synced(&tmp, bytes)
        .and_then(|_| fs::rename(&tmp, path))
        .and_then(|_| sync_dir(dir));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The file a write to `path` replaces: `path` itself, or the file a link there points to. A
/// device, a pipe or a socket is refused: the temporary renamed over it replaced `/dev/full`
/// itself with a page (`review --html /dev/full` as root).
pub fn regular_target(path: &Path) -> io::Result<PathBuf> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(path.to_path_buf());
    };
    let (target, meta) = if meta.file_type().is_symlink() {
        match fs::canonicalize(path) {
            Ok(t) => {
                let m = fs::metadata(&t)?;
                (t, m)
            }
            // A link to nothing: the link is replaced by the file.
            Err(_) => return Ok(path.to_path_buf()),
        }
    } else {
        (path.to_path_buf(), meta)
    };
    if meta.is_file() || meta.is_dir() {
        // A folder fails at the rename, with the system's own words.
        Ok(target)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is not a regular file (a device, a pipe or a socket): write to a file",
                path.display()
            ),
        ))
    }
}

/// Write several files beside each other (in `dir`) all or none: each goes to a temporary first,
/// and only when every one is on disk are they renamed over the old files (a rename takes no
/// space). On a full disk `generate` wrote the new scenario.yaml and tables beside the old
/// cadres.csv, a mixed scenario that loaded as valid.
pub fn write_files_together(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let pid = std::process::id();
    let tmp = |name: &str| dir.join(format!(".{name}.tmp-{pid}"));
    let named = |name: &str, e: io::Error| {
        io::Error::new(e.kind(), format!("{}: {e}", dir.join(name).display()))
    };
    // A target a file cannot replace (a folder of that name) is found before anything moves.
    if let Some((name, _)) = files.iter().find(|(n, _)| dir.join(n).is_dir()) {
        return Err(named(
            name,
            io::Error::new(
                io::ErrorKind::IsADirectory,
                "a folder of that name is there",
            ),
        ));
    }
    for (name, _) in files {
        regular_target(&dir.join(name)).map_err(|e| named(name, e))?;
    }
    let mut written = Vec::new();
    let clean = |written: &[PathBuf]| {
        for w in written {
            let _ = fs::remove_file(w);
        }
    };
    for (name, bytes) in files {
        let t = tmp(name);
        written.push(t.clone());
        if let Err(e) = write_file_synced(&t, bytes) {
            clean(&written);
            return Err(named(name, e));
        }
    }
    // The renames are one by one: the index (the .yaml naming the others) goes first and comes
    // back last, so a kill between them leaves no scenario rather than a new one over old tables.
    let index = files.iter().position(|(n, _)| n.ends_with(".yaml"));
    if let Some(i) = index {
        match fs::remove_file(dir.join(&files[i].0)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                clean(&written);
                return Err(named(&files[i].0, e));
            }
            _ => sync_dir(dir)?,
        }
    }
    let order = (0..files.len()).filter(|&i| Some(i) != index).chain(index);
    for i in order {
        let name = &files[i].0;
        if let Err(e) = fs::rename(tmp(name), dir.join(name)) {
            clean(&written);
            return Err(named(name, e));
        }
    }
    sync_dir(dir)
}

/// Why a path cannot be an output folder; report/ words it (`Display` in report/errors.rs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutDirError {
    /// `--out` itself is a file.
    IsFile(PathBuf),
    /// `--out` holds subfolders rotaplan did not write: the set replaces the folder as a whole,
    /// so they would be lost (links are made again, not refused).
    HoldsFolders { dir: PathBuf, folders: Vec<PathBuf> },
    /// A folder on the way to `dir` is a file (`file`).
    ThroughFile { dir: PathBuf, file: PathBuf },
    /// `..` after a folder that does not exist (`zz/..`): the folder was made, then the plan
    /// written beside it.
    UpFromMissing { dir: PathBuf, missing: PathBuf },
    /// `dir` is a link to nothing (`to`): mkdir said only "File exists".
    DanglingLink { dir: PathBuf, to: PathBuf },
}

impl std::error::Error for OutDirError {}

impl OutDirError {
    /// The [`OutDirError`] inside an error of [`lock_dir`], if that is what it is.
    pub fn of(e: &io::Error) -> Option<&OutDirError> {
        e.get_ref()?.downcast_ref::<OutDirError>()
    }
}

/// The files under `dir` (recursively, in name order) that `keep` accepts. Each folder is walked
/// once, by its real path: a link to itself or to a parent made a walk repeat one scenario 41
/// times (`self -> .`) or never end (two such links).
pub fn files_under(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    fn walk(
        dir: &Path,
        keep: &dyn Fn(&Path) -> bool,
        seen: &mut std::collections::HashSet<PathBuf>,
        out: &mut Vec<PathBuf>,
    ) {
        let Ok(real) = fs::canonicalize(dir) else {
            return;
        };
        if !seen.insert(real) {
            return;
        }
        let Ok(rd) = fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, keep, seen, out);
            } else if keep(&p) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &keep, &mut Default::default(), &mut out);
    out
}

/// Check, before any work, that `dir` can be an output folder: it is a folder or does not exist,
/// and its nearest existing ancestor is a folder.
pub fn check_out_dir(dir: &Path) -> Result<(), OutDirError> {
    let mut walked = PathBuf::new();
    for c in dir.components() {
        if c == std::path::Component::ParentDir
            && !walked.as_os_str().is_empty()
            && !walked.exists()
        {
            return Err(OutDirError::UpFromMissing {
                dir: dir.to_path_buf(),
                missing: walked,
            });
        }
        walked.push(c);
    }
    let mut p: PathBuf = dir.to_path_buf();
    loop {
        match fs::metadata(&p) {
            Ok(m) if m.is_dir() => return Ok(()),
            Ok(_) if p == dir => return Err(OutDirError::IsFile(dir.to_path_buf())),
            Ok(_) => {
                return Err(OutDirError::ThroughFile {
                    dir: dir.to_path_buf(),
                    file: p,
                });
            }
            Err(_) => match p.parent() {
                Some(q) if !q.as_os_str().is_empty() => p = q.to_path_buf(),
                _ => return Ok(()),
            },
        }
    }
}

/// The list of what the last [`write_set`] of a folder wrote (relative paths, one a line): on the
/// next, those not written again are its own stale outputs (a `changes.csv` of an earlier
/// re-planning), dropped; everything else the folder holds is kept.
pub const SET_LIST: &str = ".rotaplan-set";

/// What the last set written into `dir` wrote ([`SET_LIST`]; empty without one).
fn last_set(dir: &Path) -> std::collections::BTreeSet<String> {
    fs::read_to_string(dir.join(SET_LIST))
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The outputs of the last set written into `dir` that writing `files` there drops (not written
/// again), in order: what a command replacing another's outputs (a `plan` into a `run`'s
/// folder) should say it removes.
pub fn dropped_by(dir: &Path, files: &[(String, Vec<u8>)]) -> Vec<String> {
    let writing: std::collections::BTreeSet<&str> = files.iter().map(|(r, _)| r.as_str()).collect();
    last_set(dir)
        .into_iter()
        .filter(|r| !r.ends_with('/') && !writing.contains(r.as_str()))
        .collect()
}

/// The first folder of each relative path of `paths` that has one.
fn top_folders<'a>(paths: impl Iterator<Item = &'a str>) -> std::collections::BTreeSet<String> {
    paths
        .filter_map(|r| r.split_once('/').map(|(top, _)| top.to_string()))
        .collect()
}

/// The subfolders of `dir` (real ones: a link is made again, not followed) that neither the
/// last set nor `writing` (the set about to be written) wrote: a set replaces the folder as a
/// whole, carrying over the files inside its own folders, and refuses to take the place of
/// folders of someone else's (`--out` pointed at a folder of documents).
pub fn foreign_folders(dir: &Path, writing: &[(String, Vec<u8>)]) -> Vec<PathBuf> {
    let last = last_set(dir);
    let mut ours = top_folders(last.iter().map(String::as_str));
    ours.extend(top_folders(writing.iter().map(|(r, _)| r.as_str())));
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let real_dir = e.file_type().is_ok_and(|t| t.is_dir());
            real_dir && leftover(&n).is_none() && !ours.contains(&n)
        })
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

/// The files of `writing` that `dir` holds and that no set wrote there (not in [`SET_LIST`]): a
/// user's own `plan.csv` or `plan.md` in the folder given as `--out`, which the set would replace.
/// A folder without the list that holds half the set's files or more is an earlier set (written
/// before rotaplan kept the list, or a `run`'s scenario folder): not the user's.
pub fn foreign_files(dir: &Path, writing: &[(String, Vec<u8>)]) -> Vec<String> {
    let last = last_set(dir);
    let held: Vec<String> = writing
        .iter()
        .map(|(r, _)| r)
        .filter(|r| !last.contains(r.as_str()) && fs::symlink_metadata(dir.join(r)).is_ok())
        .cloned()
        .collect();
    let unlisted = !dir.join(SET_LIST).exists();
    if unlisted && writing.len() > 1 && held.len() * 2 >= writing.len() {
        return Vec::new();
    }
    held
}

/// [`check_out_dir`] for a folder a set will be written into: also refused when it holds folders
/// a set did not write ([`foreign_folders`]), which the swap would lose.
pub fn check_out_set(dir: &Path) -> Result<(), OutDirError> {
    check_out_dir(dir)?;
    let folders = foreign_folders(dir, &[]);
    if folders.is_empty() {
        Ok(())
    } else {
        Err(OutDirError::HoldsFolders {
            dir: dir.to_path_buf(),
            folders,
        })
    }
}

/// Write `files` (relative path, bytes) as the whole content of the folder `dir`, replacing what
/// it held: the files go into a new sibling folder, flushed to disk, which is then exchanged with
/// `dir` in one rename. The old folder's other files, at every depth, are carried over (hard
/// links) and its links re-made, except the stale outputs of the last set ([`SET_LIST`]); a folder that holds
/// subfolders no set wrote is refused (`ErrorKind::AlreadyExists`), never emptied. After a kill at
/// any instant `dir` holds the complete old set or the complete new one; the hidden sibling left
/// behind is removed by [`clean_leftovers`].
pub fn write_set(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    // A link to a folder: the set replaces the folder it points to, and the link stays.
    let linked;
    let dir = if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        linked = fs::canonicalize(dir)?;
        linked.as_path()
    } else {
        dir
    };
    let parent = parent_of(dir).to_path_buf();
    fs::create_dir_all(&parent)?;
    // The current folder, or one holding it, however it is written (`--out ../here`): swapped
    // out, the shell was left in a deleted folder. `.` itself fails at the swap, the same way.
    if let (Ok(cwd), Ok(at)) = (std::env::current_dir(), fs::canonicalize(dir))
        && cwd.canonicalize().is_ok_and(|cwd| cwd.starts_with(&at))
    {
        return Err(whole_folder(dir));
    }
    if let Ok(m) = fs::metadata(dir)
        && !m.is_dir()
    {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is a file, not a folder", dir.display()),
        ));
    }
    let foreign = foreign_folders(dir, files);
    if !foreign.is_empty() {
        let list: Vec<String> = foreign.iter().map(|p| p.display().to_string()).collect();
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} holds folders rotaplan did not write ({}); they would be lost when the \
                 outputs replace the folder: write them to a folder of their own",
                dir.display(),
                list.join(", ")
            ),
        ));
    }
    let foreign = foreign_files(dir, files);
    if !foreign.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} holds {} that rotaplan did not write; the outputs would replace them: write \
                 them to a folder of their own, or move those files away",
                dir.display(),
                foreign.join(", ")
            ),
        ));
    }
    let name = name_of(dir);
    let pid = std::process::id();
    let new = parent.join(format!(".{name}.new-{pid}"));
    let _ = fs::remove_dir_all(&new);
    let result = (|| {
        fs::create_dir(&new)?;
        let mut subdirs = std::collections::BTreeSet::new();
        for (rel, bytes) in files {
            let p = new.join(rel);
            let d = parent_of(&p).to_path_buf();
            if d != new {
                fs::create_dir_all(&d)?;
                subdirs.insert(d);
            }
            write_file_synced(&p, bytes)?;
        }
        // A folder the set no longer writes but that keeps a user's files is listed as the
        // set's ("sub/"), or the next set would take it for someone else's and refuse.
        let kept = carry_over(dir, &new, files)?;
        let list: String = files
            .iter()
            .map(|(r, _)| format!("{r}\n"))
            .chain(kept.iter().map(|f| format!("{f}/\n")))
            .collect();
        write_file_synced(&new.join(SET_LIST), list.as_bytes())?;
        for d in subdirs.iter().rev() {
            sync_dir(d)?;
        }
        sync_dir(&new)?;
        keep_access(dir, &new);
        swap_in(&new, dir, &parent, &name, pid).map_err(|e| {
            // A mount point, or `--out .`: the folder itself cannot be swapped.
            if e.kind() == io::ErrorKind::ResourceBusy {
                whole_folder(dir)
            } else {
                e
            }
        })
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&new);
    }
    result
}

/// A folder that cannot be swapped for the new set: a mount point, or the current folder.
fn whole_folder(dir: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::ResourceBusy,
        format!(
            "{} cannot be replaced as a whole (a mount point, or the current folder): write into \
             a folder inside it, e.g. --out {}",
            dir.display(),
            dir.join("plan").display()
        ),
    )
}

/// The new folder takes the old one's permissions and, where allowed, its owner and group: the
/// swap must not open a folder of personnel files that was closed (`drwx------` became
/// `drwxr-xr-x`). Set last, once the files are in (a read-only folder takes no new file).
fn keep_access(old: &Path, new: &Path) {
    let Ok(m) = fs::metadata(old) else {
        return;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a folder away; a user keeps their own, which is what it was.
        let _ = std::os::unix::fs::chown(new, Some(m.uid()), Some(m.gid()));
    }
    let _ = fs::set_permissions(new, m.permissions());
}

/// Hard-link (or copy) the old folder's other top-level files into the new one, and make its
/// links again (to the same targets); the last set's own files ([`SET_LIST`]) are not carried:
/// what this set does not write again is stale.
fn carry_over(
    old: &Path,
    new: &Path,
    files: &[(String, Vec<u8>)],
) -> io::Result<std::collections::BTreeSet<String>> {
    let stale = last_set(old);
    let writing: std::collections::BTreeSet<&str> = files.iter().map(|(r, _)| r.as_str()).collect();
    let mut dirs = std::collections::BTreeSet::new();
    carry_dir(old, new, "", (&stale, &writing), &mut dirs)?;
    for d in dirs.iter().rev() {
        sync_dir(d)?;
    }
    // The top folders that hold carried files and that the set does not write.
    let written = top_folders(files.iter().map(|(r, _)| r.as_str()));
    Ok(dirs
        .iter()
        .filter_map(|d| d.strip_prefix(new).ok()?.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|top| !written.contains(top))
        .collect())
}

/// [`carry_over`] of the folder `rel` (relative to `old`, "" for the top), at every depth: a
/// file a user keeps inside an output's folder (notes beside a variant's plan) used to be lost
/// when the set replaced the folder. `dirs`: the folders made in `new`, to flush.
fn carry_dir(
    old: &Path,
    new: &Path,
    rel: &str,
    (stale, writing): (
        &std::collections::BTreeSet<String>,
        &std::collections::BTreeSet<&str>,
    ),
    dirs: &mut std::collections::BTreeSet<PathBuf>,
) -> io::Result<()> {
    let Ok(rd) = fs::read_dir(old.join(rel)) else {
        return Ok(());
    };
    for e in rd.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let r = if rel.is_empty() {
            n.clone()
        } else {
            format!("{rel}/{n}")
        };
        let kind = e.file_type()?;
        if (rel.is_empty() && (n == SET_LIST || leftover(&n).is_some()))
            || stale.contains(&r)
            || writing.contains(r.as_str())
        {
            continue;
        }
        if kind.is_dir() {
            carry_dir(old, new, &r, (stale, writing), dirs)?;
            continue;
        }
        let into = new.join(rel);
        if !rel.is_empty() && !into.is_dir() {
            fs::create_dir_all(&into)?;
        }
        if !rel.is_empty() {
            dirs.insert(into.clone());
        }
        let to = into.join(e.file_name());
        if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(fs::read_link(e.path())?, &to)?;
            #[cfg(not(unix))]
            fs::copy(e.path(), &to)?;
            continue;
        }
        if fs::hard_link(e.path(), &to).is_err() {
            fs::copy(e.path(), &to)?;
            fs::File::open(&to)?.sync_all()?;
        }
    }
    Ok(())
}

/// Put the complete folder `new` in the place of `dir`.
fn swap_in(new: &Path, dir: &Path, parent: &Path, name: &str, pid: u32) -> io::Result<()> {
    if !dir.exists() {
        fs::rename(new, dir)?;
        return sync_dir(parent);
    }
    if exchange(new, dir).is_ok() {
        // `new` now holds the old set.
        sync_dir(parent)?;
        let _ = fs::remove_dir_all(new);
        return Ok(());
    }
    // No atomic exchange here (not Linux, or a file system without it): two renames. Between
    // them `dir` is missing and `.NAME.old-PID` holds the old set; clean_leftovers puts it back.
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&old);
    fs::rename(dir, &old)?;
    if let Err(e) = fs::rename(new, dir) {
        let _ = fs::rename(&old, dir);
        return Err(e);
    }
    sync_dir(parent)?;
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths, relative to the current folder.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The kind and owner of a hidden temporary's name: `.NAME.tmp-PID`, `.NAME.new-PID` or
/// `.NAME.old-PID` → (kind, NAME, PID).
fn leftover(file_name: &str) -> Option<(&str, &str, u32)> {
    let rest = file_name.strip_prefix('.')?;
    let (head, pid) = rest.rsplit_once('-')?;
    let pid: u32 = pid.parse().ok()?;
    let (name, kind) = head.rsplit_once('.')?;
    (["tmp", "new", "old"].contains(&kind) && !name.is_empty()).then_some((kind, name, pid))
}

/// Whether a process with this id is running (its temporaries are then left alone).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(p) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(p, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Before writing the set `dir`: remove what a killed [`write_set`] of `dir` left beside it
/// (`.NAME.new-PID`, or put `.NAME.old-PID` back) and the temporaries inside it. Only names
/// derived from `dir`'s own are touched in its parent folder.
pub fn clean_set_leftovers(dir: &Path, recursive: bool) -> Vec<PathBuf> {
    let name = name_of(dir);
    let parent = parent_of(dir);
    let mut done = Vec::new();
    if let Ok(rd) = fs::read_dir(parent) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if let Some((kind, owner, pid)) = leftover(&n)
                && owner == name
                && kind != "tmp"
                && !alive(pid)
            {
                let p = e.path();
                let gone = if kind == "old" && !dir.exists() {
                    fs::rename(&p, dir).is_ok()
                } else {
                    fs::remove_dir_all(&p).is_ok()
                };
                if gone {
                    done.push(p);
                }
            }
        }
    }
    done.extend(clean_leftovers(dir, recursive));
    done
}

/// Remove the hidden temporaries that killed processes left in `dir` (and, with `recursive`, in
/// its subfolders): `.NAME.tmp-PID` files and `.NAME.new-PID` folders of processes no longer
/// running. A `.NAME.old-PID` folder (a swap cut between its two renames) is put back as `NAME`
/// when `NAME` is missing, else removed. Returns what was removed or restored.
pub fn clean_leftovers(dir: &Path, recursive: bool) -> Vec<PathBuf> {
    let mut done = Vec::new();
    let Ok(rd) = fs::read_dir(dir) else {
        return done;
    };
    let mut entries: Vec<_> = rd.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let n = e.file_name().to_string_lossy().into_owned();
        let p = e.path();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        match leftover(&n) {
            Some((kind, name, pid)) if !alive(pid) => {
                let target = dir.join(name);
                let gone = if kind == "old" && !target.exists() {
                    fs::rename(&p, &target).is_ok()
                } else if is_dir {
                    fs::remove_dir_all(&p).is_ok()
                } else {
                    fs::remove_file(&p).is_ok()
                };
                if gone {
                    done.push(p);
                }
            }
            Some(_) => {}
            None if recursive && is_dir => done.extend(clean_leftovers(&p, true)),
            None => {}
        }
    }
    done
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Who holds an output folder's lock, as the refusal names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// `plan` or `run`.
    Command,
    /// `batch` or `batch merge`.
    Batch,
}

/// An output folder locked by another process: `holder`, and its pid where the platform tells it
/// (Linux: `/proc/locks`). The inner error of `lock_dir`'s `WouldBlock`; report/ words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    pub dir: PathBuf,
    pub holder: Holder,
    pub pid: Option<u32>,
}

impl std::error::Error for Locked {}

impl Locked {
    /// The [`Locked`] inside an error of [`lock_dir`], if that is what it is.
    pub fn of(e: &io::Error) -> Option<&Locked> {
        e.get_ref()?.downcast_ref::<Locked>()
    }
}

/// Takes an OS file lock (`flock`) on the folder `dir` itself (created if missing), held as long
/// as the returned file is open: no lock file is left in the folder, and the OS releases the lock
/// when the process ends, however it ends (even after SIGKILL). Held by another process, an error
/// of kind `WouldBlock` holding a [`Locked`] (see [`Locked::of`]).
pub fn lock_dir(dir: &Path, holder: Holder) -> io::Result<fs::File> {
    // A link to nothing: mkdir says only "File exists".
    if let Ok(to) = fs::read_link(dir)
        && fs::metadata(dir).is_err()
    {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            OutDirError::DanglingLink {
                dir: dir.to_path_buf(),
                to,
            },
        ));
    }
    fs::create_dir_all(dir)?;
    let f = fs::File::open(dir)?;
    match f.try_lock() {
        Ok(()) => Ok(f),
        Err(fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            Locked {
                dir: dir.to_path_buf(),
                holder,
                pid: lock_holder(dir),
            },
        )),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// The pid holding a `flock` on `path`, from `/proc/locks` (Linux only): lines such as
/// `1: FLOCK  ADVISORY  WRITE 4242 00:2e:1837 0 EOF`, matched on the inode. Other platforms have
/// no such table; the message then names no pid.
#[cfg(target_os = "linux")]
pub fn lock_holder(path: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let ino = fs::metadata(path).ok()?.ino().to_string();
    let text = fs::read_to_string("/proc/locks").ok()?;
    text.lines().filter(|l| !l.contains("->")).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        let (kind, pid, file) = (f.get(1)?, f.get(4)?, f.get(5)?);
        (*kind == "FLOCK" && file.rsplit(':').next() == Some(ino.as_str()))
            .then(|| pid.parse().ok())
            .flatten()
    })
}

/// Other platforms have no table of lock holders.
#[cfg(not(target_os = "linux"))]
pub fn lock_holder(_path: &Path) -> Option<u32> {
    None
}

/// Seconds for a log line, to the millisecond (`1.959`, not `1.9588565039999999`).
pub fn seconds_ms(s: f64) -> f64 {
    (s * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn files_written_together_replace_the_old_ones_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let files = |v: &str| -> Vec<(String, Vec<u8>)> {
            ["a.csv", "b.yaml"]
                .iter()
                .map(|n| (n.to_string(), v.as_bytes().to_vec()))
                .collect()
        };
        write_files_together(dir.path(), &files("1")).unwrap();
        write_files_together(dir.path(), &files("2")).unwrap();
        assert_eq!(names(dir.path()), vec!["a.csv", "b.yaml"]);
        assert_eq!(fs::read_to_string(dir.path().join("a.csv")).unwrap(), "2");
        // A file whose name is a folder there: none is replaced, no temporary is left, and the
        // error names it.
        fs::create_dir(dir.path().join("c")).unwrap();
        let mut three = files("3");
        three.push(("c".into(), b"x".to_vec()));
        let e = write_files_together(dir.path(), &three).unwrap_err();
        assert!(e.to_string().contains("c: "), "{e}");
        assert_eq!(fs::read_to_string(dir.path().join("a.csv")).unwrap(), "2");
        assert_eq!(fs::read_to_string(dir.path().join("b.yaml")).unwrap(), "2");
        // A temporary that cannot be written (its name taken by a folder): the same.
        fs::remove_dir(dir.path().join("c")).unwrap();
        let blocked = dir.path().join(format!(".c.tmp-{}", std::process::id()));
        fs::create_dir(&blocked).unwrap();
        assert!(write_files_together(dir.path(), &three).is_err());
        fs::remove_dir(&blocked).unwrap();
        assert_eq!(names(dir.path()), vec!["a.csv", "b.yaml"]);
        assert_eq!(fs::read_to_string(dir.path().join("a.csv")).unwrap(), "2");
    }

    /// An output folder that is a link to nothing is named with its target, not "File exists";
    /// a link to a folder is locked through.
    #[cfg(unix)]
    #[test]
    fn a_dangling_link_as_the_output_folder_names_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out");
        std::os::unix::fs::symlink(dir.path().join("gone"), &link).unwrap();
        let e = lock_dir(&link, Holder::Command).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(e.to_string().contains("gone, which does not exist"), "{e}");
        fs::create_dir(dir.path().join("gone")).unwrap();
        assert!(lock_dir(&link, Holder::Command).is_ok());
    }

    /// A link is written through (it stays a link); a pipe is refused, not replaced.
    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_a_pipe_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("real.html");
        fs::write(&file, "old").unwrap();
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = write_atomic(&fifo, b"x").unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
            let e =
                write_files_together(dir.path(), &[("pipe".into(), b"x".to_vec())]).unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
            use std::os::unix::fs::FileTypeExt;
            assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        }
        let e = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }

    /// `--out zz/..` made `zz`, then wrote the plan beside it: refused; `..` after a folder that
    /// exists stays allowed.
    #[test]
    fn an_out_folder_going_up_from_a_missing_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let up = dir.path().join("zz").join("..").join("out");
        assert!(matches!(
            check_out_dir(&up),
            Err(OutDirError::UpFromMissing { .. })
        ));
        assert!(!dir.path().join("zz").exists());
        fs::create_dir(dir.path().join("zz")).unwrap();
        assert!(check_out_dir(&up).is_ok());
    }

    #[test]
    fn writes_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/plan.csv");
        write_atomic(&p, b"a,b\n").unwrap();
        write_atomic(&p, b"c,d\n").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "c,d\n");
        assert_eq!(names(p.parent().unwrap()), vec!["plan.csv"]);
    }

    #[test]
    fn a_set_replaces_the_folder_and_keeps_other_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let set = |v: &str| -> Vec<(String, Vec<u8>)> {
            vec![
                ("a.csv".into(), v.as_bytes().to_vec()),
                ("sub/b.json".into(), v.as_bytes().to_vec()),
            ]
        };
        write_set(&dir, &set("1")).unwrap();
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        // Files kept inside the set's own folders, at any depth (they used to be lost).
        fs::write(dir.join("sub/review.txt"), "kept").unwrap();
        fs::create_dir_all(dir.join("sub/attachments/deep")).unwrap();
        fs::write(dir.join("sub/attachments/deep/a.pdf"), "pdf").unwrap();
        write_set(&dir, &set("2")).unwrap();
        assert_eq!(fs::read_to_string(dir.join("a.csv")).unwrap(), "2");
        assert_eq!(fs::read_to_string(dir.join("sub/b.json")).unwrap(), "2");
        assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
        assert_eq!(
            fs::read_to_string(dir.join("sub/review.txt")).unwrap(),
            "kept"
        );
        assert_eq!(
            fs::read_to_string(dir.join("sub/attachments/deep/a.pdf")).unwrap(),
            "pdf"
        );
        // A set without the folder drops its own stale file there and keeps the user's, then
        // and at the next set (the folder is listed as the set's, not refused as another's).
        write_set(&dir, &[("a.csv".into(), b"3".to_vec())]).unwrap();
        assert!(!dir.join("sub/b.json").exists());
        assert_eq!(
            fs::read_to_string(dir.join("sub/review.txt")).unwrap(),
            "kept"
        );
        assert!(check_out_set(&dir).is_ok());
        write_set(&dir, &[("a.csv".into(), b"4".to_vec())]).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("sub/review.txt")).unwrap(),
            "kept"
        );
        assert_eq!(names(tmp.path()), vec!["out"]);
        let file = tmp.path().join("f");
        fs::write(&file, "x").unwrap();
        assert!(write_set(&file, &set("3")).is_err());
        assert!(check_out_dir(&file).is_err() && check_out_dir(&file.join("x/y")).is_err());
        assert!(check_out_dir(&tmp.path().join("new/deeper")).is_ok());
    }

    /// A closed folder stays closed: the swap kept the new folder's default permissions.
    #[cfg(unix)]
    #[test]
    fn a_set_keeps_the_folders_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("secret");
        let set = vec![("a.csv".to_string(), b"1".to_vec())];
        write_set(&dir, &set).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
        write_set(&dir, &set).unwrap();
        let mode = fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o750)).unwrap();
        write_set(&dir, &set).unwrap();
        assert_eq!(
            fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o750
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_set_never_empties_a_folder_of_its_subfolders_and_drops_only_its_own_stale_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let set = |names: &[&str]| -> Vec<(String, Vec<u8>)> {
            names
                .iter()
                .map(|n| (n.to_string(), b"new".to_vec()))
                .collect()
        };
        write_set(&dir, &set(&["plan.csv", "changes.csv"])).unwrap();
        // The user's own things beside the outputs: a file, a link to a file, a link to a folder.
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        fs::write(tmp.path().join("target.txt"), "t").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("target.txt"), dir.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), dir.join("up")).unwrap();
        // The next set writes no changes.csv: the last set's own file is stale, the rest kept.
        write_set(&dir, &set(&["plan.csv"])).unwrap();
        assert_eq!(
            names(&dir),
            [SET_LIST, "link.txt", "notes.txt", "plan.csv", "up"]
        );
        assert_eq!(fs::read_to_string(dir.join("link.txt")).unwrap(), "t");
        assert!(
            fs::symlink_metadata(dir.join("up"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A folder no set wrote (the scenario's tables): refused, before and at the write, and
        // nothing is touched.
        fs::create_dir_all(dir.join("data/deeper")).unwrap();
        fs::write(dir.join("data/cadres.csv"), "id").unwrap();
        let before = names(&dir);
        assert!(matches!(
            check_out_set(&dir),
            Err(OutDirError::HoldsFolders { folders, .. }) if folders == [dir.join("data")]
        ));
        let e = write_set(&dir, &set(&["plan.csv"])).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(names(&dir), before);
        assert_eq!(
            fs::read_to_string(dir.join("data/cadres.csv")).unwrap(),
            "id"
        );
        assert_eq!(names(tmp.path()), ["out", "target.txt"]);
        // A folder the set itself writes into is its own.
        fs::remove_dir_all(dir.join("data")).unwrap();
        write_set(&dir, &set(&["sub/b.json"])).unwrap();
        assert!(check_out_set(&dir).is_ok());
        write_set(&dir, &set(&["sub/b.json"])).unwrap();
    }

    #[test]
    fn leftovers_of_dead_processes_are_cleaned() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        // A pid that cannot be running (above the kernel's pid_max).
        let dead = 4_194_999u32;
        fs::create_dir_all(d.join("plan")).unwrap();
        fs::write(d.join(format!("plan/.plan.csv.tmp-{dead}")), "half").unwrap();
        fs::write(d.join(format!(".x.tmp-{}", std::process::id())), "mine").unwrap();
        fs::create_dir_all(d.join(format!(".plan.new-{dead}"))).unwrap();
        fs::create_dir_all(d.join(format!(".gone.old-{dead}"))).unwrap();
        fs::write(d.join(".hidden"), "keep").unwrap();
        let cleaned = clean_leftovers(d, true);
        assert_eq!(cleaned.len(), 3, "{cleaned:?}");
        let mut expect = vec![
            ".hidden".to_string(),
            format!(".x.tmp-{}", std::process::id()),
            "gone".into(),
            "plan".into(),
        ];
        expect.sort();
        assert_eq!(names(d), expect);
        assert!(names(&d.join("plan")).is_empty());

        // Beside a plan folder, only the leftovers of that folder are touched.
        fs::create_dir_all(d.join(format!(".plan.new-{dead}"))).unwrap();
        fs::create_dir_all(d.join(format!(".other.new-{dead}"))).unwrap();
        fs::write(d.join(format!("plan/.plan.csv.tmp-{dead}")), "half").unwrap();
        assert_eq!(clean_set_leftovers(&d.join("plan"), false).len(), 2);
        assert!(d.join(format!(".other.new-{dead}")).exists());
        assert!(!d.join(format!(".plan.new-{dead}")).exists());
    }
}
