# clangDaemon's exported link interface names the gRPC and protobuf targets of
# clangd's remote-index client. Debian ships those libraries only as runtime
# objects (the ones clangd-22 itself loads), so define the imported targets
# from them. Must run before find_package(Clang), which checks the targets.
# Debian ships only the versioned runtime names (no -dev symlinks needed).
foreach(lib grpc++.so.1.51 grpc.so.29 gpr.so.29
            absl_synchronization.so.20220623 protobuf.so.32)
  string(REGEX REPLACE "\\.so.*" "" var "${lib}")
  find_library(CTXLOSS_${var}_LIB NAMES lib${lib} ${var}
    PATHS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE} REQUIRED)
endforeach()
if(NOT TARGET gRPC::grpc++)
  add_library(gRPC::grpc++ UNKNOWN IMPORTED GLOBAL)
  set_target_properties(gRPC::grpc++ PROPERTIES
    IMPORTED_LOCATION "${CTXLOSS_grpc++_LIB}"
    INTERFACE_LINK_LIBRARIES
      "${CTXLOSS_grpc_LIB};${CTXLOSS_gpr_LIB};${CTXLOSS_absl_synchronization_LIB}")
endif()
if(NOT TARGET protobuf::libprotobuf)
  add_library(protobuf::libprotobuf UNKNOWN IMPORTED GLOBAL)
  set_target_properties(protobuf::libprotobuf PROPERTIES
    IMPORTED_LOCATION "${CTXLOSS_protobuf_LIB}")
endif()

