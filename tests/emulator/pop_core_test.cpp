// A client nobody here wrote: Alibaba Cloud's official Node.js SDK core, @alicloud/pop-core,
// installed from the npm registry (cached in the build tree between runs), calls
// HotLiveRtcStream on the emulator. pop-core signs RPC V1 (HMAC-SHA1) and, with method POST,
// sends its parameters as a form body. Skipped, saying why, without node, npm or the registry.
#include "emulator/harness.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace hotlive::test;
namespace fs = std::filesystem;

namespace {

const fs::path npm_prefix{HOTLIVE_NPM_PREFIX};

constexpr std::string_view call_script = R"(
const RPCClient = require('@alicloud/pop-core');
const [endpoint, id, secret, method] = process.argv.slice(2);
const client = new RPCClient({accessKeyId: id, accessKeySecret: secret, endpoint, apiVersion: '2016-11-01'});
client.request('HotLiveRtcStream', {
  DomainName: 'rts.example.com', AppName: 'live', StreamName: 'pop-core', RegionCode: 'ZHJ',
  AudioMsid: 'rts audio', VideoMsid: 'rts video', ConnectionTimeout: '0', MediaTimeout: '100000',
}, {method, timeout: 10000}).then(
  (r) => console.log('OK ' + JSON.stringify(r)),
  (e) => console.log('ERR ' + (e.code || e.name) + ' ' + e.message));
)";

bool shell(const std::string& command) { return run_process({"/bin/sh", "-c", command}).exit_code == 0; }

// Installs pop-core once per build tree. Node and npm missing, or the registry unreachable,
// skip the test with the reason.
boost::test_tools::assertion_result pop_core_available(boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result result{false};
    if (!shell("command -v node >/dev/null && command -v npm >/dev/null")) {
        result.message() << "skipped: node or npm is not installed (scripts/bootstrap installs them)";
        return result;
    }
    if (fs::exists(npm_prefix / "node_modules/@alicloud/pop-core/package.json")) return true;
    const auto install = run_process({"/bin/sh", "-c",
                                      "timeout 180 npm install --prefix '" + npm_prefix.string() +
                                          "' --no-audit --no-fund --fetch-retries=1 --fetch-timeout=30000 "
                                          "@alicloud/pop-core 2>&1"});
    if (install.exit_code != 0) {
        result.message() << "skipped: npm could not install @alicloud/pop-core (registry unreachable?): "
                         << install.out.substr(0, 400);
        return result;
    }
    return true;
}

std::string run_pop_core(const fs::path& script, const std::string& url, const std::string& id,
                         const std::string& secret, const std::string& method) {
    process_options options;
    options.env_set["NODE_PATH"] = (npm_prefix / "node_modules").string();
    const auto r = run_process({"/usr/bin/env", "node", script.string(), url, id, secret, method}, options);
    BOOST_TEST(r.exit_code == 0, r.err);
    return r.out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(pop_core_calls_are_verified_and_a_wrong_secret_is_refused,
                     *boost::unit_test::precondition(pop_core_available)) {
    temp_dir dir;
    const auto script = dir.write("call.js", call_script);
    hotlive::emulator_config config;
    config.qps = 0;
    config.log_file = dir.path() / "requests.jsonl";
    in_process_emulator e{config};
    const std::string url = e.endpoint().url;

    for (const std::string method : {"POST", "GET"}) {
        const auto ok = run_pop_core(script, url, "hotlive-demo-id", "hotlive-demo-secret", method);
        BOOST_TEST(ok.starts_with("OK {\"RequestId\":\""), ok);
        const auto wrong = run_pop_core(script, url, "hotlive-demo-id", "not-the-secret", method);
        BOOST_TEST(wrong.starts_with("ERR SignatureDoesNotMatch"), wrong);
    }
    e.stop();
    const auto lines = read_log(config.log_file);
    BOOST_TEST_REQUIRE(lines.size() == 4u);
    BOOST_TEST(lines[0].at("method").as_string() == "POST");
    BOOST_TEST(lines[0].at("scheme").as_string() == "v1");
    BOOST_TEST(lines[0].at("key").as_string() == "rts.example.com/live/pop-core@ZHJ");
    BOOST_TEST(lines[2].at("method").as_string() == "GET");
}
