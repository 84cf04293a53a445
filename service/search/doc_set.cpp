/// @brief DocSet: bitmap set operations and population counts.
#include "doc_set.hpp"

#include <algorithm>
#include <bit>

// Every x86-64 processor of the last fifteen years counts bits in one instruction; without
// the target attribute GCC calls a generic routine (several times slower on large sets).
#if defined(__x86_64__)
#define KB_POPCNT [[gnu::target("popcnt")]]
#else
#define KB_POPCNT
#endif

namespace kb {

void DocSet::unite(const DocSet& other) {
    if (other.words_.size() > words_.size()) words_.resize(other.words_.size(), 0);
    for (std::size_t i = 0; i < other.words_.size(); ++i) words_[i] |= other.words_[i];
}

void DocSet::intersect(const DocSet& other) {
    const std::size_t common = std::min(words_.size(), other.words_.size());
    for (std::size_t i = 0; i < common; ++i) words_[i] &= other.words_[i];
    words_.resize(common);
}

void DocSet::subtract(const DocSet& other) {
    const std::size_t common = std::min(words_.size(), other.words_.size());
    for (std::size_t i = 0; i < common; ++i) words_[i] &= ~other.words_[i];
}

void DocSet::symmetric_difference(const DocSet& other) {
    if (other.words_.size() > words_.size()) words_.resize(other.words_.size(), 0);
    for (std::size_t i = 0; i < other.words_.size(); ++i) words_[i] ^= other.words_[i];
}

KB_POPCNT std::size_t DocSet::count() const {
    std::size_t n = 0;
    for (const std::uint64_t w : words_) n += static_cast<std::size_t>(std::popcount(w));
    return n;
}

KB_POPCNT std::size_t DocSet::count_common(const DocSet& other) const {
    const std::size_t common = std::min(words_.size(), other.words_.size());
    std::size_t n = 0;
    for (std::size_t i = 0; i < common; ++i)
        n += static_cast<std::size_t>(std::popcount(words_[i] & other.words_[i]));
    return n;
}

}  // namespace kb
