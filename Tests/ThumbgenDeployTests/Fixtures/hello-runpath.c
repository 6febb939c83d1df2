/* Source of hello-runpath: a tiny dynamically linked executable with DT_RUNPATH $ORIGIN,
   like the executables swiftc links. Built with:
   gcc -O2 -o hello-runpath hello-runpath.c -Wl,-rpath,'$ORIGIN' -Wl,--enable-new-dtags && strip hello-runpath */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    const char *slash = strrchr(argv[0], '/');
    printf("hello from %s with %d arguments\n", slash ? slash + 1 : argv[0], argc - 1);
    return 0;
}
