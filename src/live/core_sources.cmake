# The live view's plain parts (no Asio), part of hotlive_core: the run's state as Prometheus text
# and as JSON, the wall-screen page, and what each request is answered.
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/metrics_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/status_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wall_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/live_view.cpp
)
