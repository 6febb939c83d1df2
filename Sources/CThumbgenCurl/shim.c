#include "CThumbgenCurl.h"
