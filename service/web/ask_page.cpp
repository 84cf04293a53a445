/// @brief get_ask_page and post_ask_page: the form, its checks field by field (the API's own),
/// similar questions, and the question asked through the API's write (searchable at once).
#include "ask_page.hpp"

#include "api_error.hpp"
#include "entity_ids.hpp"
#include "input_checks.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "qa_actions.hpp"
#include "question_views.hpp"
#include "request_params.hpp"

#include <map>

namespace kb::web {

namespace {

// The form's fields (their names are the API's), and the message next to each refused one.
struct AskDraft {
    std::map<std::string, std::string> values;
    std::map<std::string, std::string> errors;
    bool similar_asked = false;
};

const char* const kFormFields[] = {"title", "body", "tag", "step", "structure_type", "territory"};

// The form as the API's JSON body: an empty select means "none".
nlohmann::json question_body(const AskDraft& draft) {
    nlohmann::json body = nlohmann::json::object();
    for (const auto& [name, value] : draft.values) {
        if (name == "tag") {
            body["tags"] = value.empty() ? nlohmann::json::array() : nlohmann::json::array({value});
        } else {
            body[name] = value;
        }
    }
    return body;
}

nlohmann::json similar_json(WebContext& web, const std::string& title) {
    nlohmann::json out = nlohmann::json::array();
    if (title.find_first_not_of(" \t\r\n") == std::string::npos ||
        utf8_length(title) > kMaxTitleChars)
        return out;
    for (const auto& t : similar_threads(web.qa, title)) {
        out.push_back({{"title", t.title},
                       {"url", thread_page(t.id)},
                       {"status", label_of("status", t.status)}});
    }
    return out;
}

http::Response render_form(WebContext& web, const Visitor& visitor, const AskDraft& draft,
                           int status) {
    auto value = [&](const std::string& name) {
        auto it = draft.values.find(name);
        return it == draft.values.end() ? std::string() : it->second;
    };
    nlohmann::json errors = nlohmann::json::object();
    for (const auto& [field, message] : draft.errors) errors[field] = message;
    nlohmann::json model = {
        {"title", value("title")},
        {"body", value("body")},
        {"territory", value("territory")},
        {"tag_options", select_options(tag_choices(web.tags.tags), value("tag"), "Aucun")},
        {"step_options", select_options(vocabulary_choices("step"), value("step"), "Aucune")},
        {"structure_type_options", select_options(vocabulary_choices("structure_type"),
                                                  ascii_upper(value("structure_type")), "Aucun")},
        {"errors", errors},
        {"has_errors", !draft.errors.empty()}};
    if (draft.similar_asked) {
        model["similar"] = similar_json(web, value("title"));
        model["similar_asked"] = true;
        model["has_similar"] = !model["similar"].empty();
    }
    return render_page(web, visitor, "ask", model,
                       {.title = "Poser une question",
                        .nav = "questions",
                        .status = status,
                        .scripts = {"similar.js"}});
}

}  // namespace

http::Response get_ask_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    if (!visitor.user) return sign_in_first(visitor, request);
    AskDraft draft;
    draft.values["title"] = request.param("titre").value_or("");
    return render_form(web, visitor, draft, 200);
}

http::Response post_ask_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    if (!visitor.user) return sign_in_first(visitor, request);
    AskDraft draft;
    for (const char* field : kFormFields) draft.values[field] = form.value(field);
    if (form.value("action") == "similaires") {
        draft.similar_asked = true;
        return render_form(web, visitor, draft, 200);
    }
    // Each field checked as the API checks it; every refusal shown next to its field.
    const nlohmann::json body = question_body(draft);
    ThreadInput input;
    for (const auto& field : question_fields()) {
        try {
            read_question_field(web.qa, body, field, input);
        } catch (const http::ApiError& e) {
            draft.errors[field == "tags" ? "tag" : field] = e.detail();
        }
    }
    if (!draft.errors.empty()) return render_form(web, visitor, draft, 400);
    const long long id = ask_question(web.qa, *visitor.user, input);
    return once_searchable(web.qa, see_other(visitor, thread_page(id)));
}

}  // namespace kb::web
