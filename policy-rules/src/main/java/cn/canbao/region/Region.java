package cn.canbao.region;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One administrative division (org unit). Rows come from Flyway (seed regions) or the demo loader. */
@Entity
@Table(name = "region")
public class Region {

    @Id
    private String code;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RegionLevel level;

    @Column(name = "parent_code")
    private String parentCode;

    @Column(name = "short_names")
    private String shortNames;

    @Column(nullable = false)
    private boolean demo;

    protected Region() {
    }

    public Region(RegionCode code, String name, boolean demo) {
        this.code = code.value();
        this.name = name;
        this.level = code.level();
        this.parentCode = code.parent().map(RegionCode::value).orElse(null);
        this.demo = demo;
    }

    public RegionCode code() {
        return RegionCode.of(code);
    }

    public String name() {
        return name;
    }

    public RegionLevel level() {
        return level;
    }

    public String parentCode() {
        return parentCode;
    }

    public String shortNames() {
        return shortNames;
    }

    public boolean isDemo() {
        return demo;
    }
}
