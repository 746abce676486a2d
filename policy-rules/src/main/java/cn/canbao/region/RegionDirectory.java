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
    private final AtomicReference<Tree> tree = new AtomicReference<>();

    /** The regions by code and each region's children in code order, read once and rebuilt after a change. */
    private record Tree(Map<String, Region> byCode, Map<String, List<Region>> children) {

        static Tree of(List<Region> regions) {
            Map<String, Region> byCode = regions.stream().collect(Collectors.toUnmodifiableMap(r -> r.code().value(), Function.identity()));
            Map<String, List<Region>> children = regions.stream().filter(r -> r.parentCode() != null)
                    .sorted(Comparator.comparing(r -> r.code().value()))
                    .collect(Collectors.groupingBy(Region::parentCode, Collectors.toUnmodifiableList()));
            return new Tree(byCode, children);
        }
    }

    public RegionDirectory(RegionRepository regions) {
        this.regions = regions;
    }

    public Optional<Region> find(RegionCode code) {
        return Optional.ofNullable(tree().byCode().get(code.value()));
    }

    public Region get(RegionCode code) {
        return find(code).orElseThrow(() -> new UnknownRegionException(code));
    }

    public String nameOf(RegionCode code) {
        return find(code).map(Region::name).orElse(code.value());
    }

    public List<Region> children(RegionCode code) {
        return tree().children().getOrDefault(code.value(), List.of());
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
        return tree().byCode().values().stream().filter(r -> r.parentCode() == null)
                .sorted(Comparator.comparing(r -> r.code().value())).toList();
    }

    @Transactional
    public Region add(Region region) {
        Region saved = regions.save(region);
        tree.set(null);
        return saved;
    }

    private Tree tree() {
        Tree current = tree.get();
        if (current == null) {
            current = Tree.of(regions.findAll());
            tree.set(current);
        }
        return current;
    }
}
