#pragma once
struct Options {
  int timeout = 0;
};
Options &CurrentOptions();
void SetOptions(Options O);
