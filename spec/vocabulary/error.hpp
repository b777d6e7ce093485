// MemoryError and Result<T>: every public operation either succeeds or says why not (R27, R28).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace memspec {

// The `kind` strings are part of the interchange format (spec/interchange.md); never rename.
enum class ErrorKind {
    ParseError,
    InvalidConfig,
    InvalidAddressSpace,
    SizeNotPowerOfTwo,
    OutOfBounds,
    UnalignedAccess,
    InvalidValue,
    TimestampViolation,
    // The run is valid but has no trace in the AIR layer (R66), e.g. no finalize_chunk.
    Untraceable,
    // Input that is well formed so far but larger than a documented cap (a stream line, a piped
    // document, a program's output in conform): refused before memory runs out.
    LimitExceeded,
    // Reading the input failed (an I/O error, not its end): the input was not seen whole.
    InputError,
    // Writing the output failed (a full disk, a closed pipe, a closed stdout): the output is
    // incomplete. Reported on standard error, never in the output it could not write.
    OutputError,
    // An allocation failed: the run needs more memory than the process may have.
    OutOfMemory,
};

constexpr std::string_view to_string(ErrorKind k) {
    switch (k) {
        case ErrorKind::ParseError: return "ParseError";
        case ErrorKind::InvalidConfig: return "InvalidConfig";
        case ErrorKind::InvalidAddressSpace: return "InvalidAddressSpace";
        case ErrorKind::SizeNotPowerOfTwo: return "SizeNotPowerOfTwo";
        case ErrorKind::OutOfBounds: return "OutOfBounds";
        case ErrorKind::UnalignedAccess: return "UnalignedAccess";
        case ErrorKind::InvalidValue: return "InvalidValue";
        case ErrorKind::TimestampViolation: return "TimestampViolation";
        case ErrorKind::Untraceable: return "Untraceable";
        case ErrorKind::LimitExceeded: return "LimitExceeded";
        case ErrorKind::InputError: return "InputError";
        case ErrorKind::OutputError: return "OutputError";
        case ErrorKind::OutOfMemory: return "OutOfMemory";
    }
    return "?";
}

struct MemoryError {
    ErrorKind kind;
    std::string message;
    // Index of the scenario operation that failed, when the error came from one (R32).
    std::optional<std::size_t> op_index;

    friend bool operator==(const MemoryError&, const MemoryError&) = default;
};

inline MemoryError make_error(ErrorKind k, std::string msg) { return MemoryError{k, std::move(msg), std::nullopt}; }

// R28: the error of scenario operation `index`: the index in `op_index` and as a message prefix.
inline MemoryError at_op(MemoryError e, std::size_t index) {
    e.op_index = index;
    e.message = "ops[" + std::to_string(index) + "]: " + e.message;
    return e;
}

// A small stand-in for std::expected (C++23).
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(MemoryError e) : v_(std::move(e)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    const MemoryError& error() const { return std::get<1>(v_); }

private:
    std::variant<T, MemoryError> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(MemoryError e) : e_(std::move(e)) {}
    bool ok() const { return !e_.has_value(); }
    explicit operator bool() const { return ok(); }
    const MemoryError& error() const { return *e_; }

private:
    std::optional<MemoryError> e_;
};

using Status = Result<void>;

}  // namespace memspec
