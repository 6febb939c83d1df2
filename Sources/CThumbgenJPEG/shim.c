#include "CThumbgenJPEG.h"
