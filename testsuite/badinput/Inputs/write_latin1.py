"""Writes a C file with Latin-1 (not UTF-8) bytes in a comment and a string."""
import sys

src = (b"/* caf\xe9, na\xefve: Latin-1 bytes */\n"
       b"const char *label = \"\xe9t\xe9\";\n"
       b"void f(int n, double *x) {\n"
       b"#pragma omp parallel for\n"
       b"  for (int i = 0; i < n; i++)\n"
       b"#ifdef RACY\n"
       b"    x[0] += x[i] /* \xff */;\n"
       b"#else\n"
       b"    x[i] = 2.0 * x[i]; /* \xe0 */\n"
       b"#endif\n"
       b"}\n")
open(sys.argv[1], "wb").write(src)
