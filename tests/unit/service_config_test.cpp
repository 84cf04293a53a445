/// @brief The service's options: test hooks carry a `test-` prefix and are listed apart in --help;
/// abandoned experiments and options the service never read are refused.
#include "service_config.hpp"
#include "options.hpp"
#include "process.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace kb {
namespace {

ServiceConfig parse(std::vector<const char*> args) {
    args.insert(args.begin(), "kb-service");
    return parse_service_config(static_cast<int>(args.size()), args.data());
}

TEST(OptionsUsage, ListsTestHooksInTheirOwnSectionAfterTheProductOptions) {
    const std::vector<OptionSpec> specs = {
        {"test-slow-start", "KB_TEST_SLOW_START", "0", "wait before starting"},
        {"port", "KB_PORT", "8080", "port"},
    };
    const std::string text = Options::usage("prog", specs);
    const auto heading = text.find("Test hooks");
    ASSERT_NE(heading, std::string::npos) << text;
    EXPECT_LT(text.find("--port"), heading) << text;
    EXPECT_LT(text.find("--help"), heading) << text;
    EXPECT_GT(text.find("--test-slow-start"), heading) << text;
    EXPECT_EQ(Options::usage("prog", {specs[1]}).find("Test hooks"), std::string::npos);
}

TEST(ServiceConfig, HelpListsTheOutboxDelayOnlyAsATestHook) {
    const test::CommandResult help = test::run_command(test::service_binary(), {"--help"});
    ASSERT_EQ(help.exit_code, 0) << help.err;
    const auto heading = help.out.find("Test hooks");
    ASSERT_NE(heading, std::string::npos) << help.out;
    EXPECT_GT(help.out.find("--test-outbox-delay-ms"), heading) << help.out;
    EXPECT_GT(help.out.find("KB_TEST_OUTBOX_DELAY_MS"), heading) << help.out;
    EXPECT_LT(help.out.find("--listen"), heading) << help.out;
    for (const std::string gone :
         {"outbox-delay-ms", "all-words-boost", "match-all-first", "content-dirs"}) {
        EXPECT_EQ(help.out.find("  --" + gone + " VALUE"), std::string::npos) << gone;
    }
    for (const std::string gone :
         {"KB_OUTBOX_DELAY_MS", "KB_ALL_WORDS_BOOST", "KB_MATCH_ALL_FIRST", "KB_CONTENT_DIRS"}) {
        EXPECT_EQ(help.out.find("env " + gone), std::string::npos) << gone;
    }
}

TEST(ServiceConfig, ExperimentsAndUnreadOptionsAreRefused) {
    for (const char* gone :
         {"--all-words-boost", "--match-all-first", "--content-dirs", "--outbox-delay-ms"}) {
        EXPECT_THROW(parse({gone, "1"}), ConfigError) << gone;
    }
}

TEST(ServiceConfig, OutboxDelayHookComesFromItsTestPrefixedFlagOrVariable) {
    ::unsetenv("KB_TEST_OUTBOX_DELAY_MS");
    EXPECT_EQ(parse({}).test_outbox_delay_ms, 0);
    ::setenv("KB_TEST_OUTBOX_DELAY_MS", "250", 1);
    EXPECT_EQ(parse({}).test_outbox_delay_ms, 250);
    EXPECT_EQ(parse({"--test-outbox-delay-ms", "40"}).test_outbox_delay_ms, 40);
    ::unsetenv("KB_TEST_OUTBOX_DELAY_MS");
    EXPECT_THROW(parse({"--test-outbox-delay-ms", "-1"}), ConfigError);
}

}  // namespace
}  // namespace kb
