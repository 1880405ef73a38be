package org.eapexplorer.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@link Tokenizer} backed by the Hugging Face tokenizers library through DJL's JNI binding. Files are
 * read and checked by {@link Tokenizers}; this class only owns the native handle and the id ↔ text tables.
 */
final class HfTokenizer implements Tokenizer {

    private final HuggingFaceTokenizer hf;
    private final String[] textForms;
    private final Map<String, Integer> idByText;
    private final String source;
    private final TokenFloor floor;
    private final OptionalInt bos;
    private volatile boolean closed;

    private HfTokenizer(HuggingFaceTokenizer hf, String[] textForms, String[] exactTextForms, TokenFloor floor, OptionalInt bos,
            String source) {
        this.hf = hf;
        this.bos = bos;
        this.textForms = textForms;
        this.floor = floor;
        this.source = source;
        this.idByText = new HashMap<>(exactTextForms.length * 2);
        for (int id = exactTextForms.length - 1; id >= 0; id--) { // lowest id wins on a tie
            if (exactTextForms[id] != null) {
                idByText.put(exactTextForms[id], id);
            }
        }
    }

    /**
     * @param json a checked tokenizer.json
     * @param textForms display text of each id
     * @param exactTextForms exact text of each id, null where there is none
     * @param bos the token the file's post-processor puts in front of every text; empty for none
     */
    static HfTokenizer create(String json, String[] textForms, String[] exactTextForms, TokenFloor floor, OptionalInt bos,
            String source)
            throws IOException {
        keepDjlOffline();
        Map<String, String> options = new HashMap<>();
        options.put("addSpecialTokens", "false");
        options.put("truncation", "false");
        options.put("padding", "false");
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), options);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IOException(source + ": the tokenizers library rejected it: " + e.getMessage(), e);
        }
        return new HfTokenizer(hf, textForms, exactTextForms, floor, bos, source);
    }

    /**
     * DJL's tokenizer factory calls {@code Ec2Utils.callHome}, which (unless tracking is opted out or DJL is
     * offline) reads EC2 instance metadata and sends telemetry over HTTP; offline mode also forbids
     * downloading a native library that the jar lacks. Set both, unless the environment already decides.
     */
    private static void keepDjlOffline() {
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    @Override
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        ensureOpen();
        long[] ids = hf.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        ensureOpen();
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            checkId(ids[i]);
            longs[i] = ids[i];
        }
        return ids.length == 0 ? "" : hf.decode(longs, false);
    }

    @Override
    public String token(int id) {
        checkId(id);
        return textForms[id];
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = idByText.get(Objects.requireNonNull(token, "token"));
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public long minTokens(String text) {
        return floor.of(Objects.requireNonNull(text, "text"));
    }

    @Override
    public OptionalInt bosToken() {
        return bos;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int vocabSize() {
        return textForms.length;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            hf.close();
        }
    }

    @Override
    public String toString() {
        return "Tokenizer[" + source + ", " + textForms.length + " tokens]";
    }

    private void checkId(int id) {
        if (id < 0 || id >= textForms.length) {
            throw new IllegalArgumentException("token id " + id + " outside 0.." + (textForms.length - 1));
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("tokenizer closed: " + source);
        }
    }
}
