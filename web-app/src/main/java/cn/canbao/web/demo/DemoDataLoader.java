package cn.canbao.web.demo;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.region.Region;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionDirectory;
import cn.canbao.region.RegionLevel;
import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.AppUserRepository;
import cn.canbao.web.user.Role;

/**
 * Demo profile only: invented villages (and townships where the documents name none) below the seed
 * regions, and one user per role and region. Everything it creates is flagged {@code demo}; it runs
 * on every start and adds only what is missing, so a restart changes nothing.
 */
@Component
@Profile("demo")
@Order(0)
class DemoDataLoader implements ApplicationRunner {

    /** The password of every demo user; listed in the README, never used outside the demo profile. */
    static final String DEMO_PASSWORD = "Canbao@2025";

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final RegionDirectory regions;
    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;

    DemoDataLoader(RegionDirectory regions, AppUserRepository users, PasswordEncoder passwordEncoder) {
        this.regions = regions;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        addDemoTownships(RegionCode.of("150702"), "海拉尔区");
        addDemoTownships(RegionCode.of("150823"), "乌拉特前旗");
        regions.children(RegionCode.of("340321")).stream()
                .filter(t -> t.level() == RegionLevel.TOWNSHIP)
                .forEach(this::addDemoVillages);
        DEMO_USERS.forEach(this::addUser);
        log.info("Demo data ready: {} demo users (password in README)", DEMO_USERS.size());
    }

    private void addDemoTownships(RegionCode county, String countyName) {
        for (int i = 1; i <= 2; i++) {
            RegionCode code = RegionCode.of(county.value() + String.format("%03d000", i));
            if (regions.find(code).isEmpty()) {
                regions.add(new Region(code, countyName + "演示街道" + i, true));
            }
            addDemoVillages(regions.get(code));
        }
    }

    private void addDemoVillages(Region township) {
        for (int i = 1; i <= 3; i++) {
            String value = township.code().value();
            RegionCode code = RegionCode.of(value.substring(0, 9) + String.format("%03d", 200 + i));
            if (regions.find(code).isEmpty()) {
                regions.add(new Region(code, township.name() + "演示" + "一二三".charAt(i - 1) + "村", true));
            }
        }
    }

    private void addUser(DemoUser demo) {
        if (!users.existsByUsername(demo.username())) {
            users.save(new AppUser(demo.username(), passwordEncoder.encode(DEMO_PASSWORD), demo.displayName(),
                    demo.role(), RegionCode.of(demo.region()), true));
        }
    }

    record DemoUser(String username, String displayName, Role role, String region) {
    }

    static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("admin", "系统管理员（内蒙古）", Role.ADMIN, "150000"),
            new DemoUser("admin.ah", "系统管理员（安徽）", Role.ADMIN, "340000"),
            new DemoUser("hlbe.supervisor", "呼伦贝尔市医保局督导", Role.SUPERVISOR, "150700"),
            new DemoUser("hailar.staff", "海拉尔区医保局经办", Role.COUNTY_STAFF, "150702"),
            new DemoUser("hailar.worker", "海拉尔区演示街道1工作人员", Role.TOWNSHIP_WORKER, "150702001000"),
            new DemoUser("wlqq.staff", "乌拉特前旗医保局经办", Role.COUNTY_STAFF, "150823"),
            new DemoUser("huaiyuan.staff", "怀远县医保局经办", Role.COUNTY_STAFF, "340321"),
            new DemoUser("huaiyuan.supervisor", "怀远县医保局督导", Role.SUPERVISOR, "340321"),
            new DemoUser("yinfeng.worker", "引凤街道工作人员", Role.TOWNSHIP_WORKER, "340321001000"),
            new DemoUser("wanghuai.worker", "望淮街道工作人员", Role.TOWNSHIP_WORKER, "340321002000"));
}
