/// @brief BinaryCopy: rows encoded in COPY's binary format, sent through libpq.
#include "pg_binary_copy.hpp"

#include <libpq-fe.h>

#include <stdexcept>

namespace kb {

namespace {

// libpqxx 6.4 speaks only COPY's text format (stream_to). Its one way to the libpq connection
// under a transaction is largeobject's protected raw_connection().
struct RawConnection : pqxx::largeobject {
    static PGconn* of(const pqxx::dbtransaction& tx) { return raw_connection(tx); }
};

// Rows are sent in chunks of about this many bytes.
constexpr std::size_t kChunk = 1 << 20;

// PostgreSQL's timestamps count from 2000-01-01T00:00:00Z.
constexpr std::int64_t kPgEpochUnixMicros = 946684800LL * 1000000;

// The text type's OID, which a binary array names for its elements.
constexpr std::uint32_t kTextOid = 25;

}  // namespace

BinaryCopy::BinaryCopy(pqxx::dbtransaction& tx, const std::string& table,
                       const std::vector<std::string>& columns)
    : conn_(RawConnection::of(tx)), columns_(columns.size()) {
    query_ = "COPY " + tx.quote_name(table) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i)
        query_ += (i ? ", " : "") + tx.quote_name(columns[i]);
    query_ += ") FROM STDIN (FORMAT binary)";
    tx.exec0(query_);
    buffer_.reserve(kChunk + kChunk / 4);
    // Signature, flags (no OIDs), no header extension.
    buffer_.append("PGCOPY\n\377\r\n\0", 11);
    put32(0);
    put32(0);
}

BinaryCopy::~BinaryCopy() {
    if (open_) {
        try {
            finish("cancelled by kb-indexer");
        } catch (...) {  // the transaction fails either way
        }
    }
}

void BinaryCopy::put16(std::uint16_t v) {
    const char bytes[] = {static_cast<char>(v >> 8), static_cast<char>(v)};
    buffer_.append(bytes, 2);
}

void BinaryCopy::put32(std::uint32_t v) {
    const char bytes[] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                          static_cast<char>(v >> 8), static_cast<char>(v)};
    buffer_.append(bytes, 4);
}

void BinaryCopy::put64(std::uint64_t v) {
    put32(static_cast<std::uint32_t>(v >> 32));
    put32(static_cast<std::uint32_t>(v));
}

void BinaryCopy::check_row_complete() const {
    if (in_row_ && fields_ != columns_)
        throw std::logic_error("BinaryCopy: a row of " + std::to_string(fields_) + " fields for " +
                               std::to_string(columns_) + " columns");
}

void BinaryCopy::field_length(std::int32_t length) {
    if (!in_row_ || fields_ == columns_)
        throw std::logic_error("BinaryCopy: a field outside a row or past its last column");
    ++fields_;
    put32(static_cast<std::uint32_t>(length));
}

BinaryCopy& BinaryCopy::row() {
    check_row_complete();
    if (buffer_.size() >= kChunk) send();
    put16(static_cast<std::uint16_t>(columns_));
    in_row_ = true;
    fields_ = 0;
    return *this;
}

BinaryCopy& BinaryCopy::text(std::string_view value) {
    field_length(static_cast<std::int32_t>(value.size()));
    buffer_.append(value);
    return *this;
}

BinaryCopy& BinaryCopy::null() {
    field_length(-1);
    return *this;
}

BinaryCopy& BinaryCopy::boolean(bool value) {
    field_length(1);
    buffer_.push_back(value ? 1 : 0);
    return *this;
}

BinaryCopy& BinaryCopy::text_array(const std::vector<std::string>& values) {
    // Dimensions, has-nulls flag, element type, then (one dimension) its length and lower
    // bound, then each element as a field.
    std::size_t length = 12 + (values.empty() ? 0 : 8);
    for (const auto& v : values) length += 4 + v.size();
    field_length(static_cast<std::int32_t>(length));
    put32(values.empty() ? 0 : 1);
    put32(0);
    put32(kTextOid);
    if (!values.empty()) {
        put32(static_cast<std::uint32_t>(values.size()));
        put32(1);
    }
    for (const auto& v : values) {
        put32(static_cast<std::uint32_t>(v.size()));
        buffer_.append(v);
    }
    return *this;
}

BinaryCopy& BinaryCopy::jsonb(std::string_view json) {
    field_length(static_cast<std::int32_t>(json.size() + 1));
    buffer_.push_back(1);  // jsonb's binary format version, then its text
    buffer_.append(json);
    return *this;
}

BinaryCopy& BinaryCopy::timestamptz(std::int64_t unix_micros) {
    field_length(8);
    put64(static_cast<std::uint64_t>(unix_micros - kPgEpochUnixMicros));
    return *this;
}

void BinaryCopy::send() {
    if (buffer_.empty()) return;
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
        throw pqxx::broken_connection(PQerrorMessage(conn_));
    buffer_.clear();
}

void BinaryCopy::complete() {
    check_row_complete();
    send();
    finish(nullptr);
}

void BinaryCopy::finish(const char* cancel_reason) {
    open_ = false;
    if (PQputCopyEnd(conn_, cancel_reason) != 1)
        throw pqxx::broken_connection(PQerrorMessage(conn_));
    std::string error;
    while (PGresult* result = PQgetResult(conn_)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && error.empty()) {
            error = PQresultErrorMessage(result);
            if (const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE))
                error = std::string(state) + ": " + error;
        }
        PQclear(result);
    }
    if (!error.empty()) throw pqxx::sql_error(error, query_);
}

}  // namespace kb
