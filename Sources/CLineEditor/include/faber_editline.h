#ifndef FABER_EDITLINE_H
#define FABER_EDITLINE_H

#include <stdio.h>
#include <histedit.h>

/* Non-variadic wrappers around libedit (Swift cannot call el_set/history directly). */

typedef char *(*faber_prompt_fn)(EditLine *);
typedef unsigned char (*faber_complete_fn)(EditLine *, int);

EditLine *faber_el_init(const char *program, faber_prompt_fn prompt, faber_complete_fn complete, History *history);
void faber_el_end(EditLine *el);

History *faber_history_init(int size);
void faber_history_end(History *history);
int faber_history_enter(History *history, const char *line);
int faber_history_load(History *history, const char *path);
int faber_history_save(History *history, const char *path);

/* The line being edited, up to the cursor (caller frees). */
char *faber_el_line_to_cursor(EditLine *el);
int faber_el_insert(EditLine *el, const char *text);

/* Ctrl-C (SIGINT) handling, shared by the REPL prompt and runs. The handler only counts:
 * a blocked read returns EINTR instead of the process ending. During a run (begin/end) a
 * second Ctrl-C ends the process at once with status 130. */
void faber_sigint_install(void);
void faber_sigint_begin_run(void);
void faber_sigint_end_run(void);
int faber_sigint_count(void);
/* The read end of a non-blocking pipe the handler writes a byte to on each Ctrl-C (created on the
 * first call), and a drain of what it holds. */
int faber_sigint_pipe(void);
void faber_sigint_drain(void);

#endif
