/// @brief DocumentCache: read once, checked against the commit log by the document's id term.
#include "document_cache.hpp"

#include "message.hpp"
#include "search_schema.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace kb {

std::shared_ptr<const ShownDocument> DocumentCache::get(Xapian::Database& db,
                                                        const IndexState& state, Xapian::docid id,
                                                        Xapian::Stem& stem) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(id);
            it != entries_.end() && it->second.generation == state.generation) {
            Entry& entry = it->second;
            bool valid = entry.revision == state.revision;
            if (!valid && commits_ != nullptr) {
                valid = kept_verdict(*commits_, state, entry.revision, entry.id_term) ==
                        CommitLog::Verdict::unchanged;
                // Still right at the later revision: the next lookup skips the log.
                if (valid) entry.revision = std::max(entry.revision, state.revision);
            }
            if (valid) {
                entry.used = ++tick_;
                return entry.document;
            }
        }
    }
    const Xapian::Document doc = db.get_document(id);
    auto document = std::make_shared<ShownDocument>();
    const std::string data = schema::hit_data(doc);
    auto hit = std::make_shared<HitData>();
    hit->data = nlohmann::json::parse(data, nullptr, false);
    if (!hit->data.is_discarded()) hit->json = http::dump_json(hit->data);
    // Taken from the data rather than from the document's term list: reading that list read
    // and decoded all of it, long for a long document, on every first view.
    if (const auto id = hit->data.is_object() ? hit->data.find("id") : hit->data.end();
        id != hit->data.end() && id->is_string())
        hit->id_term = schema::kIdPrefix + id->get<std::string>();
    document->hit = std::move(hit);
    document->text = doc.get_value(schema::kSnippetSlot);
    document->text_words = StemPositions(document->text, stem);
    ++reads_;
    // The id term tells the commit log's entries which documents they wrote; a document
    // without one is read again each time.
    const std::string& id_term = document->hit->id_term;
    if (id_term.empty()) return document;
    // The parsed JSON takes about twice its text, and its serialisation once more.
    const std::size_t bytes =
        document->text.size() + document->text_words.bytes() + 3 * data.size() + 128;
    std::lock_guard lock(mutex_);
    auto [it, inserted] = entries_.try_emplace(id);
    // Another search may have read a later revision meanwhile: the later one stays.
    if (!inserted && it->second.generation == state.generation &&
        it->second.revision > state.revision)
        return document;
    if (!inserted) bytes_ -= it->second.bytes;
    if (bytes_ + bytes > max_bytes_) {
        entries_.erase(it);
        evict_locked();
        if (bytes > max_bytes_ / 4) return document;  // one document would crowd the others
        it = entries_.try_emplace(id).first;
    }
    it->second = Entry{state.generation, state.revision, id_term, document, bytes, ++tick_};
    bytes_ += bytes;
    return document;
}

void DocumentCache::evict_locked() {
    drop_lower_half(
        entries_, [](const Entry& entry) { return entry.used; },
        [this](const Entry& entry) { bytes_ -= entry.bytes; });
}

}  // namespace kb
