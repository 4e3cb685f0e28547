# The emulator's suites (included from tests/CMakeLists.txt). Each drives the emulator over real
# 127.0.0.1 sockets, in-process or as `hotlive emulate`, except emulator_units_test.

# The test client and harness, compiled once for every suite (Asio and Beast stay in here).
add_library(hotlive_emulator_test_support STATIC emulator/test_client.cpp emulator/harness.cpp)
target_link_libraries(hotlive_emulator_test_support
  PUBLIC hotlive_test_support hotlive_net
  PRIVATE hotlive_warnings)

function(hotlive_emulator_test name)
  hotlive_test(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE hotlive_emulator_test_support hotlive_net)
endfunction()

hotlive_emulator_test(emulator_units_test emulator/units_test.cpp)
hotlive_emulator_test(emulator_protocol_test emulator/protocol_test.cpp)
hotlive_emulator_test(emulator_throttle_test emulator/throttle_test.cpp)
hotlive_emulator_test(emulator_background_load_test emulator/background_load_test.cpp)
hotlive_emulator_test(emulator_faults_test emulator/faults_test.cpp)
hotlive_emulator_test(emulator_log_test emulator/log_test.cpp)
hotlive_emulator_test(emulator_sts_test emulator/sts_test.cpp)
hotlive_emulator_test(emulator_cli_test emulator/cli_test.cpp)
hotlive_emulator_test(emulator_tls_test emulator/tls_test.cpp)
target_compile_definitions(emulator_tls_test PRIVATE HOTLIVE_TEST_CERTS="${HOTLIVE_TEST_CERTS_DIR}")
set_tests_properties(emulator_tls_test PROPERTIES FIXTURES_REQUIRED hotlive_test_certs)

# @alicloud/pop-core from the npm registry, installed once per build tree.
hotlive_emulator_test(emulator_pop_core_test emulator/pop_core_test.cpp)
target_compile_definitions(emulator_pop_core_test PRIVATE HOTLIVE_NPM_PREFIX="${CMAKE_BINARY_DIR}/npm-pop-core")
set_tests_properties(emulator_pop_core_test PROPERTIES TIMEOUT 300)
