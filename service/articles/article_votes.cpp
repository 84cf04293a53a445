/// @brief SQL of the usefulness votes, parameterised, next to its use.
#include "article_votes.hpp"

namespace kb {

bool record_usefulness_vote(PgPool& db, const std::string& slug, const std::string& voter_hash,
                            bool useful) {
    return db.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto r = tx.exec_params(
            R"(INSERT INTO article_votes (article_id, voter_hash, useful)
               SELECT id, $2, $3 FROM articles WHERE slug = $1
               ON CONFLICT (article_id, voter_hash)
               DO UPDATE SET useful = EXCLUDED.useful, voted_at = now())",
            slug, voter_hash, useful);
        tx.commit();
        return r.affected_rows() > 0;
    });
}

std::optional<bool> usefulness_vote_of(PgPool& db, const std::string& slug,
                                       const std::string& voter_hash) {
    return db.with_connection([&](pqxx::connection& c) -> std::optional<bool> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            R"(SELECT v.useful FROM article_votes v JOIN articles a ON a.id = v.article_id
               WHERE a.slug = $1 AND v.voter_hash = $2)",
            slug, voter_hash);
        if (rows.empty()) return std::nullopt;
        return rows[0][0].as<bool>();
    });
}

UsefulnessVotes usefulness_votes(PgPool& db, const std::string& slug) {
    return db.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto r = tx.exec_params1(
            R"(SELECT count(*) FILTER (WHERE v.useful), count(*) FILTER (WHERE NOT v.useful)
               FROM article_votes v JOIN articles a ON a.id = v.article_id
               WHERE a.slug = $1)",
            slug);
        return UsefulnessVotes{r[0].as<long long>(), r[1].as<long long>()};
    });
}

}  // namespace kb
