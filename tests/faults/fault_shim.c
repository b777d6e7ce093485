/* fault_shim: an LD_PRELOAD library that injects I/O faults into one write fd and one read fd, so
 * the tests can show that every output path checks every write and every input path tells end of
 * input from a read error (the design's "Nothing lost").
 *
 * How to drive it (all variables optional; a side with no FD set is left alone):
 *   LD_PRELOAD=path/to/libmemspec_fault_shim.so
 *   MEMSPEC_FAULT_WRITE_FD=1            the fd whose write()/writev() calls are faulted
 *   MEMSPEC_FAULT_WRITE_MAX=K           at most K bytes per call (short writes)
 *   MEMSPEC_FAULT_WRITE_FAIL_AFTER=N    once N bytes have gone through, every call fails
 *   MEMSPEC_FAULT_WRITE_ERRNO=EIO       ... with this errno (a name below or a number; EIO if unset)
 *   MEMSPEC_FAULT_WRITE_EVERY=M         every M-th call fails without writing anything
 *   MEMSPEC_FAULT_WRITE_EVERY_ERRNO=E   ... with this errno (EAGAIN if unset; EINTR is useful too)
 *   MEMSPEC_FAULT_READ_FD, _READ_MAX, _READ_FAIL_AFTER, _READ_ERRNO, _READ_EVERY, _READ_EVERY_ERRNO:
 *                                       the same for read()/readv() on that fd.
 * Example: MEMSPEC_FAULT_WRITE_FD=1 MEMSPEC_FAULT_WRITE_MAX=7 MEMSPEC_FAULT_WRITE_EVERY=3 memspec ...
 *
 * Only calls that reach the dynamic symbols read, readv, write and writev are seen: libstdc++'s
 * file streams and direct POSIX calls are, glibc's own stdio (printf, fwrite, fread, std::cin/cout
 * when synced with stdio) is not, because glibc calls its internal aliases. Built only without
 * sanitizers: ASan must be the first preloaded library. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

struct fault_side {
    int fd;               /* -1: this side is off */
    size_t max;           /* 0: no limit per call */
    long long fail_after; /* -1: never */
    int fail_errno;
    unsigned long every;  /* 0: never */
    int every_errno;
    atomic_ullong bytes;  /* bytes that went through on fd */
    atomic_ulong calls;   /* calls on fd */
};

static struct fault_side write_side = {.fd = -1, .fail_after = -1};
static struct fault_side read_side = {.fd = -1, .fail_after = -1};

static int parse_errno(const char* s, int fallback) {
    static const struct {
        const char* name;
        int value;
    } names[] = {{"EIO", EIO},       {"ENOSPC", ENOSPC}, {"EPIPE", EPIPE},   {"EBADF", EBADF},
                 {"EAGAIN", EAGAIN}, {"EINTR", EINTR},   {"EFBIG", EFBIG},   {"EDQUOT", EDQUOT},
                 {"ECONNRESET", ECONNRESET}, {"EINVAL", EINVAL}, {"ENOMEM", ENOMEM}};
    if (!s || !*s) return fallback;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i)
        if (strcmp(s, names[i].name) == 0) return names[i].value;
    const int n = atoi(s);
    return n > 0 ? n : fallback;
}

static long long env_number(const char* name, long long fallback) {
    const char* s = getenv(name);
    return s && *s ? atoll(s) : fallback;
}

static void configure(struct fault_side* side, const char* prefix) {
    char name[64];
#define VAR(suffix) (strcpy(name, prefix), strcat(name, suffix), name)
    side->fd = (int)env_number(VAR("FD"), -1);
    const long long max = env_number(VAR("MAX"), 0);
    side->max = max > 0 ? (size_t)max : 0;
    side->fail_after = env_number(VAR("FAIL_AFTER"), -1);
    side->fail_errno = parse_errno(getenv(VAR("ERRNO")), EIO);
    const long long every = env_number(VAR("EVERY"), 0);
    side->every = every > 0 ? (unsigned long)every : 0;
    side->every_errno = parse_errno(getenv(VAR("EVERY_ERRNO")), EAGAIN);
#undef VAR
}

__attribute__((constructor)) static void fault_shim_init(void) {
    configure(&write_side, "MEMSPEC_FAULT_WRITE_");
    configure(&read_side, "MEMSPEC_FAULT_READ_");
}

/* How many of `want` bytes this call may move on `side`: -1 (errno set) to fail the call. */
static ssize_t allowance(struct fault_side* side, size_t want) {
    const unsigned long call = atomic_fetch_add(&side->calls, 1) + 1;
    if (side->every && call % side->every == 0) {
        errno = side->every_errno;
        return -1;
    }
    if (side->fail_after >= 0) {
        const unsigned long long done = atomic_load(&side->bytes);
        if (done >= (unsigned long long)side->fail_after) {
            errno = side->fail_errno;
            return -1;
        }
        /* The call that crosses the limit is cut short at it, as a filling disk would. */
        const unsigned long long left = (unsigned long long)side->fail_after - done;
        if (want > left) want = (size_t)left;
    }
    if (side->max && want > side->max) want = side->max;
    return (ssize_t)want;
}

/* Keeps the first `allowed` bytes of an iovec array in `out`; returns how many entries. */
static int truncate_iov(const struct iovec* iov, int iovcnt, size_t allowed, struct iovec* out) {
    int n = 0;
    for (int i = 0; i < iovcnt && allowed > 0; ++i) {
        out[n] = iov[i];
        if (out[n].iov_len > allowed) out[n].iov_len = allowed;
        allowed -= out[n].iov_len;
        ++n;
    }
    return n;
}

static size_t iov_total(const struct iovec* iov, int iovcnt) {
    size_t total = 0;
    for (int i = 0; i < iovcnt; ++i) total += iov[i].iov_len;
    return total;
}

static ssize_t faulted_io(struct fault_side* side, long sys_plain, long sys_vector, int fd, const struct iovec* iov,
                          int iovcnt, int vector) {
    const size_t want = iov_total(iov, iovcnt);
    ssize_t n;
    if (want == 0) {
        n = vector ? syscall(sys_vector, fd, iov, iovcnt) : syscall(sys_plain, fd, iov[0].iov_base, (size_t)0);
        return n;
    }
    const ssize_t allowed = allowance(side, want);
    if (allowed < 0) return -1;
    if (vector) {
        struct iovec cut[1024]; /* the kernel's UIO_MAXIOV */
        if (iovcnt > (int)(sizeof cut / sizeof cut[0])) iovcnt = (int)(sizeof cut / sizeof cut[0]);
        const int count = truncate_iov(iov, iovcnt, (size_t)allowed, cut);
        n = syscall(sys_vector, fd, cut, count);
    } else {
        n = syscall(sys_plain, fd, iov[0].iov_base, (size_t)allowed);
    }
    if (n > 0) atomic_fetch_add(&side->bytes, (unsigned long long)n);
    return n;
}

ssize_t write(int fd, const void* buf, size_t count) {
    if (fd != write_side.fd || write_side.fd < 0) return syscall(SYS_write, fd, buf, count);
    const struct iovec one = {(void*)buf, count};
    return faulted_io(&write_side, SYS_write, SYS_writev, fd, &one, 1, 0);
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
    if (fd != write_side.fd || write_side.fd < 0) return syscall(SYS_writev, fd, iov, iovcnt);
    return faulted_io(&write_side, SYS_write, SYS_writev, fd, iov, iovcnt, 1);
}

ssize_t read(int fd, void* buf, size_t count) {
    if (fd != read_side.fd || read_side.fd < 0) return syscall(SYS_read, fd, buf, count);
    const struct iovec one = {buf, count};
    return faulted_io(&read_side, SYS_read, SYS_readv, fd, &one, 1, 0);
}

ssize_t readv(int fd, const struct iovec* iov, int iovcnt) {
    if (fd != read_side.fd || read_side.fd < 0) return syscall(SYS_readv, fd, iov, iovcnt);
    return faulted_io(&read_side, SYS_read, SYS_readv, fd, iov, iovcnt, 1);
}
