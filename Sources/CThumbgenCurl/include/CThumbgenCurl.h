// CThumbgenCurl: C shim. STUB.
#include <curl/curl.h>
