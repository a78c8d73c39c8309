# cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -P install_test.cmake
# Installs the build into a temporary prefix and checks the program, the man page and the bash
# completion are there and work: the man page renders without warnings, the completion completes.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${out}${err}")
endif()
foreach(f bin/ycfn share/man/man1/ycfn.1 share/bash-completion/completions/ycfn)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()

# The man page renders, with no warnings from groff, and documents every command.
find_program(GROFF groff)
if(GROFF)
  execute_process(COMMAND ${GROFF} -man -Tutf8 -ww -z ${prefix}/share/man/man1/ycfn.1
                  RESULT_VARIABLE rc ERROR_VARIABLE warnings)
  if(NOT rc EQUAL 0 OR warnings)
    message(FATAL_ERROR "groff warns about ycfn.1: ${warnings}")
  endif()
  execute_process(COMMAND ${GROFF} -man -Tutf8 -rLL=400n -P-cbou ${prefix}/share/man/man1/ycfn.1
                  OUTPUT_VARIABLE man)
else()
  file(READ ${prefix}/share/man/man1/ycfn.1 man)
  string(REPLACE "\\-" "-" man "${man}")
endif()
foreach(word "version create" "version get" "version list" "function list" "invoke" "--async-max-retries"
             "--dry-run" "EXIT STATUS" "ENVIRONMENT" "FILES" "EXAMPLES" "YC_FOLDER_ID" "YCFN_DEMO_URL_FILE")
  string(FIND "${man}" "${word}" at)
  if(at LESS 0)
    message(FATAL_ERROR "ycfn.1 does not mention ${word}")
  endif()
endforeach()

# The completion offers commands, flags and runtimes.
find_program(BASH bash)
if(BASH)
  set(script "source '${prefix}/share/bash-completion/completions/ycfn'
c() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _ycfn; echo \"\${COMPREPLY[*]}\"; }
c ycfn ''; c ycfn version ''; c ycfn version create --async-m; c ycfn version create --runtime py; c ycfn --format ''")
  execute_process(COMMAND ${BASH} --norc --noprofile -c "${script}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "completion failed: ${err}")
  endif()
  foreach(want "invoke" "create" "--async-max-retries" "python312" "json")
    string(FIND "${out}" "${want}" at)
    if(at LESS 0)
      message(FATAL_ERROR "completion does not offer ${want}: ${out}")
    endif()
  endforeach()
endif()

# The installed program runs.
execute_process(COMMAND ${prefix}/bin/ycfn --version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^ycfn ")
  message(FATAL_ERROR "installed ycfn --version: ${rc} ${out}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
