/// @brief What the route table hands each capability, built in main from the shared parts.
#pragma once

#include "article_handlers.hpp"
#include "forum_handlers.hpp"
#include "health_handlers.hpp"
#include "metrics_handler.hpp"
#include "moderation_handlers.hpp"
#include "pulse_handlers.hpp"
#include "qa_handlers.hpp"
#include "rate_limiter.hpp"
#include "resource_handlers.hpp"
#include "search_handlers.hpp"
#include "tag_handlers.hpp"
#include "user_handlers.hpp"
#include "web_context.hpp"

namespace kb {

/// One context per capability: each handler sees only the parts its capability uses.
/// Request budgets the route table puts in front of handlers.
struct Throttles {
    http::RequestThrottle& search;  ///< per address and per token
    http::RequestThrottle& write;   ///< per address and per token
    http::RequestThrottle& thread;  ///< per token, successful questions only
};

struct AppContext {
    HealthContext health;
    SearchContext search;
    ArticleContext articles;
    QaContext qa;
    AccountContext accounts;
    Throttles throttles;
    PulseContext pulse;
    MetricsContext metrics;
    ForumContext forum;
    ResourceContext resources;
    TagContext tags;
    ModerationContext moderation;
    web::WebContext web;  ///< the pages
};

}  // namespace kb
