//===--- LspInput.h - The editor's messages on their way to clangd -*- C++
//-*-===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// clangd re-checks a file only when its text or its compile command
/// changes: a program summary that lands later would show in an open file
/// only at its next edit. clangd has no API for a linked-in check to ask
/// for a re-check, so `ctxloss-clangd` puts a forwarder between the
/// editor's input and clangd: it passes every message on unchanged,
/// remembers which documents are open (and their versions), and, when the
/// summary of a project lands, adds for each open file of the project a
/// `textDocument/didChange` with no change and clangd's `forceRebuild`
/// extension, which makes clangd rebuild the file and publish its
/// diagnostics again (a save alone does not: clangd skips a rebuild whose
/// inputs are the same).
///
//===----------------------------------------------------------------------===//

#ifndef CTXLOSS_TOOL_LSPINPUT_H
#define CTXLOSS_TOOL_LSPINPUT_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

namespace ctxloss {

/// Replaces standard input with a pipe fed by a forwarding thread. With
/// \p Delimited, messages are JSON separated by `---` lines (clangd's
/// `-input-style=delimited`, `-lit-test`); otherwise LSP's
/// `Content-Length` framing. Returns false (and changes nothing) when it
/// cannot.
bool interposeLspInput(bool Delimited);

/// Has clangd re-check every open document whose path \p Wanted accepts.
/// Nothing without interposeLspInput().
void recheckOpenFiles(llvm::function_ref<bool(llvm::StringRef Path)> Wanted);

} // namespace ctxloss

#endif // CTXLOSS_TOOL_LSPINPUT_H
