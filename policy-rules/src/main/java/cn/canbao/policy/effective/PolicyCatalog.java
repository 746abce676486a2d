package cn.canbao.policy.effective;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import cn.canbao.policy.file.PolicyFile;
import cn.canbao.policy.file.PolicyFileError;
import cn.canbao.policy.file.PolicyFileException;
import cn.canbao.policy.file.PolicyFileReader;
import cn.canbao.region.RegionCode;

/**
 * All policy files, validated, and the effective policy per region and year (resolved once, then cached).
 * Built from the files in {@code policies/} on the classpath, or from any file-name → content map (e.g. the
 * latest stored versions).
 */
public final class PolicyCatalog {

    /** Lists the files of {@code policies/}: a plain classpath has no directory listing. */
    public static final String INDEX = "policies/index.txt";

    private final Map<String, PolicyFile> filesByKey;
    private final Map<String, String> fileNameByKey;
    private final Map<String, String> contentByFileName;
    private final Map<String, Optional<EffectivePolicy>> effective = new ConcurrentHashMap<>();

    private PolicyCatalog(Map<String, PolicyFile> filesByKey, Map<String, String> fileNameByKey,
                          Map<String, String> contentByFileName) {
        this.filesByKey = filesByKey;
        this.fileNameByKey = fileNameByKey;
        this.contentByFileName = contentByFileName;
    }

    /** Reads and validates every file; all problems of all files are reported together. */
    public static PolicyCatalog of(Map<String, String> contentByFileName) {
        Map<String, PolicyFile> files = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        List<PolicyFileError> errors = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(contentByFileName).entrySet()) {
            try {
                PolicyFile file = PolicyFileReader.read(entry.getKey(), entry.getValue());
                String key = key(file.region(), file.coverageYear());
                String previous = names.putIfAbsent(key, entry.getKey());
                if (previous != null) {
                    errors.add(new PolicyFileError(entry.getKey(), 1, "region " + file.region() + " year "
                            + file.coverageYear() + " is already defined by " + previous));
                }
                files.put(key, file);
            } catch (PolicyFileException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyFileException(errors);
        }
        return new PolicyCatalog(Collections.unmodifiableMap(files), Collections.unmodifiableMap(names),
                Collections.unmodifiableMap(new TreeMap<>(contentByFileName)));
    }

    /** The files shipped in {@code policy-rules/src/main/resources/policies}. */
    public static PolicyCatalog fromClasspath() {
        return of(readClasspathFiles());
    }

    /** File name → content of every file the classpath index lists. */
    public static Map<String, String> readClasspathFiles() {
        ClassLoader loader = PolicyCatalog.class.getClassLoader();
        Map<String, String> contents = new LinkedHashMap<>();
        for (String name : read(loader, INDEX).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            contents.put(name, read(loader, "policies/" + name));
        }
        return contents;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static String key(String region, int year) {
        return region + "-" + year;
    }

    /**
     * The policy for a region (any level; townships and villages use their county's) and coverage year, or
     * empty when no file along the hierarchy exists for that year.
     */
    public Optional<EffectivePolicy> effective(RegionCode region, int coverageYear) {
        return effective.computeIfAbsent(key(region.value(), coverageYear), k -> resolve(region, coverageYear));
    }

    private Optional<EffectivePolicy> resolve(RegionCode region, int coverageYear) {
        List<PolicyFile> chain = new ArrayList<>();
        List<EffectivePolicy.Source> sources = new ArrayList<>();
        for (RegionCode level : region.selfAndAncestors()) {
            String key = key(level.value(), coverageYear);
            PolicyFile file = filesByKey.get(key);
            if (file != null) {
                String name = fileNameByKey.get(key);
                chain.add(file);
                sources.add(new EffectivePolicy.Source(level.value(), name, sha256(contentByFileName.get(name))));
            }
        }
        return chain.isEmpty() ? Optional.empty() : Optional.of(new EffectivePolicy(region, coverageYear, chain, sources));
    }

    /** Every file, keyed by file name. */
    public Map<String, PolicyFile> files() {
        Map<String, PolicyFile> byName = new TreeMap<>();
        filesByKey.forEach((key, file) -> byName.put(fileNameByKey.get(key), file));
        return byName;
    }

    /** The raw text of every file, keyed by file name. */
    public Map<String, String> contents() {
        return contentByFileName;
    }

    /** Hex SHA-256 of a file's text: how a changed file is recognized. */
    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
