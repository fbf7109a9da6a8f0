/**
 * Text from outside (names, ids, evidence quoting a record, an unreadable
 * line, a label) on its way to a terminal. An escape sequence in an
 * applicant's name could recolour, hide or rewrite what a reviewer sees, or
 * set the terminal's title; a bidirectional override could reorder a line.
 * Every writer that prints for a person (the tables, the messages on
 * standard error, and any output format written to a terminal) passes such
 * text through `terminalSafe`, which shows each control character as a
 * visible escape in JSON's notation (ESC as `\u001b`), so a JSON line made
 * safe still means the same. Output written to a file or a pipe keeps the
 * text as it is.
 */

/**
 * C0 controls (tab, newline and ESC among them), DEL and the C1 controls
 * (U+0080-U+009F: U+009B is a one-character CSI on some terminals), the
 * Arabic letter mark, bidirectional embeddings, overrides and isolates, and
 * the Unicode line and paragraph separators.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const visible = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` with every control character replaced by a visible escape.
 * `lines`: keep the newlines (text that is several lines, such as a whole
 * table or a message); by default a newline is replaced too (one cell, one
 * name, one line).
 */
export function terminalSafe(text: string, shape: 'line' | 'lines' = 'line'): string {
  if (shape === 'lines') return text.split('\n').map((line) => line.replace(UNSAFE, visible)).join('\n');
  return text.replace(UNSAFE, visible);
}

/**
 * Output meant for a file or a program (JSON Lines, CSV, HTML, GraphML) as it
 * goes to standard output: unchanged into a pipe or a file, made safe when
 * standard output is a terminal (a person reads it there).
 */
export function forStdout(text: string): string {
  return process.stdout.isTTY ? terminalSafe(text, 'lines') : text;
}
