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

/// The response to a resource change, held until search sees it (OutboxWriter's
/// once_searchable, at most app.settings.index_wait).
http::Response once_searchable(ResourceContext& app, http::Response response);

/// The largest request body of the upload route (the file plus multipart framing).
std::size_t upload_body_limit(const ResourceSettings& settings);

// What the API's routes and the pages share.

/// An upload checked then written to the file store (before any row refers to it): 413
/// `file_too_large` over the cap, 400 `empty_file`, the name sanitised, the type decided by the
/// content (4xx when it is not allowed or does not match).
StoredFile store_upload(ResourceContext& app, const std::string& bytes,
                        const std::string& raw_name);
/// A new pending resource by author, its tags resolved against the vocabulary, with its file.
long long submit_resource(ResourceContext& app, const User& author, ResourceFields fields,
                          const std::optional<StoredFile>& file = std::nullopt);
/// A resource as a reader opens it: 404 `resource_not_found` when viewer may not see it; the
/// view of a public one counted (not its author's own).
Resource open_resource(ResourceContext& app, long long id, const std::optional<User>& viewer);
/// The listing filters of a query string (type, tag, audience, step, structure_type, territory,
/// status, page, per_page), each checked (400).
ResourceQuery resource_query_from(ResourceContext& app, const http::Request& request);
/// The attached file of resource `id` as viewer may download it (ETag, nosniff, attachment;
/// 304 on a matching If-None-Match; 404 without a file).
http::Response file_response(ResourceContext& app, const http::Request& request,
                             const std::optional<User>& viewer);
/// A moderator's decision on a resource (a rejection needs a reason, the author sees it; 1,000
/// characters at most); the caller's answer waits for search (once_searchable).
void decide_resource(ResourceContext& app, long long id, const User& moderator,
                     ResourceAction action, const std::optional<std::string>& reason);

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
