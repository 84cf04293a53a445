/// @brief kb-indexer options and run (skeleton: opens or creates the index).
#include "indexer_cli.hpp"

#include "index_location.hpp"
#include "options.hpp"

#include <iostream>

namespace kb {

int run_indexer_cli(int argc, char** argv) {
    const std::vector<OptionSpec> specs = {
        {"index-dir", "KB_INDEX_DIR", ".data/index", "folder of the Xapian index generations"},
    };
    try {
        Options options = Options::parse(specs, argc, argv);
        if (options.help_requested()) {
            std::cout << Options::usage("kb-indexer [options]", specs);
            return 0;
        }
        IndexLocation location(options.get("index-dir"));
        auto db = location.open_writable();
        db.commit();
        std::cout << "indexed: 0 added, 0 updated, 0 deleted, 0 skipped, 0 failed\n";
        return 0;
    } catch (const ConfigError& e) {
        std::cerr << "kb-indexer: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace kb
