/// @brief COPY ... FROM STDIN in PostgreSQL's binary format, inside a libpqxx transaction.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// Streams rows into `table` (its `columns`, in that order) in COPY's binary format: PostgreSQL
/// then takes each field by its length instead of scanning every byte of the text format for
/// escapes, which was 40% of its work to store a rebuild's articles (~130 MB of HTML), and we
/// escape nothing. Each row gives one field per column, typed as its column. complete() ends the
/// COPY and throws what PostgreSQL reported; without it the COPY is cancelled, which leaves the
/// transaction failed (it can only be rolled back).
class BinaryCopy {
  public:
    BinaryCopy(pqxx::dbtransaction& tx, const std::string& table,
               const std::vector<std::string>& columns);
    ~BinaryCopy();
    BinaryCopy(const BinaryCopy&) = delete;
    BinaryCopy& operator=(const BinaryCopy&) = delete;

    BinaryCopy& row();  ///< starts a row
    BinaryCopy& text(std::string_view value);
    BinaryCopy& null();
    BinaryCopy& boolean(bool value);
    BinaryCopy& text_array(const std::vector<std::string>& values);  ///< a text[] column
    BinaryCopy& jsonb(std::string_view json);
    BinaryCopy& timestamptz(std::int64_t unix_micros);

    /// Sends the last rows, ends the COPY and throws pqxx::sql_error if PostgreSQL refused it.
    void complete();

  private:
    void field_length(std::int32_t length);
    void put16(std::uint16_t v);
    void put32(std::uint32_t v);
    void put64(std::uint64_t v);
    void check_row_complete() const;
    void send();
    void finish(const char* cancel_reason);

    struct pg_conn* conn_;
    std::string query_;
    std::size_t columns_;
    std::size_t fields_ = 0;  ///< fields of the current row so far
    bool in_row_ = false;
    bool open_ = true;
    std::string buffer_;
};

}  // namespace kb
