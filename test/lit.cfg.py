# lit configuration for ctxloss. Tool paths come from lit.site.cfg.py, which
# the build generates; RUN lines use the substitutions below, never paths.
import os
import shutil
import subprocess

import lit.formats

config.name = "ctxloss"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ctxloss_obj_dir, "test")
# A test that hangs fails after 15 minutes instead of holding the whole run
# (lit needs psutil for it; without it there is no limit).
try:
    import psutil  # noqa: F401
    lit_config.maxIndividualTestTime = 900
except ImportError:
    pass

# FileCheck, not, count and split-file live in LLVM's tool directory.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])
# Keep the user's clangd configuration out of the tests.
config.environment["XDG_CONFIG_HOME"] = os.path.join(config.test_exec_root,
                                                     "xdg-config")

# Configuring the project (test/tool/cmake-*.test).
config.substitutions.append(("%ctxloss_src_dir", config.ctxloss_src_dir))
# Installing and packaging this build (test/tool/install*.test, cpack-*).
config.substitutions.append(("%ctxloss_obj_dir", config.ctxloss_obj_dir))
for tool, feature in (("cmake", "cmake"), ("g++", "gxx"), ("git", "git"),
                      ("cpack", "cpack"), ("dpkg-deb", "dpkg"),
                      ("patch", "patch"), ("pre-commit", "pre-commit")):
    if shutil.which(tool, path=config.environment.get("PATH")):
        config.available_features.add(feature)

# The SARIF Multitool (npm's @microsoft/sarif-multitool), which
# scripts/setup.sh installs into build/tools; its native binary is run
# directly (npm's wrapper passes arguments through a shell unquoted).
sarif_multitool = os.environ.get("CTXLOSS_SARIF_MULTITOOL") or os.path.join(
    config.ctxloss_obj_dir, "tools", "sarif-multitool", "node_modules",
    "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")
if os.access(sarif_multitool, os.X_OK):
    config.available_features.add("sarif-multitool")
    config.substitutions.append(("%sarif_multitool", sarif_multitool))

# Root may write where permissions say no: tests of unwritable paths skip.
if hasattr(os, "geteuid") and os.geteuid() == 0:
    config.available_features.add("root")

bin_dir = os.path.join(config.ctxloss_obj_dir, "bin")
include_dir = os.path.join(config.ctxloss_src_dir, "include")
inputs_dir = os.path.join(config.test_source_root, "Inputs")

# The same check tests run through the plugin in the stock clang-tidy and
# through the linked ctxloss-tidy.
config.substitutions.append(
    ("%clang_tidy_plugin",
     "%s --quiet --load=%s" % (config.clang_tidy, config.plugin)))
config.substitutions.append(
    ("%ctxloss_tidy", "%s --quiet" % os.path.join(bin_dir, "ctxloss-tidy")))
config.substitutions.append(
    ("%ctxloss_clangd", os.path.join(bin_dir, "ctxloss-clangd")))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%ctxloss_include", include_dir))
config.substitutions.append(("%inputs", inputs_dir))
config.substitutions.append(("%clang_tidy", config.clang_tidy))

# Python's C API headers (python3-dev), as system headers like any installed
# library's: the system interpreter's python3-config, not that of whichever
# interpreter runs lit.
python_config = shutil.which("python3-config", path="/usr/bin") or shutil.which(
    "python3-config", path=config.environment.get("PATH"))
python_includes = []
if python_config:
    flags = subprocess.run([python_config, "--includes"], capture_output=True,
                           text=True).stdout.split()
    for flag in flags:
        if flag.startswith("-I") and flag[2:] not in python_includes:
            python_includes.append(flag[2:])
# First: '%python' would otherwise replace its prefix.
config.substitutions.insert(
    0, ("%python_includes", " ".join("-isystem " + d for d in python_includes)))
# Last: the longer %ctxloss_* names above are substituted first.
config.substitutions.append(("%ctxloss", os.path.join(bin_dir, "ctxloss")))
