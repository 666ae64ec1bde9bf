// glibc's <malloc.h>, for mallopt (sgw's MemoryTuning): the Glibc module does not include it.
#if defined(__linux__)
#include <malloc.h>
#endif
