/// @brief Wires config, pool, index readers and routes together; runs the chosen command.
#include "service_main.hpp"

#include "admin_commands.hpp"
#include "digests.hpp"
#include "error_pages.hpp"
#include "forum_import.hpp"
#include "migrations.hpp"
#include "options.hpp"
#include "routes.hpp"
#include "server.hpp"
#include "service_config.hpp"
#include "service_parts.hpp"

#include <curl/curl.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

namespace kb {

namespace {

void log_line(const nlohmann::json& line) {
    std::cerr << http::dump_json(line) + "\n" << std::flush;
}

int run_migrate(const ServiceConfig& config) {
    try {
        pqxx::connection conn(config.database_url);
        MigrationReport report = apply_migrations(conn, config.schema_dir);
        for (const auto& name : report.applied) std::cout << "applied " << name << "\n";
        std::cout << "migrations: " << report.applied.size() << " applied, "
                  << report.already_applied << " already applied\n";
        return 0;
    } catch (const MigrationError& e) {
        std::cerr << "migration failed: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "migration failed: " << e.what() << "\n";
        return 1;
    }
}

int run_serve(const ServiceConfig& config) {
    // Block the stop signals in every thread (Pistache's included) so main can sigwait for them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    curl_global_init(CURL_GLOBAL_DEFAULT);  // before any thread: it is not thread-safe
    ServiceParts parts(config);
    parts.start_background();
    http::Router router = build_routes(parts.context());
    http::ServerSettings settings{config.listen, config.port, config.threads, config.max_body_bytes,
                                  config.access_log, config.cors_origins, &parts.request_metrics(),
                                  // Errors on pages are pages too; the API keeps its problem+json.
                                  [&parts](const http::Request& request, http::Response& response) {
                                      web::present_error_page(parts.context().web, request,
                                                              response);
                                  }};
    http::Server server(router, settings);
    server.start();
    parts.listening_on(config.listen, server.port());
    if (!config.port_file.empty()) {
        std::string tmp = config.port_file + ".tmp";
        std::ofstream(tmp) << server.port() << "\n";
        std::rename(tmp.c_str(), config.port_file.c_str());
    }
    log_line({{"level", "info"},
              {"event", "listening"},
              {"address", config.listen},
              {"port", server.port()}});

    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    log_line({{"level", "info"}, {"event", "stopping"}, {"signal", signal_number}});
    server.begin_drain();
    bool drained = server.wait_idle(std::chrono::seconds(10));
    // Let the reactor flush the last responses before the endpoint is torn down.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.shutdown();
    parts.stop_background();  // indexes what was committed before the signal
    log_line({{"level", "info"}, {"event", "stopped"}, {"drained", drained}});
    return 0;
}

// `kb-service admin send-digests`: every daily item waiting so far goes into its recipient's
// digest now, rather than at --digest-hour; the running service's sender mails them.
int run_send_digests(const ServiceConfig& config) {
    pqxx::connection conn(config.database_url);
    std::cout << "digests: " << fold_due_digests(conn, std::chrono::system_clock::now())
              << " queued\n";
    return 0;
}

}  // namespace

int run_service(int argc, char** argv) {
    ServiceConfig config;
    try {
        config = parse_service_config(argc, argv);
    } catch (const ConfigError& e) {
        std::cerr << "kb-service: " << e.what() << "\n";
        return 2;
    }
    try {
        if (config.command == "migrate") return run_migrate(config);
        if (config.command == "admin" &&
            config.arguments == std::vector<std::string>{"send-digests"})
            return run_send_digests(config);
        if (config.command == "admin") return run_admin(config.database_url, config.arguments);
        if (config.command == "forum") {
            return run_forum_command(config.database_url, config.forum, config.arguments);
        }
        return run_serve(config);
    } catch (const std::exception& e) {
        std::cerr << "kb-service: fatal: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace kb
