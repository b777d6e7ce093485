#include "spec/vocabulary/strict_json.hpp"

#include <set>
#include <type_traits>
#include <utility>
#include <vector>

namespace memspec {

namespace {

// A SAX handler that builds the tree with an explicit stack of open containers and stops at the
// first duplicate key. Every callback is
// O(log k) for an object of k keys, so the parse is linear in the input up to that factor.
// As the scenario reader (interchange.md, "Which error"): deeper nesting is malformed. It also
// bounds the recursion of whatever later walks the tree (comparing, printing, destroying it).
constexpr std::size_t MAX_DEPTH = 1024;

template <class Json>
class StrictBuilder {
public:
    explicit StrictBuilder(Json& root) : root_(root) {}

    bool null() { return put(Json(nullptr)); }
    bool boolean(bool b) { return put(Json(b)); }
    bool number_integer(typename Json::number_integer_t x) { return put(Json(x)); }
    bool number_unsigned(typename Json::number_unsigned_t x) { return put(Json(x)); }
    bool number_float(typename Json::number_float_t x, const std::string&) { return put(Json(x)); }
    bool string(std::string& s) { return put(Json(std::move(s))); }
    bool binary(typename Json::binary_t&) { return put(Json()); }  // never called for JSON text
    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(std::string& k) {
        Level& level = levels_.back();
        if (!level.keys.insert(k).second) {
            error_ = "duplicate key \"" + k + "\"" + (levels_.size() > 1 ? " at " + path() : std::string(" at the top level"));
            return false;  // stops the parse: the document means two things
        }
        level.key = std::move(k);
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
        if (done_) {
            error_ = "malformed JSON: content after the top-level value (byte " + std::to_string(position > 0 ? position - 1 : 0) + ")";
        } else {
            // nlohmann's message without its "[json.exception.parse_error.101] " tag.
            std::string what = e.what();
            if (const auto cut = what.find("] "); what.rfind("[json.exception.", 0) == 0 && cut != std::string::npos) what.erase(0, cut + 2);
            error_ = "malformed JSON: " + what;
        }
        return false;
    }

    const std::string& error() const { return error_; }

private:
    struct Level {
        Json* node;
        std::set<std::string> keys;  // objects only: the keys seen so far
        std::string key;             // objects only: the key whose value comes next (or is open)
    };

    bool put(Json v) {
        (void)place(std::move(v));
        if (levels_.empty()) done_ = true;
        return true;
    }
    bool open(Json v) {
        if (levels_.size() == MAX_DEPTH) {
            error_ = "malformed JSON: nesting deeper than " + std::to_string(MAX_DEPTH) + " levels";
            return false;
        }
        Json* node = place(std::move(v));
        levels_.push_back(Level{node, {}, {}});
        return true;
    }
    bool close() {
        levels_.pop_back();
        if (levels_.empty()) done_ = true;
        return true;
    }

    // Puts a value in the innermost open container (or at the root) and returns where it lives.
    // The address of every open container stays valid: only the innermost one grows.
    Json* place(Json v) {
        if (levels_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        Level& level = levels_.back();
        Json& parent = *level.node;
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        auto& object = parent.template get_ref<typename Json::object_t&>();
        if constexpr (std::is_same_v<typename Json::object_t, typename nlohmann::json::object_t>) {
            return &object.emplace(level.key, std::move(v)).first->second;
        } else {
            // ordered_json's map searches linearly on insert; the key is known to be new, so append
            // to the vector beneath it (keeps a many-keyed object linear).
            auto& entries = static_cast<typename Json::object_t::Container&>(object);
            entries.emplace_back(level.key, std::move(v));
            return &entries.back().second;
        }
    }

    // Where the innermost open object is, as readers name places: chips[0].public_values.
    std::string path() const {
        std::string out;
        for (std::size_t i = 0; i + 1 < levels_.size(); ++i) {
            const Level& l = levels_[i];
            if (l.node->is_array())
                out += "[" + std::to_string(l.node->size() - 1) + "]";
            else
                out += (out.empty() ? "" : ".") + l.key;
        }
        return out;
    }

    Json& root_;
    std::vector<Level> levels_;
    bool done_ = false;
    std::string error_;
};

template <class Json>
Result<Json> parse(std::string_view text) {
    Json root;
    StrictBuilder<Json> builder(root);
    bool ok = false;
    try {
        // strict = true: the value must be followed by nothing but whitespace.
        ok = Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, /*strict=*/true,
                             /*ignore_comments=*/false);
    } catch (const std::bad_alloc&) {
        throw;  // not the input's fault: the caller reports OutOfMemory
    } catch (const std::exception& e) {
        return make_error(ErrorKind::ParseError, std::string("malformed JSON: ") + e.what());
    }
    if (!ok) return make_error(ErrorKind::ParseError, builder.error().empty() ? std::string("malformed JSON") : builder.error());
    return root;
}

}  // namespace

Result<nlohmann::json> parse_json_strict(std::string_view text) { return parse<nlohmann::json>(text); }
Result<nlohmann::ordered_json> parse_ordered_json_strict(std::string_view text) { return parse<nlohmann::ordered_json>(text); }

}  // namespace memspec
