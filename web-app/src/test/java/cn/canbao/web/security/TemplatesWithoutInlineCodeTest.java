package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The CSP forbids inline scripts and styles, so a template that has one breaks in the browser; this
 * finds them before a user does: script elements without src (other than JSON data blocks), event
 * handler attributes, style attributes and elements, javascript: links.
 */
class TemplatesWithoutInlineCodeTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final List<Pattern> INLINE = List.of(
            Pattern.compile("<script(?![^>]*\\b(th:)?src=)(?![^>]*type=\"application/json\")[^>]*>", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\s(th:)?style\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("<style", Pattern.CASE_INSENSITIVE),
            Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));

    @Test
    void noTemplateHasInlineScriptOrStyle() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".html")).flatMap(p -> {
                String html = read(p);
                return INLINE.stream().filter(pattern -> pattern.matcher(html).find()).map(pattern -> p + ": " + pattern);
            }).toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void theCheckFindsAnInlineScript() {
        assertThat(INLINE.get(0).matcher("<script>alert(1)</script>").find()).isTrue();
        assertThat(INLINE.get(0).matcher("<script th:src=\"@{/js/a.js}\"></script>").find()).isFalse();
        assertThat(INLINE.get(0).matcher("<script type=\"application/json\" id=\"d\">{}</script>").find()).isFalse();
        assertThat(INLINE.get(1).matcher("<a onclick=\"x()\">").find()).isTrue();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
