#include "faber_editline.h"
#include <stdlib.h>
#include <string.h>

/* Space at the end of the line, right after a space and outside quotes, adds nothing: a
 * completion already ended the word with one, and a command line needs no second (inside
 * quotes, or in the middle of the line, spaces are typed as they are). */
static unsigned char faber_space(EditLine *el, int ch) {
    (void)ch;
    const LineInfo *info = el_line(el);
    if (info->cursor == info->lastchar && info->cursor > info->buffer && info->cursor[-1] == ' ') {
        char quote = 0;
        int escaped = 0;
        for (const char *p = info->buffer; p < info->cursor; p++) {
            if (escaped) { escaped = 0; continue; }
            if (*p == '\\' && quote != '\'') { escaped = 1; continue; }
            if (quote) { if (*p == quote) quote = 0; }
            else if (*p == '\'' || *p == '"') quote = *p;
        }
        if (!quote) return CC_REFRESH;
    }
    el_insertstr(el, " ");
    return CC_REFRESH;
}

EditLine *faber_el_init(const char *program, faber_prompt_fn prompt, faber_complete_fn complete, History *h) {
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (!el) return NULL;
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_PROMPT, prompt);
    if (h) el_set(el, EL_HIST, history, h);
    el_set(el, EL_ADDFN, "faber-complete", "Complete a command, operation or flag", complete);
    el_set(el, EL_BIND, "^I", "faber-complete", NULL);
    el_set(el, EL_ADDFN, "faber-space", "Space, once between words", faber_space);
    el_set(el, EL_BIND, " ", "faber-space", NULL);
    el_source(el, NULL); /* ~/.editrc, as other libedit programs */
    return el;
}

void faber_el_end(EditLine *el) { if (el) el_end(el); }

History *faber_history_init(int size) {
    HistEvent event;
    History *h = history_init();
    if (!h) return NULL;
    history(h, &event, H_SETSIZE, size);
    history(h, &event, H_SETUNIQUE, 1);
    return h;
}

void faber_history_end(History *history) { if (history) history_end(history); }

int faber_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

int faber_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

int faber_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

char *faber_el_line_to_cursor(EditLine *el) {
    const LineInfo *info = el_line(el);
    size_t length = (size_t)(info->cursor - info->buffer);
    char *copy = malloc(length + 1);
    if (!copy) return NULL;
    memcpy(copy, info->buffer, length);
    copy[length] = '\0';
    return copy;
}

int faber_el_insert(EditLine *el, const char *text) { return el_insertstr(el, text); }

#include <signal.h>
#include <unistd.h>

#include <fcntl.h>

static volatile sig_atomic_t faber_interrupts = 0;
static volatile sig_atomic_t faber_quit_on_second = 0;
/* The self-pipe: the handler writes a byte, so a run waits for Ctrl-C without polling. */
static int faber_interrupt_pipe[2] = {-1, -1};

static void faber_on_sigint(int signo) {
    (void)signo;
    faber_interrupts++;
    if (faber_interrupt_pipe[1] >= 0) {
        ssize_t ignored = write(faber_interrupt_pipe[1], "i", 1); /* async-signal-safe; a full pipe drops it */
        (void)ignored;
    }
    if (faber_quit_on_second && faber_interrupts > 1) {
        static const char message[] = "\ninterrupted\n";
        ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
        (void)ignored;
        _exit(130);
    }
}

void faber_sigint_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = faber_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: a blocked read returns EINTR */
    sigaction(SIGINT, &action, NULL);
}

int faber_sigint_pipe(void) {
    if (faber_interrupt_pipe[0] < 0 && pipe(faber_interrupt_pipe) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(faber_interrupt_pipe[i], F_SETFL, fcntl(faber_interrupt_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(faber_interrupt_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    return faber_interrupt_pipe[0];
}

void faber_sigint_drain(void) {
    char bytes[64];
    if (faber_interrupt_pipe[0] < 0) return;
    while (read(faber_interrupt_pipe[0], bytes, sizeof bytes) > 0) {}
}

void faber_sigint_begin_run(void) {
    faber_interrupts = 0;
    faber_quit_on_second = 1;
    faber_sigint_pipe();
    faber_sigint_drain();
    faber_sigint_install();
}

void faber_sigint_end_run(void) {
    faber_quit_on_second = 0;
    faber_interrupts = 0;
}

int faber_sigint_count(void) { return (int)faber_interrupts; }
