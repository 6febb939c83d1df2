#include "CThumbgenPNG.h"
