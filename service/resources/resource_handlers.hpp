/// @brief Resource library routes: submit, list, read, edit, attach and serve files, moderate.
#pragma once

#include "extraction_worker.hpp"
#include "file_store.hpp"
#include "message.hpp"
#include "outbox_writer.hpp"
#include "pg_pool.hpp"
#include "resource_store.hpp"
#include "tag_store.hpp"

#include <chrono>

namespace kb {

struct ResourceSettings {
    std::size_t max_file_bytes = 20 * 1024 * 1024;
    /// How long a moderation decision waits for the resource's change to be searchable.
    std::chrono::milliseconds index_wait{2000};
    /// Test hook: pause between writing an upload's file and committing its row.
    std::chrono::milliseconds file_commit_delay{0};
};

/// What the resource routes need.
struct ResourceContext {
    PgPool& db;
    ResourceStore& resources;
    TagStore& tags;
    FileStore& files;
    OutboxWriter& outbox;
    ExtractionWorker& extraction;
    ResourceSettings settings;
};

/// The largest request body of the upload route (the file plus multipart framing).
std::size_t upload_body_limit(const ResourceSettings& settings);

http::Response post_resource(ResourceContext& app, const http::Request& request);
http::Response list_resources(ResourceContext& app, const http::Request& request);
http::Response get_resource(ResourceContext& app, const http::Request& request);
http::Response patch_resource(ResourceContext& app, const http::Request& request);
http::Response approve_resource(ResourceContext& app, const http::Request& request);
http::Response reject_resource(ResourceContext& app, const http::Request& request);
http::Response hide_resource(ResourceContext& app, const http::Request& request);
http::Response restore_resource(ResourceContext& app, const http::Request& request);
http::Response list_resource_versions(ResourceContext& app, const http::Request& request);
http::Response restore_resource_version(ResourceContext& app, const http::Request& request);
http::Response post_resource_file(ResourceContext& app, const http::Request& request);
http::Response get_resource_file(ResourceContext& app, const http::Request& request);

}  // namespace kb
