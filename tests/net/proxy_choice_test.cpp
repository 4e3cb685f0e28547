// Which proxy a connection takes (proxy.hpp), without the network: curl's variables and their
// precedence, NO_PROXY as curl matches it, the command line over the plan over the environment,
// proxy URLs read and refused, and never a password in what is shown.
#include <hotlive/plan.hpp>
#include <hotlive/proxy.hpp>

#include <boost/test/unit_test.hpp>

#include <map>

using namespace hotlive;

namespace {

environment_lookup fake(std::map<std::string, std::string> variables) {
    return [variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
        const auto found = variables.find(std::string(name));
        return found == variables.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

egress chosen(std::map<std::string, std::string> variables, proxy_choice command_line = {}, proxy_choice plan = {}) {
    auto result = choose_egress(fake(std::move(variables)), command_line, plan);
    BOOST_TEST_REQUIRE(result.value.has_value(), result.error);
    return std::move(*result.value);
}

std::string proxy_url(const egress& e, bool tls, std::string_view host = "live.aliyuncs.com") {
    const proxy_server* proxy = e.proxy_for(tls, host);
    return proxy != nullptr ? proxy->url() : "direct";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(proxy_choice_suite)

BOOST_AUTO_TEST_CASE(proxy_urls_are_read_as_curl_reads_them) {
    const auto full = parse_proxy_url("http://ops%40corp:p%3Ass@Proxy.Corp.Example:3128/");
    BOOST_TEST_REQUIRE(full.value.has_value(), full.error);
    BOOST_TEST(full.value->host == "proxy.corp.example");
    BOOST_TEST(full.value->port == "3128");
    BOOST_TEST(full.value->user == "ops@corp");
    BOOST_TEST(full.value->password == "p:ss");
    BOOST_TEST(full.value->url() == "http://proxy.corp.example:3128");
    // base64("ops@corp:p:ss")
    BOOST_TEST(full.value->authorization() == "Basic b3BzQGNvcnA6cDpzcw==");

    const auto bare = parse_proxy_url("proxy.corp");  // no scheme: http; no port: 1080, as curl
    BOOST_TEST_REQUIRE(bare.value.has_value());
    BOOST_TEST(bare.value->url() == "http://proxy.corp:1080");
    BOOST_TEST(!bare.value->authenticates());
    BOOST_TEST(bare.value->authorization().empty());

    const auto v6 = parse_proxy_url("http://[fd00::1]:8080");
    BOOST_TEST_REQUIRE(v6.value.has_value());
    BOOST_TEST(v6.value->host == "fd00::1");
    BOOST_TEST(v6.value->url() == "http://[fd00::1]:8080");
}

BOOST_AUTO_TEST_CASE(refused_proxy_urls_say_why_without_repeating_them) {
    for (const std::string url : {"https://user:canary-secret@proxy:3128", "socks5://user:canary-secret@proxy:1080",
                                  "ftp://user:canary-secret@proxy", "http://user:canary-secret@proxy:99999",
                                  "http://user:canary-secret@proxy:3128/path", "http://user:canary-secret@:3128",
                                  "http://user:canary-secret@proxy:3128?x=1", "http://us er:canary-secret@proxy"}) {
        const auto parsed = parse_proxy_url(url);
        BOOST_TEST(!parsed.value.has_value(), url);
        BOOST_TEST(!parsed.error.empty());
        BOOST_TEST(parsed.error.find("canary-secret") == std::string::npos, parsed.error);
    }
    BOOST_TEST(parse_proxy_url("https://proxy:3128").error.find("https://") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_variables_curl_reads_in_its_order) {
    BOOST_TEST(proxy_url(chosen({}), true) == "direct");
    BOOST_TEST(proxy_url(chosen({{"HTTPS_PROXY", "http://upper:1"}}), true) == "http://upper:1");
    BOOST_TEST(proxy_url(chosen({{"HTTPS_PROXY", "http://upper:1"}, {"https_proxy", "http://lower:2"}}), true) ==
               "http://lower:2");
    BOOST_TEST(proxy_url(chosen({{"https_proxy", ""}, {"HTTPS_PROXY", "http://upper:1"}}), true) == "http://upper:1");
    BOOST_TEST(proxy_url(chosen({{"http_proxy", "http://plain:3"}}), false) == "http://plain:3");
    BOOST_TEST(proxy_url(chosen({{"http_proxy", "http://plain:3"}}), true) == "direct");
    BOOST_TEST(proxy_url(chosen({{"ALL_PROXY", "http://all:4"}}), true) == "http://all:4");
    BOOST_TEST(proxy_url(chosen({{"all_proxy", "http://all:5"}, {"ALL_PROXY", "http://all:4"}}), false) ==
               "http://all:5");
}

BOOST_AUTO_TEST_CASE(upper_case_http_proxy_is_never_read_and_a_note_says_so) {
    const auto e = chosen({{"HTTP_PROXY", "http://cgi-injected:80"}});
    BOOST_TEST(proxy_url(e, false, "127.0.0.1") == "direct");
    BOOST_TEST_REQUIRE(e.notes.size() == 1U);
    BOOST_TEST(e.notes.front().find("http_proxy") != std::string::npos);
    BOOST_TEST(chosen({{"HTTP_PROXY", "http://x:1"}, {"http_proxy", "http://y:2"}}).notes.empty());
}

BOOST_AUTO_TEST_CASE(no_proxy_matches_as_curl_matches) {
    const std::string list = ".corp.example, internal , 10.0.0.0/8 192.168.1.7,[fd00::]/8,trailing.example.";
    BOOST_TEST(no_proxy_matches(list, "corp.example"));  // a leading dot matches the domain itself too
    BOOST_TEST(no_proxy_matches(list, "api.CORP.example"));
    BOOST_TEST(no_proxy_matches(list, "internal"));
    BOOST_TEST(no_proxy_matches(list, "a.b.internal."));
    BOOST_TEST(!no_proxy_matches(list, "notinternal"));  // a suffix only at a dot
    BOOST_TEST(!no_proxy_matches(list, "corp.example.com"));
    BOOST_TEST(no_proxy_matches(list, "trailing.example"));
    BOOST_TEST(no_proxy_matches(list, "10.200.3.4"));
    BOOST_TEST(!no_proxy_matches(list, "11.0.0.1"));
    BOOST_TEST(no_proxy_matches(list, "192.168.1.7"));
    BOOST_TEST(!no_proxy_matches(list, "192.168.1.8"));
    BOOST_TEST(no_proxy_matches(list, "fd12::1"));
    BOOST_TEST(no_proxy_matches(list, "[fd12::1]"));
    BOOST_TEST(!no_proxy_matches(list, "fe80::1"));
    BOOST_TEST(!no_proxy_matches(list, "live.aliyuncs.com"));
    BOOST_TEST(!no_proxy_matches("10.0.0.0/8", "ten.example"));  // a name never matches an address
    BOOST_TEST(!no_proxy_matches("10.0.0.1", "10.0.0.10"));
    BOOST_TEST(no_proxy_matches(" * ", "anything.example"));
    BOOST_TEST(!no_proxy_matches("*.corp,other", "a.corp"));  // "*" is a wildcard only alone, as curl
    BOOST_TEST(!no_proxy_matches("", "anything"));
    BOOST_TEST(!no_proxy_matches("10.0.0.0/33", "10.0.0.1"));
}

BOOST_AUTO_TEST_CASE(no_proxy_and_the_metadata_service_bypass_the_proxy) {
    const auto e = chosen({{"https_proxy", "http://proxy:3128"},
                           {"http_proxy", "http://proxy:3128"},
                           {"NO_PROXY", "sts.aliyuncs.com"},
                           {"no_proxy", "localhost,127.0.0.1"}});
    BOOST_TEST(e.no_proxy_origin == "no_proxy");
    BOOST_TEST(proxy_url(e, true) == "http://proxy:3128");
    BOOST_TEST(proxy_url(e, true, "sts.aliyuncs.com") == "http://proxy:3128");  // lower case won
    BOOST_TEST(proxy_url(e, true, "localhost") == "direct");
    BOOST_TEST(proxy_url(e, false, "127.0.0.1") == "direct");
    BOOST_TEST(proxy_url(e, false, "100.100.100.200") == "direct");
    // NO_PROXY holds for a proxy from the command line too, as for curl's -x.
    const auto forced = chosen({{"NO_PROXY", "localhost"}}, {proxy_choice::kind::proxy, "http://cli:1"});
    BOOST_TEST(proxy_url(forced, true, "localhost") == "direct");
    BOOST_TEST(proxy_url(forced, true) == "http://cli:1");
}

BOOST_AUTO_TEST_CASE(the_command_line_beats_the_plan_which_beats_the_environment) {
    const std::map<std::string, std::string> env{{"HTTPS_PROXY", "http://env:1"}};
    const proxy_choice plan{proxy_choice::kind::proxy, "http://plan:2"};
    const proxy_choice cli{proxy_choice::kind::proxy, "http://cli:3"};
    const proxy_choice direct{proxy_choice::kind::direct, {}};
    BOOST_TEST(proxy_url(chosen(env, {}, plan), true) == "http://plan:2");
    BOOST_TEST(chosen(env, {}, plan).https_origin == "the plan's proxy");
    BOOST_TEST(proxy_url(chosen(env, cli, plan), true) == "http://cli:3");
    BOOST_TEST(proxy_url(chosen(env, cli, plan), false, "127.0.0.1") == "http://cli:3");
    BOOST_TEST(proxy_url(chosen(env, direct, plan), true) == "direct");
    BOOST_TEST(proxy_url(chosen(env, {}, direct), true) == "direct");
    BOOST_TEST(chosen(env, direct, plan).describe() == "direct (--no-proxy)");
}

BOOST_AUTO_TEST_CASE(a_bad_proxy_names_where_it_came_from_never_its_value) {
    const auto from_env = choose_egress(fake({{"HTTPS_PROXY", "https://ops:canary-secret@proxy"}}), {}, {});
    BOOST_TEST(!from_env.value.has_value());
    BOOST_TEST(from_env.error.starts_with("HTTPS_PROXY uses https://"), from_env.error);
    BOOST_TEST(from_env.error.find("canary-secret") == std::string::npos);
    const auto from_cli = choose_egress(fake({}), {proxy_choice::kind::proxy, "socks5://ops:canary-secret@p"}, {});
    BOOST_TEST(from_cli.error.starts_with("--proxy is a SOCKS proxy"), from_cli.error);
}

BOOST_AUTO_TEST_CASE(describe_shows_the_route_and_never_the_credentials) {
    const auto e = chosen({{"HTTPS_PROXY", "http://ops:canary-secret@proxy.corp:3128"}, {"NO_PROXY", ".corp"}});
    const auto line = e.describe();
    BOOST_TEST(line ==
               "https:// through proxy http://proxy.corp:3128 (HTTPS_PROXY, Basic authentication); http:// "
               "direct; not for .corp (NO_PROXY)");
    BOOST_TEST(line.find("canary") == std::string::npos);
    BOOST_TEST(line.find("ops") == std::string::npos);
    BOOST_TEST(chosen({}).describe() == "direct");
    BOOST_TEST(chosen({{"all_proxy", "http://p:1"}}).describe() == "through proxy http://p:1 (all_proxy)");
}

BOOST_AUTO_TEST_CASE(the_plan_names_a_proxy_or_none_but_never_its_credentials) {
    const std::string head =
        "version: 1\nname: p\ndefaults: { domain: d.example.com, app: live, audio_msid: a, "
        "video_msid: v, regions: [JP] }\nstreams: [s1]\n";
    const auto with_proxy = load_plan_text(head + "proxy: http://proxy.corp:3128\n", "p.yaml");
    BOOST_TEST_REQUIRE(with_proxy.value.has_value());
    BOOST_TEST((with_proxy.value->proxy.what == proxy_choice::kind::proxy));
    BOOST_TEST(with_proxy.value->proxy.url == "http://proxy.corp:3128");
    const auto direct = load_plan_text(head + "proxy: false\n", "p.yaml");
    BOOST_TEST_REQUIRE(direct.value.has_value());
    BOOST_TEST((direct.value->proxy.what == proxy_choice::kind::direct));
    BOOST_TEST((load_plan_text(head, "p.yaml").value->proxy.what == proxy_choice::kind::unset));

    for (const std::string bad : {"proxy: http://ops:canary-secret@proxy.corp:3128\n", "proxy: true\n",
                                  "proxy: https://ops:canary-secret@proxy.corp\n", "proxy: [a]\n"}) {
        const auto refused = load_plan_text(head + bad, "p.yaml");
        BOOST_TEST(!refused.value.has_value(), bad);
        BOOST_TEST_REQUIRE(!refused.diagnostics.empty());
        const auto& d = refused.diagnostics.front();
        BOOST_TEST(d.line == 5);
        BOOST_TEST(d.message.find("canary-secret") == std::string::npos, d.message);
    }
}

BOOST_AUTO_TEST_SUITE_END()
