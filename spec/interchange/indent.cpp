#include "spec/interchange/indent.hpp"

namespace memspec {

void IndentSink::new_line() {
    buf_ += '\n';
    buf_.append(depth_ * indent_, ' ');
}

void IndentSink::write(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        const char c = data[i];
        if (in_string_) {
            // R196: a string's bytes are the compact writer's, escapes included.
            buf_ += c;
            if (escaped_) escaped_ = false;
            else if (c == '\\') escaped_ = true;
            else if (c == '"') in_string_ = false;
            continue;
        }
        if (open_) {
            const char close = open_ == '{' ? '}' : ']';
            open_ = 0;
            if (c == close) {  // an empty object or array stays on its line
                --depth_;
                buf_ += c;
                continue;
            }
            new_line();
        }
        switch (c) {
            case '{':
            case '[':
                buf_ += c;
                ++depth_;
                open_ = c;
                break;
            case '}':
            case ']':
                if (depth_ > 0) --depth_;
                new_line();
                buf_ += c;
                break;
            case ',':
                buf_ += c;
                new_line();
                break;
            case ':': buf_ += ": "; break;
            case '"':
                buf_ += c;
                in_string_ = true;
                break;
            default: buf_ += c;
        }
    }
    if (buf_.size() >= (std::size_t{1} << 16)) flush();
}

void IndentSink::flush() {
    if (buf_.empty()) return;
    out_.write(buf_.data(), buf_.size());
    buf_.clear();
}

std::string reindent(std::string_view compact, int indent) {
    if (indent < 0) return std::string(compact);
    StringSink out;
    {
        IndentSink sink(out, indent);
        sink.write(compact.data(), compact.size());
    }
    return std::move(out.text);
}

}  // namespace memspec
