// CThumbgenPNG: C shim. STUB.
#include <png.h>
