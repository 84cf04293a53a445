/// @brief Command-line and environment option parsing shared by both binaries (flags > env >
/// defaults).
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace kb {

/// Raised for a bad option; the message is meant for the operator.
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// One option: `--name value` on the command line or the `env` variable, else `default_value`.
/// A name that starts with `test-` (variable `KB_TEST_...`) is a test hook: it exists for the
/// tests to reach a state on purpose and is listed apart in the usage text.
struct OptionSpec {
    std::string name;
    std::string env;
    std::string default_value;
    std::string help;
    bool is_flag = false;  ///< boolean switch without a value (`--rebuild`)
};

/// The parsed values of a set of options, plus the positional arguments.
class Options {
  public:
    /// Parses argv (skipping argv[0]) against specs. Throws ConfigError on unknown or incomplete
    /// options.
    static Options parse(const std::vector<OptionSpec>& specs, int argc, const char* const* argv);

    [[nodiscard]] const std::string& get(const std::string& name) const;
    [[nodiscard]] long get_int(const std::string& name, long min, long max) const;
    [[nodiscard]] bool get_bool(const std::string& name) const;
    [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }
    [[nodiscard]] bool help_requested() const { return help_; }

    /// Text listing every option, its variable and its default, for --help; test hooks last, in
    /// a section of their own.
    static std::string usage(const std::string& synopsis, const std::vector<OptionSpec>& specs);

  private:
    std::map<std::string, std::string> values_;
    std::vector<std::string> positional_;
    bool help_ = false;
};

/// True for a test hook's name (`test-...`).
bool is_test_hook(const std::string& option_name);

/// Splits "a:b:c" into its non-empty parts.
std::vector<std::string> split_path_list(const std::string& text);

}  // namespace kb
