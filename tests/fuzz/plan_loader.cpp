// Fuzz target: a plan's text through the loader and, when it loads, the expansion into calls.
// Whatever the bytes, the loader answers with a plan or with diagnostics; a plan it accepts
// expands into exactly call_count() calls whose keys are all different (duplicates collapse).
#include <hotlive/expansion.hpp>
#include <hotlive/plan.hpp>
#include <hotlive/schedule_forecast.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

namespace {

// A few bytes of YAML can name every region for many streams; past this, expanding a valid
// plan would spend the fuzzer's time on allocation rather than on new paths.
constexpr std::size_t max_expanded_calls = 100'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    const hotlive::plan_result loaded = hotlive::load_plan_text(text, "fuzz.yaml");
    if (!loaded.value) {
        if (loaded.diagnostics.empty()) std::abort();  // refused without saying why
        return 0;
    }
    const hotlive::plan& plan = *loaded.value;
    const std::size_t count = hotlive::call_count(plan);
    if (count > max_expanded_calls) return 0;
    (void)hotlive::forecast_duration(count, plan.limits);  // books a slot per call: within the bound too
    const auto calls = hotlive::expand(plan);
    if (calls.size() != count) std::abort();
    std::unordered_set<std::string> keys;
    for (const auto call : calls) {
        if (!keys.insert(hotlive::call_key(plan, call)).second) std::abort();  // a call sent twice
    }
    return 0;
}
