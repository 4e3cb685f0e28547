# hotlive's engine and client against purpose-built misbehaving servers on 127.0.0.1 (trickle,
# endless body, header flood, garbage, refused, unresolvable), in-process so the suite can count
# its own descriptors and memory.
hotlive_test(hostile_test
  hostile/hostile_test.cpp
  hostile/hostile_server.cpp
  hostile/engine_run.cpp
  hostile/process_resources.cpp)
target_link_libraries(hostile_test PRIVATE hotlive_net)
# A call that never ends is drained, not waited for, but a resolver stuck in the system library
# cannot be: this stops the suite instead.
set_tests_properties(hostile_test PROPERTIES TIMEOUT 300)
# `hotlive run` itself against a server that puts terminal escape sequences and a forged line in
# its answers: what reaches stdout and stderr must be escaped.
hotlive_test(terminal_output_test
  hostile/terminal_output_test.cpp
  hostile/hostile_server.cpp)
target_link_libraries(terminal_output_test PRIVATE hotlive_net)
# The engine's workers joined: cancelling run() or a call that throws still ends every call.
hotlive_test(engine_join_test
  hostile/engine_join_test.cpp
  hostile/hostile_server.cpp)
target_link_libraries(engine_join_test PRIVATE hotlive_net)
