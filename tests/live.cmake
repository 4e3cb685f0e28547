# The live view (included from tests/CMakeLists.txt): its plain parts on a fixed clock, then
# `hotlive run --listen` against the emulator (promtool on a scrape, the values against the
# emulator's log and the report), and hostile clients that must not disturb the run's pace.
hotlive_test(live_view_test live/live_view_test.cpp)
add_executable(live_run_test live/live_run_test.cpp live/http_probe.cpp integration/emulator_log.cpp)
target_link_libraries(live_run_test PRIVATE hotlive_test_support hotlive_core)
target_precompile_headers(live_run_test REUSE_FROM hotlive_test_support)
add_dependencies(live_run_test hotlive)
foreach(case metrics_and_status_agree_with_the_emulators_log_and_the_report
             a_busy_port_refuses_the_run_before_anything_is_sent)
  add_test(NAME live_run_test.${case}
    COMMAND live_run_test --run_test=live_view_of_a_run/${case} --log_level=test_suite --report_level=short)
endforeach()
hotlive_test(live_hostile_clients_test live/live_hostile_clients_test.cpp live/http_probe.cpp
  integration/emulator_log.cpp)
set_tests_properties(live_hostile_clients_test PROPERTIES TIMEOUT 180)
