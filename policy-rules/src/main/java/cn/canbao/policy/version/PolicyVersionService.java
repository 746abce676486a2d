package cn.canbao.policy.version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.file.PolicyFileException;
import cn.canbao.region.RegionCode;

/**
 * Versioned policies: loads the policy files at start (a new version only when a file's content changed since it
 * was last loaded), serves the effective policy of a region and year built from the latest versions together with
 * the version id an assessment must record, and stores changes by ADMIN or COUNTY_STAFF as new versions.
 */
public class PolicyVersionService {

    /** The {@code created_by} of versions loaded from the files. */
    public static final String FILE_LOADER = "policy-files";
    private static final Set<String> ROLES_THAT_MAY_CHANGE = Set.of("ADMIN", "COUNTY_STAFF");
    private static final Logger log = LoggerFactory.getLogger(PolicyVersionService.class);

    private final PolicyVersionRepository repository;
    private volatile Snapshot snapshot;
    private final Map<String, Long> effectiveVersionIds = new ConcurrentHashMap<>();

    /** The catalog of the latest versions and those versions by file name. */
    private record Snapshot(PolicyCatalog catalog, Map<String, PolicyVersion> latestByFileName) {
    }

    public PolicyVersionService(PolicyVersionRepository repository) {
        this.repository = repository;
    }

    /**
     * Stores every file whose content differs from its last loaded version (or was never loaded). Versions users
     * made since stay unless the file itself changed. Returns the versions stored.
     */
    @Transactional
    public synchronized List<PolicyVersion> loadFiles(Map<String, String> contentByFileName) {
        PolicyCatalog files = PolicyCatalog.of(contentByFileName);
        List<PolicyVersion> stored = new ArrayList<>();
        files.files().forEach((fileName, file) -> {
            String content = contentByFileName.get(fileName);
            String sha = PolicyCatalog.sha256(content);
            Optional<PolicyVersion> lastLoaded = repository.latestFromFile(file.region(), file.coverageYear());
            if (lastLoaded.isEmpty() || !lastLoaded.get().contentSha256().equals(sha)) {
                stored.add(repository.insertNext(file.region(), file.coverageYear(), fileName, content, sha, PolicyVersion.Source.FILE,
                        FILE_LOADER, null, lastLoaded.isEmpty() ? "loaded from policies/" + fileName
                                : "policies/" + fileName + " changed since version " + lastLoaded.get().version()));
            }
        });
        log.info("Policy files loaded: {} file(s), {} new version(s)", contentByFileName.size(), stored.size());
        refresh();
        return stored;
    }

    /** Stores a user's change as a new version after checking role, region, reason and the whole file. */
    @Transactional
    public synchronized PolicyVersion revise(PolicyRevision revision) {
        if (!ROLES_THAT_MAY_CHANGE.contains(revision.role())) {
            throw new PolicyVersionException("role " + revision.role() + " may not change policies (ADMIN or COUNTY_STAFF only)");
        }
        if ("COUNTY_STAFF".equals(revision.role()) && (revision.userRegion() == null || !revision.region().isWithin(revision.userRegion()))) {
            throw new PolicyVersionException("COUNTY_STAFF of " + revision.userRegion() + " may not change the policy of " + revision.region());
        }
        if (revision.reason() == null || revision.reason().isBlank()) {
            throw new PolicyVersionException("a policy change needs a reason");
        }
        if (revision.username() == null || revision.username().isBlank()) {
            throw new PolicyVersionException("a policy change needs the user who makes it");
        }
        String fileName = revision.region().value() + "-" + revision.coverageYear() + ".yaml";
        Map<String, String> contents = new HashMap<>(snapshot().catalog().contents());
        String previous = contents.put(fileName, revision.content());
        if (revision.content().equals(previous)) {
            throw new PolicyVersionException("the content is the same as the current version; nothing to store");
        }
        try {
            PolicyCatalog.of(contents);
        } catch (PolicyFileException e) {
            throw new PolicyVersionException("the changed policy is not valid:\n" + e.getMessage());
        }
        PolicyVersion version = repository.insertNext(revision.region().value(), revision.coverageYear(), fileName, revision.content(),
                PolicyCatalog.sha256(revision.content()), PolicyVersion.Source.USER, revision.username(), revision.role(), revision.reason());
        refresh();
        return version;
    }

    /** The effective policy of a region (any level) and year from the latest versions, with the id to record. */
    public Optional<ResolvedPolicy> effective(RegionCode region, int coverageYear) {
        Snapshot current = snapshot();
        Optional<EffectivePolicy> policy = current.catalog().effective(region, coverageYear);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        List<PolicyVersion> sources = policy.get().sources().stream().map(s -> current.latestByFileName().get(s.fileName())).toList();
        long id = effectiveVersionIds.computeIfAbsent(region.value() + "-" + coverageYear + "-" + sources.stream().map(v -> String.valueOf(v.id())).toList(),
                key -> repository.effectiveVersionId(region.value(), coverageYear, sources.stream().map(PolicyVersion::id).toList()));
        return Optional.of(new ResolvedPolicy(policy.get(), id, sources));
    }

    /** The catalog of the latest versions: use it for batches (its effective policies are cached). */
    public PolicyCatalog catalog() {
        return snapshot().catalog();
    }

    /** Every version of a region's own file for a year, newest first. */
    public List<PolicyVersion> history(RegionCode region, int coverageYear) {
        return repository.history(region.value(), coverageYear);
    }

    public Optional<PolicyVersion> version(long id) {
        return repository.findById(id);
    }

    /** The stored file versions an effective version id stands for, nearest region first. */
    public List<PolicyVersion> sourcesOfEffectiveVersion(long effectiveVersionId) {
        return repository.sourceVersionIds(effectiveVersionId).stream().map(id -> repository.findById(id).orElseThrow()).toList();
    }

    /**
     * The effective policy a past version of a region's own file gives (the enclosing regions' latest versions
     * unchanged): what the browser's diff compares.
     */
    public EffectivePolicy effectiveWith(PolicyVersion version) {
        Map<String, String> contents = new HashMap<>(snapshot().catalog().contents());
        contents.put(version.fileName(), version.content());
        return PolicyCatalog.of(contents).effective(RegionCode.of(version.regionCode()), version.coverageYear()).orElseThrow();
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null) {
            refresh();
            current = snapshot;
        }
        return current;
    }

    private synchronized void refresh() {
        Map<String, String> contents = new HashMap<>();
        Map<String, PolicyVersion> byFile = new HashMap<>();
        for (PolicyVersion version : repository.latestVersions()) {
            contents.put(version.fileName(), version.content());
            byFile.put(version.fileName(), version);
        }
        snapshot = new Snapshot(PolicyCatalog.of(contents), Map.copyOf(byFile));
    }
}
