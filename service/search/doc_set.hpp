/// @brief A set of document ids as a bitmap: what a query matches, counted without ranking.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <vector>

namespace kb {

/// Bit d set when document id d is in the set. Sets of different sizes combine as if the shorter
/// one were padded with zeros (an index grows while cached sets keep the size they were made at).
class DocSet {
  public:
    DocSet() = default;
    /// An empty set able to hold ids up to last without growing.
    explicit DocSet(Xapian::docid last) : words_(last / 64 + 1, 0) {}

    void add(Xapian::docid id) {
        const std::size_t word = id / 64;
        if (word >= words_.size()) words_.resize(word + 1, 0);
        words_[word] |= std::uint64_t{1} << (id % 64);
    }
    void remove(Xapian::docid id) {
        const std::size_t word = id / 64;
        if (word < words_.size()) words_[word] &= ~(std::uint64_t{1} << (id % 64));
    }
    [[nodiscard]] bool contains(Xapian::docid id) const {
        const std::size_t word = id / 64;
        return word < words_.size() && ((words_[word] >> (id % 64)) & 1) != 0;
    }
    void unite(const DocSet& other);      ///< this ∪= other
    void intersect(const DocSet& other);  ///< this ∩= other
    void subtract(const DocSet& other);   ///< this −= other
    void symmetric_difference(const DocSet& other);
    [[nodiscard]] std::size_t count() const;
    /// |this ∩ other| without building it.
    [[nodiscard]] std::size_t count_common(const DocSet& other) const;
    [[nodiscard]] std::size_t bytes() const { return words_.size() * sizeof(std::uint64_t); }
    /// Calls f with each id of the set, ascending.
    template <typename F>
    void for_each(F&& f) const {
        for (std::size_t w = 0; w < words_.size(); ++w) {
            for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1)
                f(static_cast<Xapian::docid>(w * 64 +
                                             static_cast<std::size_t>(__builtin_ctzll(bits))));
        }
    }

  private:
    std::vector<std::uint64_t> words_;
};

}  // namespace kb
