package cn.canbao.web.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.region.RegionCode;

/**
 * A production database starts with no users and no demo users are ever created there, so the first
 * administrator comes from the environment ({@code CANBAO_INITIAL_ADMIN_PASSWORD}), only while the
 * user table is empty, and must change the password at first login.
 */
@Component
class InitialAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final String password;
    private final String region;

    InitialAdministrator(AppUserRepository users, PasswordEncoder passwordEncoder,
            @Value("${canbao.initial-admin.password:}") String password,
            @Value("${canbao.initial-admin.region:150000}") String region) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.password = password;
        this.region = region;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (password.isBlank() || users.count() > 0) {
            return;
        }
        AppUser admin = new AppUser("admin", passwordEncoder.encode(password), "系统管理员", Role.ADMIN, RegionCode.of(region), false);
        admin.requirePasswordChange();
        users.save(admin);
        log.info("Created the initial administrator 'admin' for region {}", region);
    }
}
