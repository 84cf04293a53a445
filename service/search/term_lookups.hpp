/// @brief What parsing a question asks the index about its words (frequencies, dictionary
/// membership and suggestions, terms under a prefix), remembered for one index state.
#pragma once

#include <xapian.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace kb {

/// Each answer is a B-tree lookup in the index's files (a system call and a block read), and a
/// question's parse made about forty of them; questions share their words. Thread-safe. The
/// answers hold for the index state `version` names; a lookup with another version starts over
/// (any commit can add words to the dictionary: a suggestion must not outlive it).
class TermLookups {
  public:
    /// A view for one search: the reader and the name of its state.
    class On {
      public:
        On(TermLookups& memo, const Xapian::Database& db, std::string version)
            : memo_(memo), db_(db), version_(std::move(version)) {}
        [[nodiscard]] Xapian::doccount frequency(const std::string& term) const;
        /// Whether the spelling dictionary holds word.
        [[nodiscard]] bool spelled(const std::string& word) const;
        /// Xapian's spelling suggestion for word within max_edit_distance ("" for none): a scan
        /// of the dictionary's trigrams, tens of milliseconds on a large corpus. For a word of 4
        /// letters or more, a word that is the typed one with one letter more comes first
        /// ("annex": "annexe", "drets": "dreets").
        [[nodiscard]] std::string suggestion(const std::string& word,
                                             unsigned max_edit_distance) const;
        /// The first `limit` terms starting with prefix, in order.
        [[nodiscard]] std::shared_ptr<const std::vector<std::string>> with_prefix(
            const std::string& prefix, std::size_t limit) const;
        [[nodiscard]] const Xapian::Database& db() const { return db_; }

      private:
        TermLookups& memo_;
        const Xapian::Database& db_;
        std::string version_;
    };

  private:
    /// Looks key up for version (starting over on another one); make() on a miss, outside
    /// the lock. `size(value)`: roughly what the entry holds.
    template <typename Value, typename Make, typename Size>
    Value remember(std::unordered_map<std::string, Value>& map, const std::string& version,
                   const std::string& key, Make make, Size size);
    void clear_locked();

    /// Memory for the answers of one state; when full, they are all forgotten.
    static constexpr std::size_t kMaxBytes = 8u << 20;
    std::mutex mutex_;
    std::string version_;
    std::size_t bytes_ = 0;
    std::unordered_map<std::string, Xapian::doccount> frequencies_;
    std::unordered_map<std::string, bool> spellings_;
    std::unordered_map<std::string, std::string> suggestions_;
    std::unordered_map<std::string, std::shared_ptr<const std::vector<std::string>>> prefixes_;
};

}  // namespace kb
