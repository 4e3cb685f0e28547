#include <hotlive/regions.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace hotlive;

BOOST_AUTO_TEST_SUITE(regions)

BOOST_AUTO_TEST_CASE(catalogue_holds_the_34_provincial_and_170_country_codes_of_the_reference) {
    BOOST_TEST(provinces().size() == 34u);
    BOOST_TEST(countries().size() == 170u);
    BOOST_TEST(all_regions().size() == 204u);
    for (const auto& r : provinces()) BOOST_TEST((r.kind == region_kind::province));
    for (const auto& r : countries()) BOOST_TEST((r.kind == region_kind::country));
}

BOOST_AUTO_TEST_CASE(every_code_and_name_is_unique) {
    std::set<std::string_view> codes;
    std::set<std::string_view> names;
    for (const auto& r : all_regions()) {
        BOOST_TEST(codes.insert(r.code).second, "duplicate code " << r.code);
        BOOST_TEST(names.insert(r.name).second, "duplicate name " << r.name);
        BOOST_TEST(!r.code.empty());
    }
}

BOOST_AUTO_TEST_CASE(reference_order_and_samples_are_kept) {
    // First and last rows of each table of the API reference, and a few in between.
    BOOST_TEST(provinces().front().code == "BEJ");
    BOOST_TEST(provinces().back().code == "MAC");
    BOOST_TEST(countries().front().code == "PG");
    BOOST_TEST(countries().back().code == "BH");
    BOOST_TEST(region_at(*find_region("TIB")).name == "Xizang");
    BOOST_TEST(region_at(*find_region("TR")).name == "Türkiye");
    BOOST_TEST(region_at(*find_region("CI")).name == "Côte d'Ivoire");
    BOOST_TEST(region_at(*find_region("FK")).name == "Falkland Islands (Islas Malvinas)");
}

BOOST_AUTO_TEST_CASE(codes_match_exactly_and_names_ignore_case) {
    BOOST_TEST(region_at(*find_region("ZHJ")).code == "ZHJ");
    BOOST_TEST(region_at(*find_region("Zhejiang")).code == "ZHJ");
    BOOST_TEST(region_at(*find_region("zhejiang")).code == "ZHJ");
    BOOST_TEST(region_at(*find_region("HONG KONG")).code == "HKG");
    BOOST_TEST(region_at(*find_region("united states")).code == "US");
    BOOST_TEST(!find_region("zhj"));
    BOOST_TEST(!find_region("HK"));
    BOOST_TEST(!find_region(""));
}

BOOST_AUTO_TEST_CASE(builtin_groups_cover_provinces_countries_and_all) {
    BOOST_TEST(builtin_group("china-provinces")->size() == 34u);
    BOOST_TEST(builtin_group("countries")->size() == 170u);
    BOOST_TEST(builtin_group("all")->size() == 204u);
    BOOST_TEST(!builtin_group("china"));
    BOOST_TEST(builtin_group_names().size() == 3u);
}

BOOST_AUTO_TEST_CASE(describe_shows_code_and_name) {
    BOOST_TEST(describe(region_at(*find_region("HKG"))) == "HKG (Hong Kong)");
}

BOOST_AUTO_TEST_SUITE_END()
