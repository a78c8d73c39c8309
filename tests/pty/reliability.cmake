# Whole-program terminal tests against the real ycfn binary (included only when TARGET ycfn
# exists). Named after quality.md's rows: pty_reliability_<row>[_<case>].
add_library(ycfn_pty_rel STATIC reliability.c)
target_link_libraries(ycfn_pty_rel PUBLIC ycfn_pty)

add_executable(pty_reliability_terminal test_reliability_terminal.c)
target_link_libraries(pty_reliability_terminal PRIVATE ycfn_pty_rel)
add_dependencies(pty_reliability_terminal ycfn)
foreach(mode quit_q quit_f10 quit_ctrl_c sigint sigterm sighup sigsegv sigabrt)
  add_test(NAME pty_reliability_terminal_restored_${mode}
           COMMAND pty_reliability_terminal ${mode} $<TARGET_FILE:ycfn>)
  set_tests_properties(pty_reliability_terminal_restored_${mode} PROPERTIES TIMEOUT 60)
endforeach()
# Not a row of quality.md by itself: the terminal vanishing (an SSH session dropped) ends ycfn.
add_test(NAME pty_ycfn_hangup_exits COMMAND pty_reliability_terminal hangup $<TARGET_FILE:ycfn>)
set_tests_properties(pty_ycfn_hangup_exits PROPERTIES TIMEOUT 60)

add_executable(pty_reliability_storm test_reliability_storm.c)
target_link_libraries(pty_reliability_storm PRIVATE ycfn_pty_rel)
add_dependencies(pty_reliability_storm ycfn)
add_test(NAME pty_reliability_resize_and_key_storms COMMAND pty_reliability_storm $<TARGET_FILE:ycfn>)
set_tests_properties(pty_reliability_resize_and_key_storms PROPERTIES TIMEOUT 120)

if(TARGET ycfn_emu)
  add_executable(pty_reliability_secrets test_reliability_secrets.c)
  target_link_libraries(pty_reliability_secrets PRIVATE ycfn_pty_rel ycfn_emu PkgConfig::CURL)
  add_dependencies(pty_reliability_secrets ycfn)
  add_test(NAME pty_reliability_secrets COMMAND pty_reliability_secrets $<TARGET_FILE:ycfn>)
  set_tests_properties(pty_reliability_secrets PROPERTIES TIMEOUT 90)
endif()

# ui.md: resizing never loses state and never leaves garbage (not a quality.md row by itself).
add_executable(pty_resize_redraw test_resize_redraw.c)
target_link_libraries(pty_resize_redraw PRIVATE ycfn_pty_rel)
add_dependencies(pty_resize_redraw ycfn)
add_test(NAME pty_ycfn_resize_redraws COMMAND pty_resize_redraw $<TARGET_FILE:ycfn>)
set_tests_properties(pty_ycfn_resize_redraws PROPERTIES TIMEOUT 60)
