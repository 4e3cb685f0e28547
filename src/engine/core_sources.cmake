# The engine's plain computation (no Asio): limiter, jitter, retry policy, the call state machine.
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/rate_limiter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/adaptive_rate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/credential_refresh.cpp
  ${CMAKE_CURRENT_LIST_DIR}/send_window.cpp
  ${CMAKE_CURRENT_LIST_DIR}/random_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/retry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/service_answer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/refusal_scope.cpp
  ${CMAKE_CURRENT_LIST_DIR}/call_fsm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scope_registry.cpp
)
