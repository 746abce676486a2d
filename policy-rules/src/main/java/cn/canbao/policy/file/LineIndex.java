package cn.canbao.policy.file;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/** The line where each JSON-pointer path of a YAML document starts, so any error can name its line. */
final class LineIndex {

    private final Map<String, Integer> lineByPointer;

    private LineIndex(Map<String, Integer> lineByPointer) {
        this.lineByPointer = lineByPointer;
    }

    /** Indexes what parses; a syntax error later in the text leaves the index partial (the reader reports it). */
    static LineIndex of(String yaml, ObjectMapper mapper) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = mapper.createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.streamReadContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        } catch (JacksonException syntaxError) {
            // reported by the reader with its own location
        }
        return new LineIndex(lines);
    }

    /** The line of the path, or of its nearest indexed ancestor; 1 when nothing matches. */
    int lineOf(String pointer) {
        String current = pointer;
        while (true) {
            Integer line = lineByPointer.get(current);
            if (line != null) {
                return line;
            }
            if (current.isEmpty()) {
                return 1;
            }
            current = current.substring(0, current.lastIndexOf('/'));
        }
    }

    static String pointerOf(List<JacksonException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            pointer.append('/');
            pointer.append(reference.getPropertyName() != null ? reference.getPropertyName() : String.valueOf(reference.getIndex()));
        }
        return pointer.toString();
    }
}
