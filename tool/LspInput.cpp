//===--- LspInput.cpp - The editor's messages on their way to clangd ------===//
//
// Part of ctxloss, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "tool/LspInput.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include <cerrno>
#include <csignal>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace ctxloss {

namespace {
struct Forwarder {
  std::mutex Lock;
  int Out = -1; ///< The pipe clangd reads as its standard input.
  bool Delimited = false;
  /// Open documents: URI to the version the editor sent last.
  llvm::StringMap<std::optional<int64_t>> Open;
};
} // namespace

// Never destroyed: the forwarding thread may run past main's return.
static Forwarder &State = *new Forwarder;

static bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(FD, Data.data(), Data.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Data = Data.drop_front(N);
  }
  return true;
}

/// Notes what a message does to the set of open documents.
static void track(llvm::StringRef Body) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Body);
  if (!V) {
    llvm::consumeError(V.takeError());
    return;
  }
  const llvm::json::Object *O = V->getAsObject();
  std::optional<llvm::StringRef> Method =
      O ? O->getString("method") : std::nullopt;
  const llvm::json::Object *Params = O ? O->getObject("params") : nullptr;
  const llvm::json::Object *Doc =
      Params ? Params->getObject("textDocument") : nullptr;
  std::optional<llvm::StringRef> URI =
      Doc ? Doc->getString("uri") : std::nullopt;
  if (!Method || !URI)
    return;
  if (*Method == "textDocument/didOpen" || *Method == "textDocument/didChange")
    State.Open[*URI] = Doc->getInteger("version");
  else if (*Method == "textDocument/didClose")
    State.Open.erase(*URI);
}

/// Passes one message on, whole, and notes what it does.
static void forward(llvm::StringRef Raw, llvm::StringRef Body) {
  std::scoped_lock Guard(State.Lock);
  if (State.Out >= 0 && !writeAll(State.Out, Raw)) {
    ::close(State.Out);
    State.Out = -1;
  }
  track(Body);
}

/// Content-Length framing: headers, a blank line, the body.
static void forwardFramed(int In) {
  std::string Buffer;
  char Chunk[65536];
  while (true) {
    size_t HeaderEnd;
    while ((HeaderEnd = Buffer.find("\r\n\r\n")) != std::string::npos) {
      llvm::StringRef Headers = llvm::StringRef(Buffer).take_front(HeaderEnd);
      size_t Length = 0;
      for (llvm::StringRef Line : llvm::split(Headers, "\r\n")) {
        auto [Name, Value] = Line.split(':');
        if (Name.trim().equals_insensitive("content-length"))
          Value.trim().getAsInteger(10, Length);
      }
      size_t Total = HeaderEnd + 4 + Length;
      if (Buffer.size() < Total)
        break;
      llvm::StringRef Raw = llvm::StringRef(Buffer).take_front(Total);
      forward(Raw, Raw.drop_front(HeaderEnd + 4));
      Buffer.erase(0, Total);
    }
    ssize_t N = ::read(In, Chunk, sizeof(Chunk));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Buffer.append(Chunk, N);
  }
  if (!Buffer.empty())
    forward(Buffer, "");
}

/// Delimited: JSON separated by `---` lines; `#` lines are comments.
static void forwardDelimited(int In) {
  std::string Buffer;
  std::string Raw;
  std::string Body;
  char Chunk[65536];
  bool Eof = false;
  while (!Eof) {
    ssize_t N = ::read(In, Chunk, sizeof(Chunk));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      Eof = true;
      if (!Buffer.empty() && Buffer.back() != '\n')
        Buffer += '\n';
    } else {
      Buffer.append(Chunk, N);
    }
    size_t LineEnd;
    while ((LineEnd = Buffer.find('\n')) != std::string::npos) {
      std::string Line = Buffer.substr(0, LineEnd + 1);
      Buffer.erase(0, LineEnd + 1);
      Raw += Line;
      llvm::StringRef Text = llvm::StringRef(Line).trim();
      if (Text == "---") {
        forward(Raw, Body);
        Raw.clear();
        Body.clear();
      } else if (!Text.starts_with("#")) {
        Body += Line;
      }
    }
  }
  if (!Raw.empty())
    forward(Raw, Body);
}

static void run(int In) {
  if (State.Delimited)
    forwardDelimited(In);
  else
    forwardFramed(In);
  // The editor closed its end: so does clangd's input.
  std::scoped_lock Guard(State.Lock);
  if (State.Out >= 0)
    ::close(State.Out);
  State.Out = -1;
}

bool interposeLspInput(bool Delimited) {
  int Editor = ::dup(0);
  if (Editor < 0)
    return false;
  int Pipe[2];
  if (::pipe(Pipe) != 0) {
    ::close(Editor);
    return false;
  }
  if (::dup2(Pipe[0], 0) < 0) {
    ::close(Editor);
    ::close(Pipe[0]);
    ::close(Pipe[1]);
    return false;
  }
  ::close(Pipe[0]);
  // clangd gone: a write fails instead of ending the process.
  std::signal(SIGPIPE, SIG_IGN);
  State.Out = Pipe[1];
  State.Delimited = Delimited;
  std::thread(run, Editor).detach();
  return true;
}

/// The path of a `file:` URI, percent-decoded.
static std::string uriPath(llvm::StringRef URI) {
  if (!URI.consume_front("file://"))
    return "";
  std::string Path;
  for (size_t I = 0; I < URI.size(); ++I) {
    unsigned Byte;
    if (URI[I] == '%' && I + 2 < URI.size() &&
        !URI.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Path += static_cast<char>(Byte);
      I += 2;
    } else {
      Path += URI[I];
    }
  }
  return Path;
}

void recheckOpenFiles(llvm::function_ref<bool(llvm::StringRef Path)> Wanted) {
  // Decided without the lock (Wanted may read files); a document closed
  // meanwhile is left out below.
  std::vector<std::string> URIs;
  {
    std::scoped_lock Guard(State.Lock);
    for (const auto &Entry : State.Open)
      URIs.push_back(Entry.getKey().str());
  }
  llvm::erase_if(URIs,
                 [&](const std::string &URI) { return !Wanted(uriPath(URI)); });
  std::scoped_lock Guard(State.Lock);
  for (const std::string &URI : URIs) {
    auto Entry = State.Open.find(URI);
    if (State.Out < 0)
      return;
    if (Entry == State.Open.end())
      continue;
    llvm::json::Object Doc{{"uri", URI}};
    if (std::optional<int64_t> Version = Entry->getValue())
      Doc["version"] = *Version;
    llvm::json::Value Message = llvm::json::Object{
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didChange"},
        {"params", llvm::json::Object{{"textDocument", std::move(Doc)},
                                      {"contentChanges", llvm::json::Array()},
                                      {"wantDiagnostics", true},
                                      {"forceRebuild", true}}}};
    std::string Body = llvm::formatv("{0}", Message).str();
    std::string Raw = State.Delimited
                          ? Body + "\n---\n"
                          : "Content-Length: " + std::to_string(Body.size()) +
                                "\r\n\r\n" + Body;
    if (!writeAll(State.Out, Raw)) {
      ::close(State.Out);
      State.Out = -1;
      return;
    }
  }
}

} // namespace ctxloss
