// A temporary file holding given bytes, removed at the end of its scope (for tests of readers that
// take a path or a file descriptor).
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace memspec::test {

struct TempFile {
    std::string path;
    int fd = -1;  // open for reading, at the start of the file

    explicit TempFile(const std::string& bytes) {
        std::string name = "/tmp/memspec-test-" + std::string(6, 'X');  // mkstemp's template
        fd = mkstemp(name.data());
        path = name;
        for (std::size_t done = 0; fd >= 0 && done < bytes.size();) {
            const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        lseek(fd, 0, SEEK_SET);
    }
    ~TempFile() {
        if (fd >= 0) close(fd);
        std::remove(path.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

}  // namespace memspec::test
