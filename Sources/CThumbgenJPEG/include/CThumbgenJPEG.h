// CThumbgenJPEG: C shim. STUB.
#include <stdio.h>
#include <jpeglib.h>
