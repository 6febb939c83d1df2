// CThumbgenLCMS: C shim. STUB.
#include <lcms2.h>
