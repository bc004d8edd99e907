/* app-pending.c — entry points whose modules are not written yet.  Each module's author deletes its
 * function here when the real one lands; this file goes when it is empty. */
#include "config.h"

#include "app.h"
