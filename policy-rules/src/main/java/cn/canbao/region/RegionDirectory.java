package cn.canbao.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The org tree held in memory: a county has a few thousand divisions at most, and every request
 * asks "is X at or below Y" and "what is X called", so reading the table once pays off.
 */
@Service
public class RegionDirectory {

    private final RegionRepository regions;
    private final AtomicReference<Map<String, Region>> byCode = new AtomicReference<>();

    public RegionDirectory(RegionRepository regions) {
        this.regions = regions;
    }

    public Optional<Region> find(RegionCode code) {
        return Optional.ofNullable(all().get(code.value()));
    }

    public Region get(RegionCode code) {
        return find(code).orElseThrow(() -> new UnknownRegionException(code));
    }

    public String nameOf(RegionCode code) {
        return find(code).map(Region::name).orElse(code.value());
    }

    public List<Region> children(RegionCode code) {
        return all().values().stream()
                .filter(r -> code.value().equals(r.parentCode()))
                .sorted(Comparator.comparing(r -> r.code().value()))
                .toList();
    }

    /** The region and all regions below it, parents before children. */
    public List<Region> subtree(RegionCode code) {
        List<Region> result = new ArrayList<>();
        find(code).ifPresent(root -> collect(root, result));
        return result;
    }

    private void collect(Region region, List<Region> into) {
        into.add(region);
        children(region.code()).forEach(child -> collect(child, into));
    }

    /** Names from the province down to this region, e.g. 安徽省 / 蚌埠市 / 怀远县. */
    public List<Region> path(RegionCode code) {
        List<Region> path = new ArrayList<>();
        for (RegionCode c : code.selfAndAncestors()) {
            find(c).ifPresent(r -> path.add(0, r));
        }
        return path;
    }

    public List<Region> roots() {
        return all().values().stream().filter(r -> r.parentCode() == null)
                .sorted(Comparator.comparing(r -> r.code().value())).toList();
    }

    @Transactional
    public Region add(Region region) {
        Region saved = regions.save(region);
        byCode.set(null);
        return saved;
    }

    private Map<String, Region> all() {
        Map<String, Region> map = byCode.get();
        if (map == null) {
            map = regions.findAll().stream().collect(Collectors.toUnmodifiableMap(r -> r.code().value(), Function.identity()));
            byCode.set(map);
        }
        return map;
    }
}
