package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

    @Test
    void readsWhatGsonReadsFromStrictJson() throws JsonFormatException {
        String text = "{\"a\": [1, -2.5e-3, true, false, null, \"x\\u00e9\\n\\\"\"], \"b\": {\"c\": {}}, \"d\": []}";
        assertEquals(JsonParser.parseString(text), StrictJson.parse(text, "t", false));
    }

    @Test
    void numbersKeepTheirTextSoFloatsReadBackExactly() throws JsonFormatException {
        float f = 0.1f + 0.2f;
        assertEquals(f, StrictJson.parse(Float.toString(f), "t", false).getAsFloat());
        assertEquals(Math.PI, StrictJson.parse(Double.toString(Math.PI), "t", false).getAsDouble());
        assertEquals("1.50", StrictJson.parse("1.50", "t", false).getAsString());
    }

    @Test
    void aHugeExponentIsCheapToAskForAnInt() {
        JsonElement e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> StrictJson.parse("1e999999999", "t", false));
        assertEquals(Integer.MAX_VALUE, e.getAsInt());
        assertEquals(Double.POSITIVE_INFINITY, e.getAsDouble());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{a: 1}|line 1, column 2: expected a key in double quotes, found 'a'",
        "{'a': 1}|(JSON strings take double quotes)",
        "{\"a\": 'x'}|line 1, column 7: expected a value, found ''x'' (JSON strings take double quotes)",
        "{\"a\": NaN}|line 1, column 7: NaN is not a number JSON allows",
        "[Infinity]|Infinity is not a number JSON allows",
        "[-Infinity]|-Infinity is not a number JSON allows",
        "{\"a\": 1,}|a comma before '}'",
        "[1, 2,]|a comma before ']'",
        "{\"a\": 1} x|more text after the JSON value: 'x'",
        "{\"a\": 1}}|more text after the JSON value: '}'",
        "// c|JSON has no comments",
        "{\"a\": 01}|must not start with 0",
        "{\"a\": .5}|expected a value",
        "{\"a\": 1.}|a digit must follow the decimal point",
        "{\"a\": 1e}|a digit must follow the exponent",
        "{\"a\": \"\\q\"}|\\q is not an escape JSON knows",
        "{\"a\": \"\\u12G4\"}|four hex digits",
        "{\"a\": tru}|expected a value",
        "{\"a\": nulls}|expected a value",
        "{\"a\" 1}|expected ':' after the key \"a\", found '1'",
        "{\"a\": 1 \"b\": 2}|expected ',' or '}' after the value of \"a\", found '\"b\"'",
        "[1 2]|expected ',' or ']' in a list",
        "{\"a\": 1|the text ends inside the object opened on line 1",
        "[1,|the text ends inside the list opened on line 1",
        "{\"a\": \"x|the string that starts here is never closed",
        "{\"a\": |the text ends where the key \"a\" needs a value",
        "''|no JSON value",
        "{\"a\": 1, \"a\": 2}|line 1, column 10: the key \"a\" appears twice in the top-level object",
        "{\"o\": {\"a\": 1, \"a\": 2}}|the key \"a\" appears twice in the object of \"o\"",
        "[{\"a\": 1, \"a\": 2}]|the key \"a\" appears twice in an object in the list"})
    void refusesWithThePlaceAndThePlainReason(String text, String expected) {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> StrictJson.parse(text.equals("''") ? "  " : text, "f.json", false));
        assertTrue(e.getMessage().startsWith("f.json: not valid JSON at "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void positionsCountLinesAndColumns() {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> StrictJson.parse("{\n  \"a\": 1,\n  \"b\": x\n}", "f", false));
        assertEquals(3, e.line());
        assertEquals(8, e.column());
        assertTrue(e.getMessage().startsWith("f: not valid JSON at line 3, column 8: "), e.getMessage());
    }

    @Test
    void controlCharactersInStringsAreNamed() {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> StrictJson.parse("[\"a\nb\"]", "f", false));
        assertTrue(e.getMessage().contains("a line break inside a string"), e.getMessage());
        e = assertThrows(JsonFormatException.class, () -> StrictJson.parse("[\"a\u0001\"]", "f", false));
        assertTrue(e.getMessage().contains("U+0001"), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> StrictJson.parse(deep, "f", false));
        assertTrue(e.getMessage().contains("nested more than 512 levels deep"), e.getMessage());
        String ok = "[".repeat(500) + "]".repeat(500);
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> StrictJson.parse(ok, "f", false)).isJsonArray());
    }

    @Test
    void oneLineSourcesGiveTheColumnOnly() {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> StrictJson.parse("{x}", "p.jsonl:12", true));
        assertEquals("p.jsonl:12: not valid JSON at column 2: expected a key in double quotes, found 'x'", e.getMessage());
    }

    @Test
    void aByteOrderMarkIsSkipped() throws JsonFormatException {
        assertTrue(StrictJson.parse("\uFEFF{}", "f", false).isJsonObject());
    }
}
