# `hotlive run` against the emulator, over real sockets (included after emulator.cmake, whose
# fixture makes the TLS material).
hotlive_test(run_test integration/run_test.cpp integration/emulator_log.cpp)
target_compile_definitions(run_test PRIVATE HOTLIVE_TEST_CERTS="${HOTLIVE_TEST_CERTS_DIR}")
set_tests_properties(run_test PROPERTIES FIXTURES_REQUIRED hotlive_test_certs)
# SIGKILL at random moments, then --resume: exactly once on the emulator's log (plain HTTP).
hotlive_test(crash_test integration/crash_test.cpp integration/emulator_log.cpp)
# Full disks, shared report paths, foreign reports, interrupts: nothing lost, nothing false.
hotlive_test(data_safety_test integration/data_safety_test.cpp integration/emulator_log.cpp)
# run_session in this process against the emulator: its state, a stop, a resume.
hotlive_test(run_session_test integration/run_session_test.cpp)
target_link_libraries(run_session_test PRIVATE hotlive_net)
# Scoped refusals: a domain, region or account refused once is not sent again (the emulator's log).
hotlive_test(scoped_refusals_test integration/scoped_refusals_test.cpp integration/emulator_log.cpp)
target_link_libraries(scoped_refusals_test PRIVATE hotlive_net)
