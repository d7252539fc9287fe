# vfs-posix: the POSIX binding of the VFS (docs/STORAGE.md): open, read,
# stat, opendir, fopen... on paths below a mount point reach libos/vfs, the
# same app source on both targets; and the mounts of the manifest's `mount`
# key (or unik.mount=...) done at start-up. xen: claims fds 3..511 and the
# path calls in the libc glue, and brings <dirent.h>. unix: wraps the path
# calls (the fd calls are libc's wraps, which ask the fd table).
LIB        := vfs-posix
REQUIRES   := vfs libc
SRCS       := fdtab.c conv.c ops.c dir.c mountspec.c mounts.c
SRCS_xen   := xen.c
SRCS_unix  := unix.c unix_stdio.c
EXPORT_CFLAGS_xen := -I$(UNIK_ROOT)/libos/vfs-posix/include
LDFLAGS_unix := -Wl,--wrap=open,--wrap=open64,--wrap=__open_2,--wrap=__open64_2,--wrap=creat,--wrap=stat,--wrap=stat64,--wrap=lstat,--wrap=lstat64,--wrap=unlink,--wrap=rmdir,--wrap=mkdir,--wrap=access,--wrap=rename,--wrap=sync,--wrap=opendir,--wrap=readdir,--wrap=readdir64,--wrap=closedir,--wrap=rewinddir,--wrap=dirfd,--wrap=fopen,--wrap=fopen64,--wrap=fdopen
UNIT_TESTS := test_fdtab test_conv test_mountspec test_ops
UNIT_SRCS  := fdtab.c conv.c ops.c dir.c mountspec.c ../vfs/path.c ../vfs/mount.c ../vfs/file.c ../vfs/names.c ../vfs/tests/fake_fs.c ../core/sched.c ../core/waitq.c ../core/timer.c ../core/panic.c ../core/tests/plat_fake.c ../../arch/x86_64/switch.S ../../arch/x86_64/ctx.c
