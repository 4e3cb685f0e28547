# Egress through a forward proxy (included from tests/CMakeLists.txt, after emulator.cmake):
# the choice of a proxy without the network, the client through tinyproxy to the emulator, and
# hotlive run through it as an operator would set it up (HTTPS_PROXY, NO_PROXY, --proxy).
hotlive_test(proxy_choice_test net/proxy_choice_test.cpp)
hotlive_emulator_test(proxy_tunnel_test net/proxy_tunnel_test.cpp)
target_compile_definitions(proxy_tunnel_test PRIVATE HOTLIVE_TEST_CERTS="${HOTLIVE_TEST_CERTS_DIR}")
set_tests_properties(proxy_tunnel_test PROPERTIES FIXTURES_REQUIRED hotlive_test_certs)
hotlive_test(proxy_run_test integration/proxy_run_test.cpp)
target_compile_definitions(proxy_run_test PRIVATE HOTLIVE_TEST_CERTS="${HOTLIVE_TEST_CERTS_DIR}")
set_tests_properties(proxy_run_test PROPERTIES FIXTURES_REQUIRED hotlive_test_certs)
# Hermetic against the machine's own proxy settings: each case sets the ones it tests.
set_tests_properties(proxy_tunnel_test proxy_run_test PROPERTIES ENVIRONMENT_MODIFICATION
  "https_proxy=unset:;HTTPS_PROXY=unset:;http_proxy=unset:;all_proxy=unset:;ALL_PROXY=unset:;no_proxy=unset:;NO_PROXY=unset:")
