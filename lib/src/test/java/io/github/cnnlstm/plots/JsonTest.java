package io.github.cnnlstm.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The charts' JSON writer: what it escapes, how it writes numbers, and that its text parses back. */
class JsonTest {

    @Test
    void stringsEscapeQuotesBackslashesControlCharactersAndTheEndOfAScript() {
        String tricky = "say \"hi\" \\ back\nslash\ttab\r\b\f\u0001\u001f </script> a/b \u2028\u2029 é ✓";
        String json = Json.write(tricky);
        assertEquals(
                "\"say \\\"hi\\\" \\\\ back\\nslash\\ttab\\r\\b\\f\\u0001\\u001f <\\/script> a/b \\u2028\\u2029 é ✓\"",
                json);
        assertFalse(json.contains("</"), json);
        for (char c : json.toCharArray()) {
            assertTrue(c >= 0x20, "a raw control character in " + json);
        }
        assertEquals(tricky, JsonParser.parse(json), "reads back as the same text");
    }

    @Test
    void notANumberAndInfinityBecomeNull() {
        assertEquals(
                "[1,null,null,null,-2.5]",
                Json.write(List.of(1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -2.5)));
        assertEquals("null", Json.write(Float.NaN));
        List<Object> back = (List<Object>) JsonParser.parse(Json.write(Arrays.asList(Double.NaN, 3.0)));
        assertEquals(Arrays.asList(null, 3.0), back);
    }

    @Test
    void numbersAreShortAndReadBackExactly() {
        assertEquals(
                "[32,0.25,0.0001,1E-7,-3,1234567.5,1.2345678901234567E+19]",
                Json.write(List.of(32.0, 0.25, 0.0001, 1e-7, -3, 1234567.5, 1.2345678901234567e19)));
        for (double d : new double[] {0.1, 1.0 / 3, 2.0 / 3e-9, 6.02214076e23, -0.0049, Math.PI}) {
            assertEquals(d, (Double) JsonParser.parse(Json.write(d)), "round trip of " + d);
        }
        assertEquals(0.123457, Json.round(0.1234567891, 6));
        assertEquals(1234.57, Json.round(1234.5678, 6));
        assertTrue(Double.isNaN(Json.round(Double.NaN, 6)));
    }

    @Test
    void objectsKeepTheirKeyOrderAndNestedValuesTheirTypes() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", true);
        inner.put("a", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", List.of("x", 1));
        outer.put("a", inner);
        outer.put("empty", new ArrayList<>());
        String json = Json.write(outer);
        assertEquals("{\"b\":[\"x\",1],\"a\":{\"z\":true,\"a\":null},\"empty\":[]}", json);
        assertEquals(
                outer.toString().replace("1]", "1.0]"), JsonParser.parse(json).toString());
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2)));
    }

    @Test
    void theTestParserRejectsWhatIsNotJson() {
        for (String bad : new String[] {"{'a': 1}", "[1,]", "NaN", "[1 2]", "\"a\nb\"", "{\"a\":1,\"a\":2}", "01"}) {
            assertThrows(IllegalArgumentException.class, () -> JsonParser.parse(bad), bad);
        }
    }
}
