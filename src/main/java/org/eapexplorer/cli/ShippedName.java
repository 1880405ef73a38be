package org.eapexplorer.cli;

import java.nio.file.Path;
import org.eapexplorer.io.ShippedFiles;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters for the inputs the program ships: an existing path is taken as given, any other value is looked up
 * among the shipped models, prompt sets or ground truths by name ({@link ShippedFiles}), and a value that is neither
 * is refused listing the shipped names. The window's own {@code ui --model/--prompts} take them the same way.
 */
public final class ShippedName {

    private ShippedName() {
    }

    static Path resolve(ShippedFiles.Kind kind, String value) {
        try {
            return ShippedFiles.detect().resolve(kind, value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    public static final class Model implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return resolve(ShippedFiles.Kind.MODEL, value);
        }
    }

    public static final class Prompts implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return resolve(ShippedFiles.Kind.PROMPTS, value);
        }
    }

    public static final class Truth implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return resolve(ShippedFiles.Kind.GROUND_TRUTH, value);
        }
    }
}
