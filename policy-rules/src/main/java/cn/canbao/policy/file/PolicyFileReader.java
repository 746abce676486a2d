package cn.canbao.policy.file;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.canbao.money.Money;
import cn.canbao.policy.file.PolicyFile.CategoryExtension;
import cn.canbao.policy.file.PolicyFile.FiscalShare;
import cn.canbao.policy.file.PolicyFile.FiscalTier;
import cn.canbao.policy.file.PolicyFile.FunderPart;
import cn.canbao.policy.file.PolicyFile.Share;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one policy file strictly: unknown keys, missing citations or values, bad dates, overlapping windows,
 * unknown codes and inconsistent entries are errors naming the file and the line. Nothing is guessed.
 */
public final class PolicyFileReader {

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule("canbao-money").addDeserializer(Money.class, new MoneyDeserializer()))
            .build();

    private PolicyFileReader() {
    }

    /** Parses and validates; the file name must be {@code <region>-<coverageYear>.yaml}. */
    public static PolicyFile read(String fileName, String yaml) {
        LineIndex lines = LineIndex.of(yaml, MAPPER);
        PolicyFile file;
        try {
            file = MAPPER.readValue(yaml, PolicyFile.class);
        } catch (JacksonException e) {
            throw new PolicyFileException(List.of(new PolicyFileError(fileName, lineOf(e, lines), describe(e))));
        }
        if (file == null) {
            throw new PolicyFileException(List.of(new PolicyFileError(fileName, 1, "the file is empty")));
        }
        List<PolicyFileError> errors = new ArrayList<>();
        new Validator(fileName, lines, errors).validate(file);
        if (!errors.isEmpty()) {
            throw new PolicyFileException(errors);
        }
        return file;
    }

    private static int lineOf(JacksonException e, LineIndex lines) {
        if (!e.getPath().isEmpty()) {
            return lines.lineOf(LineIndex.pointerOf(e.getPath()));
        }
        return e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() : 1;
    }

    private static String describe(JacksonException e) {
        String at = e.getPath().isEmpty() ? "" : " at " + LineIndex.pointerOf(e.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown key '" + unknown.getPropertyName() + "'" + at;
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return "unknown " + invalid.getTargetType().getSimpleName() + " code '" + invalid.getValue() + "'" + at
                    + " (allowed: " + Arrays.toString(invalid.getTargetType().getEnumConstants()) + ")";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "bad value '" + invalid.getValue() + "' for " + invalid.getTargetType().getSimpleName() + at;
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage() + at;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
        return message + at;
    }

    /** Money from "400.00" or 400: at most two decimal places. */
    private static final class MoneyDeserializer extends ValueDeserializer<Money> {
        @Override
        public Money deserialize(JsonParser parser, DeserializationContext context) {
            try {
                if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                    return Money.of(parser.getDecimalValue());
                }
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    return Money.parse(parser.getString());
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                return context.reportInputMismatch(this, "bad amount: " + e.getMessage());
            }
            return context.reportInputMismatch(this, "an amount is a number or a string like \"400.00\"");
        }
    }

    /** Checks that span several entries (and so cannot live in one record's constructor). */
    private record Validator(String fileName, LineIndex lines, List<PolicyFileError> errors) {

        void validate(PolicyFile file) {
            RegionCode region = null;
            try {
                region = RegionCode.of(file.region());
                if (region.level().isAbove(RegionLevel.PROVINCE) || !region.level().isAbove(RegionLevel.TOWNSHIP)) {
                    error("/region", "a policy belongs to a province, city or county, not a " + region.level());
                }
            } catch (IllegalArgumentException e) {
                error("/region", e.getMessage());
            }
            String expected = file.region() + "-" + file.coverageYear() + ".yaml";
            if (!fileName.endsWith(expected)) {
                error("/region", "the file for region " + file.region() + " and year " + file.coverageYear() + " must be named " + expected);
            }
            if (file.coveragePeriod() != null && file.coveragePeriod().start().getYear() != file.coverageYear()) {
                error("/coveragePeriod/start", "the coverage period does not start in coverage year " + file.coverageYear());
            }
            unique(file.eligibleCategories(), "/eligibleCategories", e -> e.category().name());
            unique(file.categoryStandards(), "/categoryStandards", s -> s.category() + " born " + s.bornInYear());
            extensions(file);
            schemes(file);
            if (file.fiscal() != null) {
                fiscal(file.fiscal());
            }
        }

        private void extensions(PolicyFile file) {
            List<CategoryExtension> extensions = file.categoryExtensions() == null ? List.of() : file.categoryExtensions();
            for (int i = 0; i < extensions.size(); i++) {
                CategoryExtension extension = extensions.get(i);
                if (file.collectionWindow() != null && !extension.start().isAfter(file.collectionWindow().end())) {
                    error("/categoryExtensions/" + i + "/start", "extension for " + extension.category()
                            + " starting " + extension.start() + " overlaps the collection window ending " + file.collectionWindow().end());
                }
                for (int j = 0; j < i; j++) {
                    CategoryExtension other = extensions.get(j);
                    if (other.category() == extension.category()
                            && !extension.start().isAfter(other.end()) && !other.start().isAfter(extension.end())) {
                        error("/categoryExtensions/" + i, "extension for " + extension.category() + " overlaps entry " + j);
                    }
                }
            }
        }

        private void schemes(PolicyFile file) {
            List<SubsidyScheme> schemes = file.subsidySchemes() == null ? List.of() : file.subsidySchemes();
            Set<String> ids = new HashSet<>();
            Map<Integer, String> priorities = new HashMap<>();
            for (int i = 0; i < schemes.size(); i++) {
                SubsidyScheme scheme = schemes.get(i);
                String at = "/subsidySchemes/" + i;
                if (!ids.add(scheme.id())) {
                    error(at + "/id", "scheme id '" + scheme.id() + "' is used twice");
                }
                String previous = priorities.putIfAbsent(scheme.priority(), scheme.id());
                if (previous != null) {
                    error(at + "/priority", "priority " + scheme.priority() + " is also used by scheme '" + previous
                            + "'; ties must be broken by distinct priorities");
                }
                boolean full = scheme.funders().stream().anyMatch(p -> p.share() == Share.FULL);
                if (full && scheme.funders().size() > 1) {
                    error(at + "/funders", "a FULL share pays the whole standard and cannot be combined with other parts");
                }
                Money fixed = scheme.funders().stream().map(FunderPart::amount).filter(a -> a != null).reduce(Money.ZERO, Money::plus);
                if (file.personalStandard() != null && fixed.compareTo(file.personalStandard().amount()) > 0) {
                    error(at + "/funders", "the parts (" + fixed + ") exceed the personal standard " + file.personalStandard().amount());
                }
            }
        }

        private void fiscal(PolicyFile.FiscalRules fiscal) {
            Set<String> tierNames = new HashSet<>();
            Map<String, String> tierOfRegion = new HashMap<>();
            for (int i = 0; i < fiscal.tiers().size(); i++) {
                FiscalTier tier = fiscal.tiers().get(i);
                if (!tierNames.add(tier.tier())) {
                    error("/fiscal/tiers/" + i + "/tier", "tier '" + tier.tier() + "' is listed twice");
                }
                for (int r = 0; r < tier.regions().size(); r++) {
                    String code = tier.regions().get(r);
                    try {
                        RegionCode.of(code);
                    } catch (IllegalArgumentException e) {
                        error("/fiscal/tiers/" + i + "/regions/" + r, e.getMessage());
                    }
                    String previous = tierOfRegion.putIfAbsent(code, tier.tier());
                    if (previous != null) {
                        error("/fiscal/tiers/" + i + "/regions/" + r, "region " + code + " is already in tier '" + previous + "'");
                    }
                }
            }
            BigDecimal percents = BigDecimal.ZERO;
            for (int i = 0; i < fiscal.shares().size(); i++) {
                FiscalShare share = fiscal.shares().get(i);
                if (share.percent() != null) {
                    percents = percents.add(share.percent());
                }
                if (share.percentOfRemainderByTier() != null && !fiscal.tiers().isEmpty()) {
                    for (String tier : share.percentOfRemainderByTier().keySet()) {
                        if (!tierNames.contains(tier)) {
                            error("/fiscal/shares/" + i + "/percentOfRemainderByTier", "tier '" + tier + "' has no region list in 'tiers'");
                        }
                    }
                }
                if (share.rest() && i != fiscal.shares().size() - 1) {
                    error("/fiscal/shares/" + i, "'rest' must be the last share");
                }
            }
            if (percents.compareTo(BigDecimal.valueOf(100)) > 0) {
                error("/fiscal/shares", "the percents add up to " + percents + ", more than 100");
            }
        }

        private <T> void unique(List<T> entries, String at, java.util.function.Function<T, String> key) {
            if (entries == null) {
                return;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                if (!seen.add(key.apply(entries.get(i)))) {
                    error(at + "/" + i, "duplicate entry " + key.apply(entries.get(i)));
                }
            }
        }

        private void error(String pointer, String message) {
            errors.add(new PolicyFileError(fileName, lines.lineOf(pointer), message));
        }
    }
}
