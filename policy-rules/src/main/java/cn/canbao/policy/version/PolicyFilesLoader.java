package cn.canbao.policy.version;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

import cn.canbao.policy.effective.PolicyCatalog;

/**
 * Stores the policy files as versions at start, before any other start-up work (demo data, batch
 * jobs) assesses anybody: without it there is no policy to assess by.
 */
class PolicyFilesLoader implements ApplicationRunner, Ordered {

    private final PolicyVersionService service;

    PolicyFilesLoader(PolicyVersionService service) {
        this.service = service;
    }

    @Override
    public void run(ApplicationArguments args) {
        service.loadFiles(PolicyCatalog.readClasspathFiles());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
