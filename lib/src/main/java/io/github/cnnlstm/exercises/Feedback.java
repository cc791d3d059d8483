package io.github.cnnlstm.exercises;

/**
 * The verdict on an exercise: a tick and what was right, or a cross and a hint of what to look at.
 * Notebooks show it as one line of text.
 *
 * @param passed  whether the answer is right
 * @param message what was checked, or a hint towards the right answer
 */
public record Feedback(boolean passed, String message) {

    static Feedback pass(String message) {
        return new Feedback(true, message);
    }

    static Feedback hint(String message) {
        return new Feedback(false, message);
    }

    @Override
    public String toString() {
        return (passed ? "✓ " : "✗ Not yet: ") + message;
    }
}
