#include "spec/interchange/output.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

#include <openssl/evp.h>

namespace memspec {

int write_fully(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                // Non-blocking and full: wait for room (an error or hang-up shows on the next write).
                pollfd p{fd, POLLOUT, 0};
                if (::poll(&p, 1, -1) < 0 && errno != EINTR) return errno;
                continue;
            }
            return errno;
        }
        // write() returns 0 for a non-zero size only when the descriptor takes nothing more.
        if (n == 0) return EIO;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return 0;
}

void FdSink::write(const char* data, std::size_t size) {
    if (error_ == 0) error_ = write_fully(fd_, data, size);
}

struct Sha256Sink::State {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256Sink::Sha256Sink() : state_(std::make_unique<State>()) { EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr); }
Sha256Sink::~Sha256Sink() = default;

void Sha256Sink::write(const char* data, std::size_t size) { EVP_DigestUpdate(state_->ctx, data, size); }

std::string Sha256Sink::hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(state_->ctx, md, &len);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += digits[md[i] >> 4];
        out += digits[md[i] & 15];
    }
    return out;
}

}  // namespace memspec
