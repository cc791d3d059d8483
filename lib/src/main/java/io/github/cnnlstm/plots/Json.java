package io.github.cnnlstm.plots;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the charts' plotly figures: maps (written in their iteration order, so a
 * {@code LinkedHashMap} gives keys in a fixed order), lists, strings, numbers, booleans and null.
 * The same tree goes to the kernel as the bundle's data (JJava's own serializer writes it); this
 * writer gives its text for {@link Chart#plotlyJson()} and the tests. NaN and ±∞, which JSON cannot
 * hold, become null (plotly leaves a gap there).
 */
final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {}

    /** {@code value} as JSON text. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /**
     * {@code value} rounded to {@code digits} significant digits, so a chart's JSON holds short
     * numbers whose text does not follow the last bits of a computation. NaN and ±∞ stay as they are.
     */
    static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(digits)).doubleValue();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Double || value instanceof Float) {
            number(((Number) value).doubleValue(), out);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("a JSON object's keys are strings, not " + e.getKey());
                }
                out.append(first ? "" : ",");
                first = false;
                string(key, out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for " + value.getClass().getName());
        }
    }

    /** The shortest text that reads back as the same double: 3 rather than 3.0, 0.0001, 1E-7, 1.5E+20. */
    private static void number(double d, StringBuilder out) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append("null");
            return;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
            return;
        }
        // BigDecimal.valueOf uses Double.toString, the shortest decimal that reads back exactly
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        out.append(Math.abs(d) >= 1e-6 && Math.abs(d) < 1e15 ? b.toPlainString() : b.toString());
    }

    /**
     * A JSON string. Besides what JSON requires ({@code "}, {@code \}, control characters), it
     * escapes {@code </} (so the text can never end an HTML script element it is placed in) and
     * U+2028/U+2029 (line ends to JavaScript).
     */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '/' -> out.append(i > 0 && s.charAt(i - 1) == '<' ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append("\\u")
                                .append(HEX[c >> 12])
                                .append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF])
                                .append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
