/// @brief The pages' template engine: values escaped by default, empty strings and null false in
/// sections (as mustache.js does) and written as nothing.
#include "templates.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

namespace kb::test {
namespace {

TEST(Templates, EscapeByDefaultAndTreatEmptyStringsAsFalse) {
    TempDir dir;
    write_file(dir.path() / "t.mustache",
               "[{{#error}}<p>{{error}}</p>{{/error}}{{^error}}ok{{/error}}|{{text}}|{{{raw}}}]");
    web::Templates templates(dir.path());
    EXPECT_EQ(templates.render("t", {{"error", ""}, {"text", "<b>&\""}, {"raw", "<i>x</i>"}}),
              "[ok|&lt;b&gt;&amp;&quot;|<i>x</i>]");
    EXPECT_EQ(
        templates.render("t", {{"error", "Adresse invalide"}, {"text", ""}, {"raw", nullptr}}),
        "[<p>Adresse invalide</p>||]");
}

TEST(Templates, ATemplateThatDoesNotParseStopsTheStart) {
    TempDir dir;
    write_file(dir.path() / "broken.mustache", "{{#open}} never closed");
    EXPECT_THROW(web::Templates{dir.path()}, std::runtime_error);
}

}  // namespace
}  // namespace kb::test
