// The live wall-screen (README "The live view"): a page, its style and its script, embedded in
// the executable and served by the live view from the same origin, so that a strict
// Content-Security-Policy (nothing from elsewhere, no inline script or style) holds. The script
// reads /grid.json once and /status.json about once a second, and draws the streams × regions
// grid on a canvas, only the part in view: 5,000 streams × 200 regions scroll, page and update
// without freezing the browser.
#pragma once

#include <string_view>

namespace hotlive::live {

extern const std::string_view wall_screen_html;
extern const std::string_view wall_screen_style;
extern const std::string_view wall_screen_script;

}  // namespace hotlive::live
