/// @brief The community's indicators, each defined once: stable key, French label, unit, target.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kb {

struct IndicatorDefinition {
    std::string key;               ///< stable JSON and CSV key
    std::string label;             ///< French, for the people who report them
    std::string unit;              ///< count | share (0 to 1) | hours
    std::optional<double> target;  ///< set by the DGEFP-DINUM agreement (chantier 3), if any
    std::string definition;        ///< French, as README.md's table says it (the public page)
};

/// Every indicator of GET /api/v1/indicators, in the order they are shown. README.md's
/// "Indicateurs" section defines each key; a test keeps the two in step.
const std::vector<IndicatorDefinition>& indicator_definitions();

}  // namespace kb
