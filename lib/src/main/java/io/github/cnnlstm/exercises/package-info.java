/**
 * The self-checked exercises at the end of every notebook: each check in {@link
 * io.github.cnnlstm.exercises.Exercises} answers a student's value or function with a {@link
 * io.github.cnnlstm.exercises.Feedback}, a ✓ or a hint, and never an exception, whatever it is
 * given. Depends on {@code data}, {@code model} and
 * {@code evaluation}.
 */
package io.github.cnnlstm.exercises;
