/// @brief The article page (/articles/{slug}): a guide or write-up with its contents, sources,
/// related content, and the "was this page useful?" vote.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

http::Response get_article_page(WebContext& web, const http::Request& request);
/// POST /articles/{slug}/avis, field `utile` = oui | non: one vote per visitor, the last counts.
http::Response post_article_vote(WebContext& web, const http::Request& request);

}  // namespace kb::web
