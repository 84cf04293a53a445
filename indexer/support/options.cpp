/// @brief Implementation of the flags > environment > defaults option parser.
#include "options.hpp"

#include <cstdlib>
#include <sstream>

namespace kb {

namespace {

const OptionSpec* find_spec(const std::vector<OptionSpec>& specs, const std::string& name) {
    for (const auto& spec : specs) {
        if (spec.name == name) return &spec;
    }
    return nullptr;
}

}  // namespace

Options Options::parse(const std::vector<OptionSpec>& specs, int argc, const char* const* argv) {
    Options out;
    for (const auto& spec : specs) {
        const char* env = spec.env.empty() ? nullptr : std::getenv(spec.env.c_str());
        out.values_[spec.name] = (env != nullptr && *env != '\0') ? env : spec.default_value;
    }
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            out.help_ = true;
            continue;
        }
        if (arg.rfind("--", 0) != 0) {
            out.positional_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::string value;
        bool has_inline_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_inline_value = true;
        }
        const OptionSpec* spec = find_spec(specs, name);
        if (spec == nullptr) throw ConfigError("unknown option --" + name + " (see --help)");
        if (spec->is_flag) {
            out.values_[name] = has_inline_value ? value : "true";
            continue;
        }
        if (!has_inline_value) {
            if (i + 1 >= argc) throw ConfigError("option --" + name + " needs a value");
            value = argv[++i];
        }
        out.values_[name] = value;
    }
    return out;
}

const std::string& Options::get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw ConfigError("internal: option --" + name + " is not declared");
    return it->second;
}

long Options::get_int(const std::string& name, long min, long max) const {
    const std::string& text = get(name);
    std::size_t used = 0;
    long value = 0;
    try {
        value = std::stol(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size()) {
        throw ConfigError("option --" + name + " must be an integer, got '" + text + "'");
    }
    if (value < min || value > max) {
        throw ConfigError("option --" + name + " must be between " + std::to_string(min) + " and " +
                          std::to_string(max) + ", got " + text);
    }
    return value;
}

bool Options::get_bool(const std::string& name) const {
    const std::string& text = get(name);
    if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "0" || text == "no" || text == "off" || text.empty())
        return false;
    throw ConfigError("option --" + name + " must be true or false, got '" + text + "'");
}

bool is_test_hook(const std::string& option_name) {
    return option_name.rfind("test-", 0) == 0;
}

std::string Options::usage(const std::string& synopsis, const std::vector<OptionSpec>& specs) {
    std::ostringstream out;
    auto describe = [&out](const OptionSpec& spec) {
        out << "  --" << spec.name << (spec.is_flag ? "" : " VALUE") << "\n      " << spec.help;
        if (!spec.env.empty()) out << "\n      env " << spec.env;
        if (!spec.default_value.empty()) out << ", default: " << spec.default_value;
        out << "\n";
    };
    out << "Usage: " << synopsis << "\n\nOptions (command line, then environment, then default):\n";
    for (const auto& spec : specs) {
        if (!is_test_hook(spec.name)) describe(spec);
    }
    out << "  --help\n      print this text\n";
    bool heading = false;
    for (const auto& spec : specs) {
        if (!is_test_hook(spec.name)) continue;
        if (!heading) out << "\nTest hooks (for the test suite only, never in production):\n";
        heading = true;
        describe(spec);
    }
    return out.str();
}

std::vector<std::string> split_path_list(const std::string& text) {
    std::vector<std::string> parts;
    std::string current;
    for (char c : text) {
        if (c == ':') {
            if (!current.empty()) parts.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) parts.push_back(current);
    return parts;
}

}  // namespace kb
