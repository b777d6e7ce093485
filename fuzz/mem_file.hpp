// An in-memory file holding given bytes, positioned at its start: what the targets that read
// through a file descriptor or a path (DocumentSource, StreamSource, the C ABI's memspec_run_json
// comparison) are fed, without touching the disk.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "fuzz/check.hpp"

namespace memspec::fuzz {

struct MemFile {
    int fd;
    explicit MemFile(std::string_view bytes) : fd(memfd_create("memspec-fuzz", 0)) {
        if (fd < 0) fail("memfd_create failed");
        for (std::size_t done = 0; done < bytes.size();) {
            const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
            if (n <= 0) fail("write to memfd failed");
            done += static_cast<std::size_t>(n);
        }
        lseek(fd, 0, SEEK_SET);
    }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    ~MemFile() { close(fd); }
    std::string path() const { return "/proc/self/fd/" + std::to_string(fd); }
};

}  // namespace memspec::fuzz
