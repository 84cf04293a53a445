/// @brief trimmed and list_items: blanks around items, empty items, separators, views into the
/// text.
#include "text_lists.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace kb {
namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
    return {views.begin(), views.end()};
}

TEST(TextLists, TrimmedDropsBlanksAtBothEndsOnly) {
    EXPECT_EQ(trimmed("  a b \t\r\n"), "a b");
    EXPECT_EQ(trimmed("a"), "a");
    EXPECT_EQ(trimmed(" \t\r\n"), "");
    EXPECT_EQ(trimmed(""), "");
    EXPECT_EQ(trimmed("//a//", "/"), "a");
    EXPECT_EQ(trim("  x  "), std::string("x"));
}

TEST(TextLists, ItemsAreTrimmedAndEmptyOnesLeftOut) {
    EXPECT_EQ(strings(list_items("a, b ,,c,", ',')), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(strings(list_items(" , ,", ',')), std::vector<std::string>{});
    EXPECT_EQ(strings(list_items("", ',')), std::vector<std::string>{});
    EXPECT_EQ(strings(list_items("seul", ',')), std::vector<std::string>{"seul"});
    EXPECT_EQ(strings(list_items("sid=1; theme=dsfr ;x", ';')),
              (std::vector<std::string>{"sid=1", "theme=dsfr", "x"}));
    EXPECT_EQ(strings(list_items("L1\r\nL2\n\nL3", '\n')),
              (std::vector<std::string>{"L1", "L2", "L3"}));
}

TEST(TextLists, ItemsAreViewsIntoTheText) {
    const std::string text = "un, deux";
    const auto items = list_items(text, ',');
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[1].data(), text.data() + 4);
}

}  // namespace
}  // namespace kb
