#include "CThumbgenLCMS.h"
