/// @brief Unit tests of the option parser: precedence, validation, help text.
#include "options.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace kb {
namespace {

const std::vector<OptionSpec> kSpecs = {
    {"port", "KB_TEST_OPT_PORT", "8080", "port"},
    {"rebuild", "", "false", "rebuild", true},
};

TEST(Options, FlagsBeatEnvironmentWhichBeatsDefaults) {
    const char* argv0[] = {"prog"};
    ::unsetenv("KB_TEST_OPT_PORT");
    EXPECT_EQ(Options::parse(kSpecs, 1, argv0).get("port"), "8080");
    ::setenv("KB_TEST_OPT_PORT", "9000", 1);
    EXPECT_EQ(Options::parse(kSpecs, 1, argv0).get("port"), "9000");
    const char* argv1[] = {"prog", "--port", "7000", "--rebuild"};
    Options o = Options::parse(kSpecs, 4, argv1);
    EXPECT_EQ(o.get_int("port", 0, 65535), 7000);
    EXPECT_TRUE(o.get_bool("rebuild"));
    ::unsetenv("KB_TEST_OPT_PORT");
}

TEST(Options, RejectsUnknownOptionsAndBadNumbers) {
    const char* unknown[] = {"prog", "--nope", "1"};
    EXPECT_THROW(Options::parse(kSpecs, 3, unknown), ConfigError);
    const char* missing[] = {"prog", "--port"};
    EXPECT_THROW(Options::parse(kSpecs, 2, missing), ConfigError);
    const char* bad[] = {"prog", "--port=12x"};
    EXPECT_THROW((void)Options::parse(kSpecs, 2, bad).get_int("port", 0, 65535), ConfigError);
    const char* range[] = {"prog", "--port=70000"};
    EXPECT_THROW((void)Options::parse(kSpecs, 2, range).get_int("port", 0, 65535), ConfigError);
}

TEST(Options, UsageListsEveryOption) {
    std::string text = Options::usage("prog", kSpecs);
    EXPECT_NE(text.find("--port"), std::string::npos);
    EXPECT_NE(text.find("KB_TEST_OPT_PORT"), std::string::npos);
    EXPECT_NE(text.find("--rebuild"), std::string::npos);
}

TEST(SplitPathList, DropsEmptyParts) {
    EXPECT_EQ(split_path_list("a::b:"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace kb
