/**
 * Model files: {@link io.github.cnnlstm.persistence.ModelStore} saves a model atomically (a
 * temporary file moved into place) and loads one as untrusted input, never deserialising Java
 * objects, reading bounded amounts, checking every entry's CRC-32 and accepting only the network
 * this library builds for the stated configuration; files of the previous format still load.
 * Every refusal is a {@link io.github.cnnlstm.persistence.ModelFileException} that names the file,
 * the problem and the fix. Depends on {@code base}, {@code data} and {@code model}.
 */
package io.github.cnnlstm.persistence;
