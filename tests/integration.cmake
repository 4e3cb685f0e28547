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
# Adaptive pacing: the quota shared with the emulator's other client (--background-load), at the
# real 10 calls/s (about two minutes, mostly waiting: one ctest entry per case, so they overlap).
add_executable(adaptive_pacing_test integration/adaptive_pacing_test.cpp integration/emulator_log.cpp)
target_link_libraries(adaptive_pacing_test PRIVATE hotlive_test_support hotlive_core hotlive_net)
target_precompile_headers(adaptive_pacing_test REUSE_FROM hotlive_test_support)
foreach(case sharing_the_quota_with_a_caller_at_4_fails_nothing_and_wastes_little
             when_the_other_caller_stops_the_pace_takes_the_room_back_within_10_s
             a_fixed_pace_keeps_the_rate_whatever_the_service_says)
  add_test(NAME adaptive_pacing_test.${case}
    COMMAND adaptive_pacing_test --run_test=adaptive_pacing/${case} --log_level=test_suite --report_level=short)
endforeach()
# Temporary credentials renewed during runs of six 3 s lifetimes, one ctest entry per source.
add_executable(credential_renewal_test integration/credential_renewal_test.cpp)
target_link_libraries(credential_renewal_test PRIVATE hotlive_test_support hotlive_core hotlive_net)
target_precompile_headers(credential_renewal_test REUSE_FROM hotlive_test_support)
foreach(case ram_role_arn chainable_ram_role_arn oidc_with_the_token_file_rotated_mid_run ecs_ram_role_hardened
             ecs_ram_role_plain credentials_uri external_process sts_unreachable_for_a_third_of_a_lifetime_fails_no_call
             a_role_that_does_not_exist_is_refused_before_anything_is_sent
             a_renewal_refused_mid_run_stops_it_as_the_accounts_refusal)
  add_test(NAME credential_renewal_test.${case}
    COMMAND credential_renewal_test --run_test=credential_renewal/${case} --log_level=test_suite --report_level=short)
endforeach()
