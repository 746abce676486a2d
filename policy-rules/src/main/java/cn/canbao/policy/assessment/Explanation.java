package cn.canbao.policy.assessment;

import cn.canbao.policy.ChineseNamed;
import cn.canbao.policy.Citation;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * One step of an assessment's reasoning, with the citation it rests on (null only for plain arithmetic).
 * The wording is a message key with arguments, so the same step reads in Chinese on the pages and in English in
 * logs and tests. Arguments may be plain values, enums (shown by their Chinese name, or by an {@code enum.*} entry
 * of the bundle), collections of those, or nested explanations (sentence parts with their own wording).
 */
public record Explanation(String key, List<Object> args, Citation citation) {

    private static final String BUNDLE = "cn.canbao.policy.assessment.explanations";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public Explanation {
        args = List.copyOf(args);
    }

    public static Explanation of(String key, Citation citation, Object... args) {
        return new Explanation(key, Arrays.asList(args), citation);
    }

    /** A sentence part without a citation of its own, used as an argument of another explanation. */
    public static Explanation part(String key, Object... args) {
        return of(key, null, args);
    }

    /** The English wording. */
    public String text() {
        return text(Locale.ROOT);
    }

    public String text(Locale locale) {
        ResourceBundle bundle = bundle(locale);
        Object[] formatted = args.stream().map(arg -> format(arg, bundle, locale)).toArray();
        return new MessageFormat(bundle.getString(key), Locale.ROOT).format(formatted);
    }

    /** The wording followed by the clause it rests on and its quote, as the API and stored reasons give it. */
    public String textWithCitation(Locale locale) {
        return citation == null ? text(locale) : text(locale) + " — " + citation;
    }

    @Override
    public String toString() {
        return textWithCitation(Locale.ROOT);
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, NO_DEFAULT_LOCALE_FALLBACK);
    }

    private static boolean chinese(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }

    private static String format(Object arg, ResourceBundle bundle, Locale locale) {
        if (arg instanceof Explanation part) {
            return part.text(locale);
        }
        if (arg instanceof Collection<?> items) {
            return items.stream().map(item -> format(item, bundle, locale))
                    .collect(Collectors.joining(chinese(locale) ? "、" : ", "));
        }
        if (arg instanceof Enum<?> value) {
            String enumKey = "enum." + value.getDeclaringClass().getSimpleName() + "." + value.name();
            if (bundle.containsKey(enumKey)) {
                return bundle.getString(enumKey);
            }
            if (value instanceof ChineseNamed named) {
                return chinese(locale) ? named.chineseName() : value.name() + " (" + named.chineseName() + ")";
            }
        }
        return String.valueOf(arg);
    }
}
