package org.eapexplorer.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.model.PromptSet;

/**
 * Reads prompt-pair files: JSON Lines, one pair per line (blank lines and lines starting with {@code #} or
 * {@code //} are skipped). A line is either
 * {@code {"clean": …, "corrupted": …, "answer": " Mary", "distractor": " John"}} or, for list metrics,
 * {@code {"clean": …, "corrupted": …, "answers": […], "distractors": […], "metric": "prob_diff"}}.
 * {@code metric} defaults to {@code logit_diff}; every line of a file must use the same one.
 */
public final class PromptPairFile {

    private static final Set<String> KEYS = Set.of("clean", "corrupted", "answer", "distractor", "answers", "distractors", "metric");

    private PromptPairFile() {
    }

    public static PromptSet read(Path file) throws IOException {
        List<PromptPair> pairs = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        MetricKind metric = null;
        int firstMetricLine = 0;
        if (Files.isDirectory(file)) {
            throw new PromptFileException(file + ": is a directory, not a prompt file");
        }
        String problem = Files.exists(file) ? RegularFiles.problem(file) : null;
        if (problem != null) {
            throw new PromptFileException(file + ": " + problem + ", not a prompt file");  // a FIFO would block the read
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = readLine(in, file, number + 1)) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//")) {
                    continue;
                }
                PromptPair pair = parseLine(file, number, trimmed);
                if (metric == null) {
                    metric = pair.metric();
                    firstMetricLine = number;
                } else if (pair.metric() != metric) {
                    throw error(file, number, "metric is " + pair.metric().jsonName() + " but line " + firstMetricLine
                            + " uses " + metric.jsonName() + "; one file uses one metric");
                }
                pairs.add(pair);
                lines.add(number);
            }
        } catch (NoSuchFileException e) {
            throw new PromptFileException(file + ": no such prompt file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PromptFileException(file + ": not UTF-8 text");
        }
        if (pairs.isEmpty()) {
            throw new PromptFileException(file + ": no prompt pairs (expected JSON Lines with \"clean\", \"corrupted\", \"answer\", \"distractor\")");
        }
        return new PromptSet(file.getFileName().toString(), pairs, lines, metric);
    }

    /**
     * One line, without its line end; null at the end of the file. A line is refused beyond {@value #MAX_LINE_CHARS}
     * characters, so that a file without line breaks cannot make the reader hold gigabytes: a prompt that long fits no
     * model's context anyway (the encoder bounds prompts by the model's n_positions before tokenising).
     */
    private static String readLine(BufferedReader in, Path file, int number) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE_CHARS) {
                throw error(file, number, "the line is longer than " + MAX_LINE_CHARS + " characters; no prompt of a model's context is");
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** The longest line read: 64 Mi characters, far above any context (GPT-2: 1,024 tokens). */
    static final int MAX_LINE_CHARS = 64 << 20;

    static PromptPair parseLine(Path file, int number, String line) throws PromptFileException {
        JsonElement element;
        try {
            element = StrictJson.parse(line, file + ":" + number, true);
        } catch (JsonFormatException e) {
            throw new PromptFileException(e.getMessage());
        }
        if (!element.isJsonObject()) {
            throw error(file, number, "expected a JSON object, got " + abbreviate(line));
        }
        JsonObject json = element.getAsJsonObject();
        for (String key : json.keySet()) {
            if (!KEYS.contains(key)) {
                throw error(file, number, "unknown key \"" + key + "\" (expected clean, corrupted, answer/answers, distractor/distractors, metric)");
            }
        }
        String clean = string(file, number, json, "clean");
        String corrupted = string(file, number, json, "corrupted");
        List<String> answers = tokens(file, number, json, "answer", "answers");
        List<String> distractors = tokens(file, number, json, "distractor", "distractors");
        MetricKind metric = MetricKind.LOGIT_DIFF;
        if (json.has("metric")) {
            try {
                metric = MetricKind.fromJsonName(string(file, number, json, "metric"));
            } catch (IllegalArgumentException e) {
                throw error(file, number, e.getMessage());
            }
        }
        requireApart(file, number, answers, distractors);
        return new PromptPair(clean, corrupted, answers, distractors, metric);
    }

    /**
     * The metric compares answers with distractors, so a token on both sides (or twice on one) would compare with
     * itself: refused here as text, and again as token ids by the encoder, where two spellings can be one token.
     */
    private static void requireApart(Path file, int number, List<String> answers, List<String> distractors) throws PromptFileException {
        Set<String> seen = new java.util.HashSet<>();
        for (String a : answers) {
            if (!seen.add(a)) {
                throw error(file, number, "answer \"" + a + "\" is listed twice");
            }
        }
        Set<String> distractorSet = new java.util.HashSet<>();
        for (String d : distractors) {
            if (!distractorSet.add(d)) {
                throw error(file, number, "distractor \"" + d + "\" is listed twice");
            }
            if (seen.contains(d)) {
                throw error(file, number, "\"" + d + "\" is both an answer and a distractor (the metric would compare it with itself)");
            }
        }
    }

    private static List<String> tokens(Path file, int number, JsonObject json, String single, String plural) throws PromptFileException {
        if (json.has(single) && json.has(plural)) {
            throw error(file, number, "give either \"" + single + "\" or \"" + plural + "\", not both");
        }
        if (json.has(single)) {
            return List.of(string(file, number, json, single));
        }
        if (!json.has(plural)) {
            throw error(file, number, "missing \"" + single + "\" (or a list \"" + plural + "\")");
        }
        JsonElement e = json.get(plural);
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw error(file, number, "\"" + plural + "\" must be a non-empty list of strings");
        }
        List<String> out = new ArrayList<>();
        JsonArray array = e.getAsJsonArray();
        for (JsonElement item : array) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw error(file, number, "\"" + plural + "\" must contain only strings, found " + item);
            }
            out.add(item.getAsString());
        }
        return out;
    }

    private static String string(Path file, int number, JsonObject json, String key) throws PromptFileException {
        JsonElement e = json.get(key);
        if (e == null) {
            throw error(file, number, "missing \"" + key + "\"");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw error(file, number, "\"" + key + "\" must be a string, got " + e);
        }
        return e.getAsString();
    }

    static PromptFileException error(Path file, int line, String message) {
        return new PromptFileException(file + ":" + line + ": " + message);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
