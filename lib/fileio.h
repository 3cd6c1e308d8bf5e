/* fileio.h - whole reads and writes, and durable directory entries.
 *
 * The loops every caller of read(2) and write(2) needs, written once: a
 * call interrupted by a signal (EINTR) is made again, one that falls short
 * is continued.  While jf_write_all() writes, SIGXFSZ is ignored, so that a
 * file size limit (ulimit -f) shows as the error EFBIG, which the caller
 * can take back and report, instead of killing the process half way
 * through its bytes; the signal's old disposition is restored afterwards.
 * Every function returns -1 with errno set on failure; none prints.
 */
#ifndef JF_FILEIO_H
#define JF_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

struct jf_buf;

/* Write the n bytes at p to fd.  One write(2) does it unless it falls
 * short; then the rest is written, and that write says why (ENOSPC,
 * EFBIG...).  0, or -1 with errno (EIO for a write of no bytes). */
int jf_write_all(int fd, const void *p, size_t n);
/* Read n bytes into p, or fewer at end of file: the count read, or -1. */
ssize_t jf_read_all(int fd, void *p, size_t n);
/* The same with pread(2), from offset off (the file offset is not moved). */
ssize_t jf_pread_all(int fd, void *p, size_t n, off_t off);
/* One read(2) of at most n bytes, made again if a signal interrupts it:
 * the count read (0 at end of file), or -1.  For pipes and streams read as
 * the bytes come. */
ssize_t jf_read_some(int fd, void *p, size_t n);
/* Append the rest of fd, to its end, to b, as long as b stays within max
 * bytes: 0; 1 when the file goes on past max (b then holds part of it);
 * -1 with errno on a read error. */
int jf_read_rest(int fd, struct jf_buf *b, size_t max);
/* open(2), made again if a signal interrupts it (mode only with O_CREAT). */
int jf_open(const char *path, int flags, mode_t mode);
/* Fill p with n bytes from getrandom(2), through signals and short reads.
 * 0, or -1 with errno (EIO if the source gave nothing). */
int jf_random(void *p, size_t n);
/* fsync(2) the directory path, so that the names made or removed in it
 * survive a crash.  0, or -1 with errno (opening it counts too). */
int jf_fsync_dir(const char *path);
/* fsync the directory that holds path: its part before the last '/', "/"
 * for "/x", "." when there is none. */
int jf_fsync_dir_of(const char *path);

#endif
