# A run's plain parts (no Asio): its state, and what it takes from an earlier run.
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/run_state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/earlier_run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_outline.cpp
)
