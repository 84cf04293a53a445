/// @brief What handlers need, built in main and passed by reference: storage, search, config.
#pragma once

#include "index_readers.hpp"
#include "outbox_writer.hpp"
#include "pg_pool.hpp"
#include "qa_store.hpp"
#include "search_engine.hpp"
#include "service_config.hpp"

namespace kb {

struct AppContext {
    const ServiceConfig& config;
    PgPool& db;
    IndexReaders& index;
    SearchEngine& search;
    QaStore& qa;
    OutboxWriter& outbox;
};

}  // namespace kb
