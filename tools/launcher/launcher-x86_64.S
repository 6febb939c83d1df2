# The `bootstrap` of thumbgen's Lambda package (x86-64 Linux, static, no libc): runs
#   DIR/ld.so --argv0 ARGV0 DIR/thumbgen ARGS...
# where DIR is the folder of the path this program was started by (the kernel's AT_EXECFN
# auxiliary vector entry, getauxval(3)), so the package starts wherever it is unpacked.
# On any failure: one line on standard error, exit status 127.
        .globl  _start
        .text
_start:
        mov     %rsp, %rbp
        mov     (%rbp), %r12            # r12 = argc
        lea     8(%rbp), %r13           # r13 = argv
        lea     8(%r13,%r12,8), %r14    # r14 = envp
        mov     %r14, %rax
1:      cmpq    $0, (%rax)              # skip the environment to its NULL
        lea     8(%rax), %rax
        jne     1b
2:      mov     (%rax), %rcx            # auxv: (type, value) pairs up to AT_NULL
        test    %rcx, %rcx
        jz      fail
        cmp     $31, %rcx               # AT_EXECFN
        je      3f
        add     $16, %rax
        jmp     2b
3:      mov     8(%rax), %rbx           # rbx = the path we were started by
        mov     %rbx, %r8               # r8 keeps it (argv[0] fallback)
        xor     %rdx, %rdx              # rdx = length up to and including the last '/'
        xor     %rcx, %rcx
4:      movb    (%rbx,%rcx), %al
        test    %al, %al
        jz      5f
        inc     %rcx
        cmp     $'/', %al
        jne     4b
        mov     %rcx, %rdx
        jmp     4b
5:      test    %rdx, %rdx              # no '/': started from the working directory
        jnz     6f
        lea     dotslash(%rip), %rbx
        mov     $2, %rdx
6:      cmp     $4000, %rdx
        ja      fail
        sub     $8192, %rsp
        and     $-16, %rsp
        mov     %rsp, %r15              # r15: "DIR/ld.so"; r15+4096: "DIR/thumbgen"
        mov     %rbx, %rsi
        mov     %r15, %rdi
        mov     %rdx, %rcx
        rep movsb
        lea     loader(%rip), %rsi
        mov     $6, %rcx
        rep movsb
        lea     4096(%r15), %rdi
        mov     %rbx, %rsi
        mov     %rdx, %rcx
        rep movsb
        lea     program(%rip), %rsi
        mov     $9, %rcx
        rep movsb
        lea     5(%r12), %rax           # new argv: loader, --argv0, argv0, program, argv[1...], NULL
        shl     $3, %rax
        sub     %rax, %rsp
        and     $-16, %rsp
        mov     %r15, (%rsp)
        lea     argv0option(%rip), %rax
        mov     %rax, 8(%rsp)
        mov     %r8, %rax
        test    %r12, %r12
        jz      7f
        mov     (%r13), %rcx
        test    %rcx, %rcx
        cmovnz  %rcx, %rax
7:      mov     %rax, 16(%rsp)
        lea     4096(%r15), %rax
        mov     %rax, 24(%rsp)
        mov     $1, %rcx
8:      cmp     %r12, %rcx
        jae     9f
        mov     (%r13,%rcx,8), %rax
        mov     %rax, 24(%rsp,%rcx,8)
        inc     %rcx
        jmp     8b
9:      movq    $0, 24(%rsp,%rcx,8)
        mov     $59, %eax               # execve(loader, argv, envp)
        mov     %r15, %rdi
        mov     %rsp, %rsi
        mov     %r14, %rdx
        syscall
fail:   mov     $1, %eax                # write(2, message, length)
        mov     $2, %edi
        lea     message(%rip), %rsi
        mov     $(messageEnd - message), %edx
        syscall
        mov     $231, %eax              # exit_group(127)
        mov     $127, %edi
        syscall
dotslash:    .ascii  "./"
loader:      .asciz  "ld.so"
program:     .asciz  "thumbgen"
argv0option: .asciz  "--argv0"
message:     .ascii  "bootstrap: cannot start ld.so and thumbgen beside this file\n"
messageEnd:
        .section .note.GNU-stack,"",@progbits
