/// @brief The search snippet as a page shows it: its line breaks made visible on one line.
#pragma once

#include <string>
#include <string_view>

namespace kb::web {

/// A snippet (escaped HTML with <mark> tags) with each line break that ends a block without
/// punctuation (a heading, a list item) made " · ", the others a space: "Pourquoi une feuille
/// de route · Créer une structure…" rather than the heading run into its paragraph.
std::string snippet_for_page(std::string_view snippet);

}  // namespace kb::web
