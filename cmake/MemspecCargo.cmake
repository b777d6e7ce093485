# Running cargo from ctest, against the libmemspec.so of this build tree.
#
# memspec_cargo_test(NAME name DIR crate_dir ARGS cargo args...) adds a test running `cargo ARGS`
# in DIR with MEMSPEC_LIB_DIR = the directory of libmemspec.so (the crate's build.rs links it from
# there and writes an rpath) and CARGO_TARGET_DIR inside the build tree, offline (the crates have no
# dependencies). Without cargo the test fails and says why: a missing toolchain must not pass for
# a green run. scripts/bootstrap.sh installs Debian's cargo when none is found.
find_program(MEMSPEC_CARGO cargo HINTS $ENV{HOME}/.cargo/bin /root/.cargo/bin)
set(MEMSPEC_CARGO_TARGET_DIR ${PROJECT_BINARY_DIR}/cargo-target)

function(memspec_cargo_test)
  cmake_parse_arguments(T "" "NAME;DIR" "ARGS" ${ARGN})
  if(MEMSPEC_CARGO)
    add_test(NAME ${T_NAME}
             COMMAND ${CMAKE_COMMAND} -E env MEMSPEC_LIB_DIR=$<TARGET_FILE_DIR:memspec_c> CARGO_TARGET_DIR=${MEMSPEC_CARGO_TARGET_DIR}
                     CARGO_TERM_COLOR=never ${MEMSPEC_CARGO} ${T_ARGS}
             WORKING_DIRECTORY ${T_DIR})
    # Cold builds on two shared cores take a while.
    set_tests_properties(${T_NAME} PROPERTIES TIMEOUT 900)
  else()
    add_test(NAME ${T_NAME}
             COMMAND sh -c "echo 'cargo was not found (PATH, ~/.cargo/bin): run scripts/bootstrap.sh, which installs Debian cargo' >&2; exit 1")
  endif()
endfunction()
