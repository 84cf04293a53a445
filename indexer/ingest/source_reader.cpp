/// @brief Format detection and validation of article headers, rendering of the body.
#include "source_reader.hpp"

#include "iso_time.hpp"
#include "markdown.hpp"
#include "search_schema.hpp"
#include "utf8.hpp"

#include <cstdint>
#include <regex>
#include <set>
#include <sstream>

namespace kb {

namespace {

int line_of_offset(const std::string& text, std::size_t offset) {
    int line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

// Offset of the first byte that breaks UTF-8, found by bisecting on line boundaries.
std::size_t first_invalid_utf8(const std::string& text) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (!is_valid_utf8(std::string_view(text).substr(start, end - start))) return start;
        start = end + 1;
    }
    return text.size();
}

const FrontMatterValue* field(const FrontMatter& fm, const std::string& key) {
    auto it = fm.fields.find(key);
    return it == fm.fields.end() ? nullptr : &it->second;
}

std::string scalar(const FrontMatter& fm, const std::string& key, bool required) {
    const FrontMatterValue* v = field(fm, key);
    if (v == nullptr || (v->is_list && v->list.empty())) {
        if (required) throw SourceError(1, "missing required key '" + key + "'");
        return "";
    }
    if (v->is_list) throw SourceError(v->line, "key '" + key + "' must be a single value");
    if (required && v->scalar.empty()) throw SourceError(v->line, "key '" + key + "' is empty");
    return v->scalar;
}

std::vector<std::string> list(const FrontMatter& fm, const std::string& key, bool required) {
    const FrontMatterValue* v = field(fm, key);
    if (v == nullptr) {
        if (required) throw SourceError(1, "missing required key '" + key + "'");
        return {};
    }
    if (!v->is_list) {
        if (v->scalar.empty()) return {};
        throw SourceError(v->line, "key '" + key + "' must be a list, e.g. [a, b]");
    }
    return v->list;
}

int line_of(const FrontMatter& fm, const std::string& key) {
    const FrontMatterValue* v = field(fm, key);
    return v == nullptr ? 1 : v->line;
}

// The `cites` list: slugs of other articles (each once, never the article itself). A fiche's
// slug is its file name, so any name without spaces or control characters is one.
std::vector<std::string> cited_slugs(const FrontMatter& fm, const std::string& own_slug,
                                     const std::regex& slug_re) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& slug : list(fm, "cites", false)) {
        if (slug.size() > 200 || !std::regex_match(slug, slug_re))
            throw SourceError(line_of(fm, "cites"), "invalid slug '" + slug + "' in cites");
        if (slug == own_slug)
            throw SourceError(line_of(fm, "cites"), "an article cannot cite itself");
        if (seen.insert(slug).second) out.push_back(slug);
    }
    return out;
}

void fill_body(Article& a, const std::string& body) {
    RenderedMarkdown rendered = render_markdown(body);
    a.body_html = std::move(rendered.html);
    a.body_text = std::move(rendered.text);
}

Article read_fiche(const FrontMatter& fm, const std::filesystem::path& file) {
    Article a;
    a.kind = kKindFiche;
    a.title = scalar(fm, "name", true);
    a.summary = scalar(fm, "description", false);
    a.updated_at = scalar(fm, "timestamp", false);
    a.category = file.parent_path().filename().string();
    a.slug = file.stem().string();
    a.tags = list(fm, "tags", false);
    static const std::regex file_slug_re("^[^\\s\\x00-\\x1f/]+$");
    a.cites = cited_slugs(fm, a.slug, file_slug_re);
    fill_body(a, fm.body);
    return a;
}

Article read_ours(const FrontMatter& fm, const std::filesystem::path& file) {
    static const std::set<std::string> allowed = {
        "title",     "slug",    "kind",    "summary",      "tags",     "steps", "structure_types",
        "territory", "updated", "sources", "illustrative", "glossary", "cites"};
    for (const auto& [key, value] : fm.fields) {
        if (!allowed.count(key)) throw SourceError(value.line, "unknown key '" + key + "'");
    }
    static const std::regex slug_re("^[a-z0-9]+(-[a-z0-9]+)*$");
    static const std::regex tag_re("^[a-z0-9]+(-[a-z0-9]+)*$");
    static const std::regex territory_re("^([0-9]{2,3}|2A|2B)$");
    static const std::regex date_re("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    Article a;
    a.title = scalar(fm, "title", true);
    a.slug = scalar(fm, "slug", true);
    if (!std::regex_match(a.slug, slug_re)) {
        throw SourceError(line_of(fm, "slug"), "invalid slug '" + a.slug + "' (a-z, 0-9 and '-')");
    }
    if (a.slug != file.stem().string()) {
        throw SourceError(
            line_of(fm, "slug"),
            "slug '" + a.slug + "' differs from the file name '" + file.stem().string() + "'");
    }
    a.kind = scalar(fm, "kind", true);
    if (a.kind != kKindGuide && a.kind != kKindExperience) {
        throw SourceError(line_of(fm, "kind"),
                          "unknown kind '" + a.kind + "' (guide or experience)");
    }
    a.summary = scalar(fm, "summary", true);
    a.tags = list(fm, "tags", true);
    for (const auto& tag : a.tags) {
        if (!std::regex_match(tag, tag_re))
            throw SourceError(line_of(fm, "tags"), "invalid tag '" + tag + "'");
    }
    a.steps = list(fm, "steps", true);
    for (const auto& step : a.steps) {
        if (!is_known(known_steps(), step)) {
            throw SourceError(line_of(fm, "steps"),
                              "unknown step '" + step + "' (see content/README.md)");
        }
    }
    a.structure_types = list(fm, "structure_types", true);
    for (const auto& type : a.structure_types) {
        if (!is_known(known_structure_types(), type)) {
            throw SourceError(
                line_of(fm, "structure_types"),
                "unknown structure type '" + type + "' (" + joined(known_structure_types()) + ")");
        }
    }
    a.territory = scalar(fm, "territory", false);
    if (!a.territory.empty() && !std::regex_match(a.territory, territory_re)) {
        throw SourceError(line_of(fm, "territory"),
                          "invalid territory '" + a.territory + "' (département code)");
    }
    a.updated_at = scalar(fm, "updated", true);
    if (!std::regex_match(a.updated_at, date_re)) {
        throw SourceError(line_of(fm, "updated"),
                          "invalid date '" + a.updated_at + "' (YYYY-MM-DD)");
    }
    a.sources = list(fm, "sources", true);
    if (a.sources.empty())
        throw SourceError(line_of(fm, "sources"), "at least one source is required");
    const std::string illustrative = scalar(fm, "illustrative", false);
    if (!illustrative.empty() && illustrative != "true" && illustrative != "false") {
        throw SourceError(line_of(fm, "illustrative"), "illustrative must be true or false");
    }
    a.illustrative = illustrative == "true";
    if (a.kind == kKindExperience && !a.illustrative) {
        throw SourceError(line_of(fm, "kind"),
                          "an experience write-up must say 'illustrative: true'");
    }
    a.cites = cited_slugs(fm, a.slug, slug_re);
    a.category = file.parent_path().filename().string();
    fill_body(a, fm.body);
    if (scalar(fm, "glossary", false) == "true") {
        a.glossary = parse_glossary(fm.body);
        if (a.glossary.empty()) {
            throw SourceError(line_of(fm, "glossary"),
                              "glossary file without '### SIGLE — expansion' entries");
        }
    }
    return a;
}

}  // namespace

std::string content_hash(const std::string& bytes) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[i] = hex[h & 0xF];
    return out;
}

std::vector<GlossaryEntry> parse_glossary(const std::string& body) {
    std::vector<GlossaryEntry> entries;
    std::istringstream in(body);
    std::string line;
    const std::string dash = " \u2014 ";
    const std::string or_sep = ", ou ";
    while (std::getline(in, line)) {
        if (line.rfind("### ", 0) != 0) continue;
        auto pos = line.find(dash);
        if (pos == std::string::npos) continue;
        std::string acronym = line.substr(4, pos - 4);
        std::string expansion = line.substr(pos + dash.size());
        while (!expansion.empty() && (expansion.back() == '\r' || expansion.back() == ' '))
            expansion.pop_back();
        // "SIAE — structure d'insertion par l'activité économique, ou structure d'insertion":
        // the heading reads as French, and each writing after ", ou " is one more phrase of the
        // group.
        std::vector<std::string> phrases;
        for (std::size_t from = 0;;) {
            const std::size_t sep = expansion.find(or_sep, from);
            phrases.push_back(expansion.substr(from, sep - from));
            if (sep == std::string::npos) break;
            from = sep + or_sep.size();
        }
        std::erase(phrases, std::string());
        if (acronym.empty() || phrases.empty()) continue;
        GlossaryEntry entry{acronym, phrases.front(), {}};
        entry.also.assign(phrases.begin() + 1, phrases.end());
        entries.push_back(std::move(entry));
    }
    return entries;
}

Article read_article(const std::string& text, const std::filesystem::path& file,
                     const std::filesystem::path& root) {
    if (!is_valid_utf8(text)) {
        throw SourceError(line_of_offset(text, first_invalid_utf8(text)), "invalid UTF-8");
    }
    FrontMatter fm = parse_front_matter(text);
    const bool fiche = fm.has("name") && !fm.has("title");
    Article a = fiche ? read_fiche(fm, file) : read_ours(fm, file);
    // PostgreSQL stores the date as an instant: what parse_iso_micros refuses (2026-02-30, a
    // time zone name) would fail the whole upload.
    if (!a.updated_at.empty() && !parse_iso_micros(a.updated_at)) {
        throw SourceError(line_of(fm, fiche ? "timestamp" : "updated"),
                          "invalid date '" + a.updated_at + "'");
    }
    a.source_root = root.string();
    a.source_path = file.string();
    a.content_hash = content_hash(text);
    return a;
}

}  // namespace kb
